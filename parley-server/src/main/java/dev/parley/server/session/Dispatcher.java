package dev.parley.server.session;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameException;
import dev.parley.protocol.token.TokenException;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.protocol.token.VerifiedToken;
import dev.parley.server.AppKey;
import dev.parley.server.UserIds;
import dev.parley.server.limit.LogLimiter;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.Write;
import jakarta.websocket.CloseReason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Decodes each incoming text frame once and hands it to the one place that owns its concern: sign-in, sending
 * ({@link Sending}), receipts, token renewal, heartbeat, and the version 2 frames that change a conversation
 * ({@link ConversationEvents}).
 * <p>
 * Threading: {@link #onText} runs on a network selector thread and never blocks on disk: database reads go to the
 * {@code storeReads} executor, the sign-in sync to {@link SignInSync}, writes to the {@link GroupCommitWriter}; what
 * follows a commit runs on the one fan-out thread, in commit order. A full executor answers error 500 "server busy".
 * <p>
 * Frame budget: every text frame spends one frame of the connection's budget, except a {@code delivered} or
 * {@code read} covered by an acknowledgement credit (two per message pushed to the connection), so that a client
 * acknowledging a large sync as fast as it reads is never taken for a flood. Other frames are counted by the
 * {@link FrameMeter}.
 */
final class Dispatcher {
    /** Largest accepted text frame; larger ones get error 511 and the session goes on. */
    static final int MAX_FRAME_BYTES = 16 * 1024;
    /** Largest message body, in UTF-8 bytes. */
    static final int MAX_MESSAGE_BYTES = 5 * 1024;
    /** Bad frames per minute after which a connection is closed. */
    static final int MAX_BAD_FRAMES_PER_MINUTE = 100;

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());
    /** Client-triggered log lines, one an interval per server. */
    private final LogLimiter refusedSignIns = new LogLimiter(LOG, Duration.ofSeconds(10));
    private final LogLimiter floods = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final FrameCodec codec;
    private final AppKey appKey;
    private final TokenVerifier verifier;
    private final MessageStore store;
    private final GroupCommitWriter writer;
    private final SessionRegistry registry;
    private final MessageRouter router;
    private final RateLimiter rateLimiter;
    private final int maxDevicesPerUser;
    private final Executor storeReads;
    private final SignInSync sync;
    /**
     * Runs what follows a commit (receipts, deliveries, receipt notices) off the writer thread, so the writer can
     * start the next commit at once. One thread, so frames leave in commit order.
     */
    private final Executor fanOut;
    private final Clock clock;
    private final ConversationEvents events;
    private final Sending sending;
    private final PresenceHub presence;


    Dispatcher(FrameCodec codec, AppKey appKey, TokenVerifier verifier, MessageStore store, GroupCommitWriter writer,
               SessionRegistry registry, MessageRouter router, RateLimiter rateLimiter, int maxDevicesPerUser,
               Executor storeReads, SignInSync sync, Executor fanOut, Clock clock, ConversationEvents events,
               Sending sending, PresenceHub presence) {
        this.codec = codec;
        this.appKey = appKey;
        this.verifier = verifier;
        this.store = store;
        this.writer = writer;
        this.registry = registry;
        this.router = router;
        this.rateLimiter = rateLimiter;
        this.maxDevicesPerUser = maxDevicesPerUser;
        this.storeReads = storeReads;
        this.sync = sync;
        this.fanOut = fanOut;
        this.clock = clock;
        this.events = events;
        this.sending = sending;
        this.presence = presence;
    }

    /** One text frame from a client. */
    void onText(Connection c, String text) {
        if (text.length() > MAX_FRAME_BYTES / 3 && Utf8.length(text) > MAX_FRAME_BYTES) {
            if (spend(c)) {
                badFrame(c, ErrorCode.MESSAGE_TOO_LARGE, "frame larger than " + MAX_FRAME_BYTES + " bytes");
            }
            return;
        }
        Frame.ClientFrame frame;
        try {
            frame = codec.decodeClientFrame(text);
        } catch (FrameException e) {
            if (spend(c)) {
                badFrame(c, e.code(), e.getMessage());
            }
            return;
        }
        boolean acknowledgement = frame instanceof Frame.Delivered || frame instanceof Frame.Read;
        if (!(acknowledgement && c.budget().spendAckCredit()) && !spend(c)) {
            return;
        }
        if (!(frame instanceof Frame.Open) && !c.isSignedIn()) {
            c.send(Frame.Error.of(ErrorCode.NOT_LOGGED_IN, "send open first"));
            return;
        }
        switch (frame) {
            case Frame.Open open -> open(c, open);
            case Frame.Send send -> sending.send(c, send);
            case Frame.Delivered d -> mark(c, d.id(), false);
            case Frame.Read r -> mark(c, r.id(), true);
            case Frame.RenewToken renew -> renew(c, renew);
            case Frame.Ping ping -> c.send(new Frame.Pong(ping.t()));
            case Frame.Recall f -> events.recall(c, f);
            case Frame.Edit f -> events.edit(c, f);
            case Frame.ChannelAck f -> events.channelAck(c, f);
            case Frame.Typing f -> events.typing(c, f);
            case Frame.SubscribePresence f -> presence.subscribe(c, f);
            case Frame.PublishPresence f -> presence.publish(c, f);
        }
    }

    /** Spends a frame of the client's budget; when it is spent, the client is told and closed (false). */
    private boolean spend(Connection c) {
        if (c.budget().tryTake(System.nanoTime())) {
            return true;
        }
        tooManyFrames(c);
        return false;
    }

    /** The client sends frames faster than its budget: error 509, then close (1008). */
    void tooManyFrames(Connection c) {
        floods.log(System.Logger.Level.WARNING, "closing session {0} of {1}: too many frames a second", c.id(),
                c.user());
        c.fail(ErrorCode.RATE_LIMITED, "too many frames a second");
    }

    /** A binary frame: the protocol has none, so it is a bad frame like any other. */
    void onBinary(Connection c) {
        badFrame(c, ErrorCode.BAD_FRAME, "binary frames are not part of the protocol: send UTF-8 JSON text");
    }

    private void badFrame(Connection c, ErrorCode code, String message) {
        c.send(Frame.Error.of(code, message));
        if (c.budget().badFrameFlood(clock.millis(), MAX_BAD_FRAMES_PER_MINUTE)) {
            c.fail(ErrorCode.BAD_FRAME, "too many bad frames");
        }
    }

    // ---- sign-in ------------------------------------------------------------------------------------------------

    private void open(Connection c, Frame.Open open) {
        if (!c.beginOpening()) {
            c.send(Frame.Error.of(ErrorCode.BAD_FRAME, "already signed in"));
            return;
        }
        Optional<AppKey> key = parseAppKey(open.appKey());
        if (key.isEmpty() || !key.get().equals(appKey)) {
            c.fail(ErrorCode.APP_KEY_INVALID, "unknown app key");
            return;
        }
        Optional<String> user = UserIds.normalize(open.user());
        if (user.isEmpty()) {
            c.fail(ErrorCode.USER_NOT_FOUND, "invalid user id");
            return;
        }
        VerifiedToken token;
        try {
            token = verifier.verifyUser(open.token(), user.get());
        } catch (TokenException e) {
            refusedSignIns.log(System.Logger.Level.INFO, "sign-in of {0} refused: {1}", user.get(), e.reason());
            c.fail(e.code(), e.getMessage());
            return;
        }
        try {
            storeReads.execute(() -> signIn(c, user.get(), open.deviceId(), token.expiresAt()));
        } catch (RejectedExecutionException e) {
            c.fail(ErrorCode.SERVER_BUSY, "server busy, try again", CloseReason.CloseCodes.TRY_AGAIN_LATER);
        }
    }

    private void signIn(Connection c, String user, String deviceId, Instant expiresAt) {
        try {
            if (store.findUser(user).isEmpty()) {
                c.fail(ErrorCode.USER_NOT_FOUND, "user not found: " + user);
                return;
            }
            sending.known(user);
            // the user's sessions on every node count (see PresenceHub.maxDevicesHere)
            if (!registry.signedIn(user, c, presence.maxDevicesHere(user, maxDevicesPerUser))) {
                c.fail(ErrorCode.LIMIT_REACHED, "too many devices signed in: at most " + maxDevicesPerUser);
                return;
            }
            if (!c.beginSync(user, deviceId, new Frame.Opened(user, expiresAt.toEpochMilli(), clock.millis()))) {
                registry.disconnected(user, c);
                return;
            }
            // The sync reads up to a bound it fixes when it starts; what is committed after it must reach this
            // session live. In a cluster that needs this node's subscription to the user's deliveries in force at
            // NATS first (made above, at registration; a flush covers it): a message another node published
            // before that went nowhere, and its recovery would bring it after later ones, out of order.
            router.afterPublished(() -> sync.start(c, user));
        } catch (StoreException e) {
            LOG.log(System.Logger.Level.ERROR, "sign-in of " + user + " failed: the store cannot be read", e);
            c.fail(ErrorCode.SERVER_BUSY, "server busy, try again");
        }
    }

    private void renew(Connection c, Frame.RenewToken renew) {
        String user = c.user();
        VerifiedToken token;
        try {
            token = verifier.verifyUser(renew.token(), user);
        } catch (TokenException e) {
            c.send(Frame.Error.of(e.code(), e.getMessage()));
            return;
        }
        c.expiresAt(token.expiresAt().toEpochMilli());
        c.send(new Frame.TokenRenewed(token.expiresAt().toEpochMilli()));
    }

    // ---- messages -----------------------------------------------------------------------------------------------

    private void mark(Connection c, String idText, boolean read) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            badFrame(c, ErrorCode.BAD_FRAME, "invalid message id");
            return;
        }
        String user = c.user();
        Write<Write.Marked> write = read ? new Write.MarkRead(id, user) : new Write.MarkDelivered(id, user);
        writer.submit(write).whenCompleteAsync((result, failure) -> Sending.afterCommit(() -> {
            if (failure != null) {
                LOG.log(System.Logger.Level.ERROR, "receipt for message " + id + " not stored: " + failure.getMessage());
                c.send(Frame.Error.of(ErrorCode.SERVER_BUSY, "server busy, receipt not stored"));
                return;
            }
            if (result.changed() && result.message().isPresent()
                    && result.message().get().chatType() == ChatType.SINGLE) { // no receipts in groups
                StoredMessage m = result.message().get();
                String sid = Long.toString(m.id());
                router.deliverNotice(m.sender(), read
                        ? new Frame.ReadReceipt(sid, user, m.sender())
                        : new Frame.Delivery(sid, user, m.sender()));
            }
        }), fanOut);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private static Optional<AppKey> parseAppKey(String text) {
        try {
            return Optional.of(AppKey.parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
