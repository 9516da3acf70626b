package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The requests of protocol version 2 that travel over the WebSocket ({@code recall}, {@code edit},
 * {@code channelAck}, {@code typing}, {@code subscribePresence}, {@code publishPresence}) and how their futures learn
 * the outcome. Used on the client's loop thread only.
 *
 * <h2>Correlation</h2>
 * The server answers a failed request with an {@code error} frame that names no request (only a {@code send} has a
 * {@code localId}), and a successful one mostly with nothing. So:
 * <ul>
 *   <li>An {@code error} without a {@code localId} fails the <em>oldest</em> waiting request whose kind can meet that
 *       code ({@link Kind}); the server handles a session's frames in order, so the oldest is the one it answers first.
 *       An error no waiting request can meet is raised with {@link ChatEventHandler#onError} as before.</li>
 *   <li>A request succeeds early on an answer that names it: a recall on the {@code recalled} of that message by this
 *       user, an edit on the {@code edited} by this user with that text, a subscription once a {@code presence} for
 *       each of its users has arrived (these echoes reach this session if the server sends them to all of the user's
 *       sessions; the protocol promises them to the other devices, so the SDK does not count on them).</li>
 *   <li>Otherwise it succeeds once no error met it within the settle time ({@link ChatOptions#requestSettleTime()},
 *       2 s by default). This is a bet, not a proof: an error the server sends later than that is raised with
 *       {@code onError} instead.</li>
 *   <li>It fails with {@link ErrorCode#DISCONNECTED} when the connection is lost first; the server may or may not
 *       have carried it out.</li>
 * </ul>
 * Presence subscriptions and the published status line belong to the session on the server; after a reconnect they are
 * sent again ({@link #loggedIn()}), without futures. A new login after the session ended starts without them.
 */
final class Requests {
    /** The codes any request may meet: invalid (or, from a version 1 server, unknown) frame, server busy, rate. */
    private static final Set<Integer> COMMON = Set.of(ErrorCode.BAD_FRAME.code(), ErrorCode.SERVER_BUSY.code(),
            ErrorCode.RATE_LIMITED.code());

    /** A kind of request and the error codes (besides {@link #COMMON}) that answer it. */
    enum Kind {
        RECALL(ErrorCode.RECALL_WINDOW_PASSED, ErrorCode.PERMISSION_DENIED, ErrorCode.USER_NOT_FOUND,
                ErrorCode.GROUP_NOT_MEMBER, ErrorCode.GROUP_NOT_FOUND),
        EDIT(ErrorCode.PERMISSION_DENIED, ErrorCode.MESSAGE_TOO_LARGE, ErrorCode.USER_NOT_FOUND,
                ErrorCode.GROUP_NOT_MEMBER, ErrorCode.GROUP_NOT_FOUND),
        CHANNEL_ACK(ErrorCode.GROUP_INVALID_ID, ErrorCode.GROUP_NOT_MEMBER, ErrorCode.GROUP_NOT_FOUND,
                ErrorCode.USER_NOT_FOUND),
        TYPING(ErrorCode.GROUP_INVALID_ID, ErrorCode.GROUP_NOT_MEMBER, ErrorCode.GROUP_NOT_FOUND,
                ErrorCode.USER_NOT_FOUND),
        SUBSCRIBE_PRESENCE(ErrorCode.LIMIT_REACHED, ErrorCode.USER_NOT_FOUND),
        PUBLISH_PRESENCE(ErrorCode.MESSAGE_TOO_LARGE);

        private final Set<Integer> codes = new HashSet<>(COMMON);

        Kind(ErrorCode... codes) {
            for (ErrorCode code : codes) {
                this.codes.add(code.code());
            }
        }

        /** Whether an error with this code can answer a request of this kind. */
        boolean meets(int code) {
            return codes.contains(code);
        }
    }

    /** A request on the wire, waiting for its outcome. */
    private static final class Pending {
        final Kind kind;
        final String key;
        final CompletableFuture<?> future;
        final Consumer<Pending> succeed;
        final Set<String> awaitedUsers;
        final List<PresenceEvent> arrived = new ArrayList<>();
        ScheduledFuture<?> settle;

        Pending(Kind kind, String key, CompletableFuture<?> future, Consumer<Pending> succeed, Set<String> awaitedUsers) {
            this.kind = kind;
            this.key = key;
            this.future = future;
            this.succeed = succeed;
            this.awaitedUsers = awaitedUsers;
        }
    }

    private final ScheduledExecutorService loop;
    private final Duration settleTime;
    private final Consumer<Frame.ClientFrame> write;
    private final TypingThrottle typing;
    private final List<Pending> pending = new ArrayList<>();
    private final Set<String> subscribed = new LinkedHashSet<>();
    private String description = "";
    private boolean published;

    Requests(ScheduledExecutorService loop, Duration settleTime, Consumer<Frame.ClientFrame> write,
             LongSupplier nanoClock) {
        this.loop = loop;
        this.settleTime = settleTime;
        this.write = write;
        this.typing = new TypingThrottle(nanoClock);
    }

    // ---- requests (the session checks that it is logged in) -------------------------------------------------------

    void recall(String messageId, CompletableFuture<Void> future) {
        start(Kind.RECALL, messageId, new Frame.Recall(messageId), future, p -> Completions.succeed(future, null));
    }

    void edit(String messageId, String text, CompletableFuture<Void> future) {
        start(Kind.EDIT, messageId + "\n" + text, new Frame.Edit(messageId, text), future,
                p -> Completions.succeed(future, null));
    }

    void channelAck(ConversationId conversation, CompletableFuture<Void> future) {
        start(Kind.CHANNEL_ACK, "", Frame.ChannelAck.of(conversation.chatType(), conversation.id()), future,
                p -> Completions.succeed(future, null));
    }

    /** Sends a read receipt ({@code read}); the server answers nothing, so it is done once written. */
    void read(String messageId, CompletableFuture<Void> future) {
        write.accept(new Frame.Read(messageId));
        Completions.succeed(future, null);
    }

    /** Sends a typing indication unless one went to this conversation less than a second ago (then: done at once). */
    void typing(ConversationId conversation, CompletableFuture<Void> future) {
        if (!typing.tryAcquire(conversation)) {
            Completions.succeed(future, null);
            return;
        }
        start(Kind.TYPING, "", Frame.Typing.of(conversation.chatType(), conversation.id()), future,
                p -> Completions.succeed(future, null));
    }

    /** Subscribes to 1 to 100 users; completes with the presences that arrived until it settled. */
    void subscribe(List<String> users, CompletableFuture<List<PresenceEvent>> future) {
        Set<String> awaited = new LinkedHashSet<>();
        users.forEach(u -> awaited.add(u.toLowerCase(Locale.ROOT)));
        subscribed.addAll(awaited);
        start(Kind.SUBSCRIBE_PRESENCE, "", new Frame.SubscribePresence(List.copyOf(awaited)), future,
                p -> Completions.succeed(future, List.copyOf(p.arrived)));
    }

    void publish(String statusLine, CompletableFuture<Void> future) {
        description = statusLine;
        published = true;
        start(Kind.PUBLISH_PRESENCE, "", new Frame.PublishPresence(statusLine), future,
                p -> Completions.succeed(future, null));
    }

    private void start(Kind kind, String key, Frame.ClientFrame frame, CompletableFuture<?> future,
                       Consumer<Pending> succeed) {
        Set<String> awaited = frame instanceof Frame.SubscribePresence s ? new HashSet<>(s.users()) : new HashSet<>();
        Pending p = new Pending(kind, key, future, succeed, awaited);
        pending.add(p);
        p.settle = loop.schedule(() -> succeed(p), settleTime.toNanos(), TimeUnit.NANOSECONDS);
        write.accept(frame);
    }

    // ---- answers (from the session's frames) ----------------------------------------------------------------------

    /** An error without a local id: fails the oldest request it can answer; whether there was one. */
    boolean error(ChatException failure) {
        for (Pending p : pending) {
            if (p.kind.meets(failure.code())) {
                remove(p);
                Completions.fail(p.future, failure);
                return true;
            }
        }
        return false;
    }

    /** A message was recalled: the echo of this user's own recall, if it was this user's. */
    void recalled(Frame.Recalled r, String me) {
        if (r.from().equalsIgnoreCase(me)) {
            answered(Kind.RECALL, r.id());
        }
    }

    /** A message was edited: the echo of this user's own edit, if it was this user's. */
    void edited(Frame.Edited e, String me) {
        if (e.from().equalsIgnoreCase(me)) {
            answered(Kind.EDIT, e.id() + "\n" + e.msg());
        }
    }

    /** A presence arrived: counts for the subscriptions waiting for it. */
    void presence(PresenceEvent presence) {
        String user = presence.user().toLowerCase(Locale.ROOT);
        for (Pending p : List.copyOf(pending)) {
            if (p.awaitedUsers.remove(user)) {
                p.arrived.add(presence);
                if (p.awaitedUsers.isEmpty()) {
                    succeed(p);
                }
            }
        }
    }

    // ---- the session's life ---------------------------------------------------------------------------------------

    /** Logged in (again): the subscriptions and the status line of this session are sent again. */
    void loggedIn() {
        List<String> users = List.copyOf(subscribed);
        for (int from = 0; from < users.size(); from += Frame.SubscribePresence.MAX_USERS) {
            write.accept(new Frame.SubscribePresence(
                    users.subList(from, Math.min(users.size(), from + Frame.SubscribePresence.MAX_USERS))));
        }
        if (published) {
            write.accept(new Frame.PublishPresence(description));
        }
    }

    /** The connection is gone: every waiting request fails with {@link ErrorCode#DISCONNECTED}. */
    void linkDropped() {
        ChatException failure = new ChatException(ErrorCode.DISCONNECTED,
                "the connection was lost before the server answered");
        for (Pending p : List.copyOf(pending)) {
            remove(p);
            Completions.fail(p.future, failure);
        }
    }

    /** The session ended: the next login starts without subscriptions, status line or typing history. */
    void sessionEnded() {
        linkDropped();
        subscribed.clear();
        description = "";
        published = false;
        typing.clear();
    }

    private void answered(Kind kind, String key) {
        for (Pending p : pending) {
            if (p.kind == kind && p.key.equals(key)) {
                succeed(p);
                return;
            }
        }
    }

    private void succeed(Pending p) {
        if (remove(p)) {
            p.succeed.accept(p);
        }
    }

    private boolean remove(Pending p) {
        if (!pending.remove(p)) {
            return false;
        }
        ClientLoop.cancel(p.settle);
        return true;
    }
}
