package dev.parley.client;

import dev.parley.client.Transport.Link;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The client's state machine: login, the frames of a session, losing the connection and getting it back, the token's
 * end. Every field is owned by one thread, the {@link ClientLoop}: requests hop onto it, socket callbacks hop onto
 * it, timers run on it. Each connection attempt has a generation number; whatever arrives from an older attempt is
 * ignored. Only {@link #state}, {@link #user} and {@link #closed} are read from other threads. Sending messages is
 * {@link Messaging}'s concern, what the server pushes the {@link Inbox}'s, the requests of protocol version 2 the
 * {@link Requests}', reconnect attempts the {@link Reconnector}'s, the token's life the {@link TokenKeeper}'s, and the
 * heartbeat {@link Heartbeat}'s.
 */
final class ChatSession {
    private static final System.Logger LOG = System.getLogger(ChatSession.class.getName());

    private final ChatOptions options;
    private final Transport transport;
    private final EventDispatcher events;
    private final ClientLoop loop;
    private final FrameCodec codec = new FrameCodec();
    private final Messaging messaging;
    private final Requests requests;
    private final Inbox inbox;
    private final TokenKeeper tokens;
    private final Reconnector reconnector;
    private final Heartbeat heartbeat;

    private volatile ConnectionState state = ConnectionState.DISCONNECTED;
    private volatile String user = "";
    private volatile boolean closed;
    private int generation;
    private Link link;
    private boolean loggedIn;
    private boolean everLoggedIn;
    private String threadsNamedFor = "";
    private int fatalCode;
    private CompletableFuture<LoginResult> pendingOpen;
    private ScheduledFuture<?> loginTimeout;
    private boolean retriedOpen;

    /** An open link and the token to log in with on it. */
    private record Ready(String token, Link link) {
    }

    ChatSession(ChatOptions options, Transport transport, RestApi rest, FileTransfers transfers, EventDispatcher events,
                String threadName) {
        this.options = options;
        this.transport = transport;
        this.events = events;
        this.loop = new ClientLoop(threadName);
        this.tokens = new TokenKeeper(loop, options, rest, events, this::write, () -> loggedIn, this::tokenExpired);
        this.messaging = new Messaging(loop, options.sendTimeout(), events, this::write, (file, progress) ->
                transfers.upload(tokens.token(), file.path(), file.filename(), file.mime(), progress), () -> loggedIn);
        this.requests = new Requests(loop.executor(), options.requestSettleTime(), this::write, System::nanoTime);
        this.inbox = new Inbox(events, this::write, requests);
        this.reconnector = new Reconnector(loop, options, events, this::reconnect, this::giveUp);
        this.heartbeat = new Heartbeat(loop.executor(), options.heartbeatInterval(),
                () -> write(new Frame.Ping(System.currentTimeMillis())),
                () -> connectionLost(DisconnectReason.HEARTBEAT_TIMEOUT, "no frame for two heartbeat intervals"));
    }

    ConnectionState state() {
        return state;
    }

    String user() {
        return user;
    }

    boolean isClosed() {
        return closed;
    }

    // ---- requests (any thread) ------------------------------------------------------------------------------------

    CompletableFuture<LoginResult> open(String user, String token, String password) {
        return loop.call(future -> {
            if (closed) {
                throw new ChatException(ErrorCode.NOT_LOGGED_IN, "the client is closed");
            }
            if (state != ConnectionState.DISCONNECTED) {
                throw new IllegalStateException("open was already called: the client is " + state);
            }
            this.user = user; // the server lowercases it; "opened" tells the canonical id
            tokens.begin(user, token, password);
            pendingOpen = future;
            retriedOpen = false;
            reconnector.reset();
            setState(ConnectionState.CONNECTING);
            connect();
        });
    }

    CompletableFuture<SendReceipt> send(ChatMessage message, TransferListener progress) {
        return loop.call(future -> {
            if (closed || state == ConnectionState.DISCONNECTED) {
                throw new ChatException(ErrorCode.NOT_LOGGED_IN, "not sent: not logged in");
            }
            messaging.send(message, progress, future);
        });
    }

    /** A version 2 request over the WebSocket, once logged in (see {@link Requests}). */
    <T> CompletableFuture<T> request(BiConsumer<Requests, CompletableFuture<T>> call) {
        return loop.call(future -> {
            requireLoggedIn();
            call.accept(requests, future);
        });
    }

    CompletableFuture<Instant> renewToken(String newToken) {
        return loop.call(future -> {
            requireLoggedIn();
            tokens.renew(newToken, future);
        });
    }

    /** Makes the waiting reconnect attempt at once (see {@link Reconnector#now()}). */
    void reconnectNow() {
        loop.run(() -> {
            if (state == ConnectionState.RECONNECTING && !closed) {
                reconnector.now();
            }
        }, () -> { });
    }

    /** The current user and token, for REST calls; fails with 39 before the first login. */
    CompletableFuture<Identity> identity() {
        return loop.call(future -> {
            if (closed || !everLoggedIn) {
                throw new ChatException(ErrorCode.NOT_LOGGED_IN, "not logged in");
            }
            Completions.succeed(future, new Identity(user, tokens.token()));
        });
    }

    /** Ends everything; waits (briefly) until the loop has done so. Idempotent. The client closes the rest. */
    void close() {
        CompletableFuture<Void> done = loop.call(future -> {
            shutDownSession();
            Completions.succeed(future, null);
        });
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (Exception e) { // already closed, or interrupted: shutting down below is still right
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
        loop.shutdown();
        transport.shutdown();
    }

    // ---- connecting (loop thread) ---------------------------------------------------------------------------------

    private void connect() {
        int gen = ++generation;
        fatalCode = 0;
        Duration timeout = options.sendTimeout();
        loginTimeout = loop.schedule(() -> attemptFailed(gen, new ChatException(ErrorCode.TIMEOUT,
                "the login was not answered within " + timeout.toMillis() + " ms")), timeout);
        tokens.tokenForLogin().thenCompose(t -> transport.connect(options.url(), listener(gen)).thenApply(l -> new Ready(t, l)))
                .whenComplete((ready, failure) -> loop.run(
                        () -> linkReady(gen, ready, failure),
                        () -> closeLink(ready)));
    }

    private void reconnect() {
        if (state == ConnectionState.RECONNECTING && !closed) {
            connect();
        }
    }

    private void linkReady(int gen, Ready ready, Throwable failure) {
        if (gen != generation || closed) {
            closeLink(ready);
            return;
        }
        if (failure != null) {
            attemptFailed(gen, Completions.asChatException(failure));
            return;
        }
        tokens.use(ready.token());
        link = ready.link();
        write(new Frame.Open(options.appKey(), user, ready.token(), options.deviceId()));
    }

    private Transport.Listener listener(int gen) {
        return new Transport.Listener() {
            @Override
            public void onText(String text) {
                loop.run(() -> frame(gen, text), () -> { });
            }

            @Override
            public void onClosed(String why) {
                loop.run(() -> linkClosed(gen, why), () -> { });
            }
        };
    }

    /** A login attempt (the first or a reconnect) failed. */
    private void attemptFailed(int gen, ChatException failure) {
        if (gen != generation) {
            return;
        }
        dropLink();
        if (pendingOpen != null) {
            endSession(failure, new ChatException(ErrorCode.NOT_LOGGED_IN, "not sent: the login failed"), null);
        } else {
            reconnector.attemptFailed(failure);
        }
    }

    private void linkClosed(int gen, String why) {
        if (gen != generation) {
            return;
        }
        if (!loggedIn && fatalCode == 0 && pendingOpen != null && !retriedOpen) {
            // Closed before any answer, with no error: a server restarting or shedding connections. Once more, now.
            LOG.log(Level.DEBUG, "the connection closed before the login was answered ({0}); trying once more", why);
            retriedOpen = true;
            dropLink();
            connect();
        } else if (!loggedIn) {
            attemptFailed(gen, fatalCode != 0
                    ? new ChatException(fatalCode, "the server refused the login")
                    : new ChatException(ErrorCode.DISCONNECTED, "the connection closed before the login was answered: "
                    + why));
        } else {
            connectionLost(fatalCode != 0 ? DisconnectReason.REFUSED : DisconnectReason.CONNECTION_LOST, why);
        }
    }

    private void connectionLost(DisconnectReason reason, String why) {
        LOG.log(Level.DEBUG, "connection lost ({0}): {1}", reason, why);
        boolean retry = reconnector.wouldRetry(fatalCode);
        dropLink();
        tokens.connectionLost(new ChatException(ErrorCode.DISCONNECTED, "the connection was lost"));
        if (!retry) {
            endSession(null, new ChatException(ErrorCode.DISCONNECTED, "not sent: the connection was lost"), reason);
            return;
        }
        setState(ConnectionState.RECONNECTING);
        events.fire(h -> h.onDisconnected(reason));
        reconnector.start();
    }

    private void giveUp(ChatException failure) {
        LOG.log(Level.DEBUG, "stopped reconnecting: {0}", failure.getMessage());
        endSession(null, new ChatException(ErrorCode.DISCONNECTED, "not sent: the connection could not be restored"),
                null);
        if (failure.code() == ErrorCode.TOKEN_EXPIRED.code()) {
            tokens.expire();
        }
        events.fire(h -> h.onError(failure.toChatError()));
    }

    // ---- frames (loop thread) -------------------------------------------------------------------------------------

    private void frame(int gen, String text) {
        if (gen != generation) {
            return;
        }
        heartbeat.frameReceived();
        Frame.ServerFrame frame;
        try {
            frame = codec.decodeServerFrame(text);
        } catch (FrameException e) {
            LOG.log(Level.WARNING, "ignored a frame from the server: {0}", e.getMessage());
            return;
        }
        switch (frame) {
            case Frame.Opened opened -> opened(opened);
            case Frame.Receipt r -> messaging.receipt(r);
            case Frame.Message _, Frame.Recalled _, Frame.Edited _, Frame.ChannelAck _, Frame.Typing _, Frame.Presence _,
                 Frame.GroupEvent _, Frame.Delivery _, Frame.ReadReceipt _, Frame.SyncStart _, Frame.SyncEnd _ ->
                    inbox.handle(frame, user);
            case Frame.TokenRenewed t -> tokens.renewed(t.expireTimestamp());
            case Frame.Error e -> error(gen, e);
            case Frame.Pong _ -> { }
        }
    }

    private void opened(Frame.Opened opened) {
        if (loggedIn) {
            return;
        }
        ClientLoop.cancel(loginTimeout);
        loggedIn = true;
        everLoggedIn = true;
        if (!opened.user().equals(threadsNamedFor)) {
            threadsNamedFor = opened.user();
            Thread.currentThread().setName("parley-client-" + opened.user());
            events.renameThread("parley-events-" + opened.user());
        }
        user = opened.user();
        reconnector.reset();
        tokens.loggedIn(user, opened.expireTimestamp(), opened.serverTime());
        heartbeat.start();
        setState(ConnectionState.CONNECTED);
        if (pendingOpen != null) {
            Completions.succeed(pendingOpen, new LoginResult(user, Instant.ofEpochMilli(opened.expireTimestamp())));
            pendingOpen = null;
        }
        events.fire(ChatEventHandler::onConnected);
        messaging.loggedIn();
        requests.loggedIn();
    }

    private void error(int gen, Frame.Error e) {
        ChatException failure = new ChatException(e.code(), e.message().isEmpty()
                ? ErrorCode.of(e.code()).map(ErrorCode::description).orElse("error " + e.code()) : e.message());
        if (!e.localId().isEmpty()) {
            messaging.refused(e.localId(), failure);
            return;
        }
        if (!loggedIn) {
            attemptFailed(gen, failure);
            return;
        }
        if (tokens.refusedRenewal(failure)) { // the new token was refused; the session goes on with the old one
            return;
        }
        if (e.code() == ErrorCode.TOKEN_EXPIRED.code()) {
            tokenExpired();
            return;
        }
        if (requests.error(failure)) { // it answers a recall, an edit … (see Requests)
            return;
        }
        if (!reconnector.retriesAfter(e.code())) {
            fatalCode = e.code(); // the server is ending the session; do not come back
        }
        events.fire(h -> h.onError(failure.toChatError()));
    }

    // ---- tokens (loop thread) -------------------------------------------------------------------------------------

    /** The token expired (by the client's timer or the server's error 56): the session ends, without reconnect. */
    private void tokenExpired() {
        if (state == ConnectionState.DISCONNECTED || !tokens.expire()) {
            return;
        }
        ConnectionState before = state;
        dropLink();
        endSession(new ChatException(ErrorCode.TOKEN_EXPIRED, "the token expired"),
                new ChatException(ErrorCode.TOKEN_EXPIRED, "not sent: the token expired"),
                before == ConnectionState.CONNECTING ? null : DisconnectReason.TOKEN_EXPIRED);
    }

    // ---- helpers (loop thread) ------------------------------------------------------------------------------------

    private void shutDownSession() {
        if (closed) {
            return;
        }
        closed = true;
        ConnectionState before = state;
        dropLink();
        boolean wasUp = before == ConnectionState.CONNECTED || before == ConnectionState.RECONNECTING;
        endSession(new ChatException(ErrorCode.DISCONNECTED, "the client was closed"),
                new ChatException(ErrorCode.DISCONNECTED, "not sent: the client was closed"),
                wasUp ? DisconnectReason.CLOSED : null);
    }

    /**
     * Goes to DISCONNECTED: no timers, no reconnect, nothing waiting. The state changes before any future fails, so
     * whoever a failure wakes sees DISCONNECTED.
     *
     * @param openFailure    how a pending {@code open} fails (null: as the waiting sends)
     * @param pendingFailure how waiting sends fail
     * @param reason         the reason to report with {@code onDisconnected}, or null to report none
     */
    private void endSession(ChatException openFailure, ChatException pendingFailure, DisconnectReason reason) {
        CompletableFuture<LoginResult> open = pendingOpen;
        pendingOpen = null;
        reconnector.reset();
        setState(ConnectionState.DISCONNECTED);
        tokens.stop(new ChatException(ErrorCode.DISCONNECTED, "not connected"));
        messaging.failAll(pendingFailure);
        requests.sessionEnded();
        if (open != null) {
            Completions.fail(open, openFailure != null ? openFailure : pendingFailure);
        }
        if (reason != null) {
            events.fire(h -> h.onDisconnected(reason));
        }
    }

    /** Forgets the current connection: later callbacks from it are stale. */
    private void dropLink() {
        generation++;
        ClientLoop.cancel(loginTimeout);
        heartbeat.stop();
        requests.linkDropped();
        if (link != null) {
            link.close();
            link = null;
        }
        loggedIn = false;
    }

    private void requireLoggedIn() {
        if (closed || state == ConnectionState.DISCONNECTED) {
            throw new ChatException(ErrorCode.NOT_LOGGED_IN, "not logged in");
        }
        if (!loggedIn) {
            throw new ChatException(ErrorCode.DISCONNECTED, "not connected: the client is " + state);
        }
    }

    private void setState(ConnectionState next) {
        if (state != next) {
            state = next;
            events.fire(h -> h.onConnectionStateChanged(next));
        }
    }

    private void write(Frame.ClientFrame frame) {
        if (link != null) {
            link.send(codec.encode(frame));
        }
    }

    private static void closeLink(Ready ready) {
        if (ready != null) {
            ready.link().close();
        }
    }
}
