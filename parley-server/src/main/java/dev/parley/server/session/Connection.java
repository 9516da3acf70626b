package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.limit.LogLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One client's WebSocket connection and its session state.
 * <p>
 * Lifecycle: {@code AWAITING_OPEN} (only {@code open} is accepted) → {@code OPENING} (token checked, user being looked
 * up) → {@code SYNCING} (the stored backlog is being pushed page by page; live messages are held back) → {@code OPEN}
 * → {@code CLOSED}. Once {@code CLOSED} nothing more is queued; the socket itself is closed as soon as what was queued
 * before (an error frame) is written, or after {@link SocketCloser#GRACE} at the latest.
 * <p>
 * Outbound: frames are encoded by the caller, outside any lock (a message once for all its receivers), and queued on
 * this connection's {@link Outbound} under this object's monitor, which only decides and enqueues; the socket write
 * happens after the monitor is released, by whichever thread finds the queue idle. Frames leave in the order they
 * were queued, the queue is bounded in bytes, and a client that does not read is disconnected (1013).
 * <p>
 * The sign-in sync ({@link SignInSync}) covers the messages to this user up to an id fixed after the connection was
 * registered; a live message it covers is dropped here, during the sync and after it (its fan-out may come late),
 * unless the connection's ledger drops what it was sent (a cluster, where a covered message may commit after the sync
 * read past it); the rest that arrives during the sync is held back and follows in commit order (see
 * {@link SyncWindow}). The sync's steps are in {@link ConnectionSync}, the recovery of what the bus lost in
 * {@link ConnectionRecovery}: both run under this object's monitor too.
 * <p>
 * Time: nothing is scheduled per connection. {@link #check} is called by one periodic sweep for every connection and
 * says when the first frame is late, the client has been silent too long, or the token has expired.
 */
final class Connection implements FanOut.Flushable {
    enum State { AWAITING_OPEN, OPENING, SYNCING, OPEN, CLOSED }

    /** What {@link #check} found due. */
    enum Due { NOTHING, FIRST_FRAME_LATE, IDLE, TOKEN_EXPIRED, CLOSE_SOCKET }

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Client-triggered warnings: one line every 10 s at most (a client can stop reading on purpose, many times). */
    private static final LogLimiter SLOW_CONSUMERS = new LogLimiter(LOG, Duration.ofSeconds(10));
    private static final LogLimiter SEND_FAILURES = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final Session ws;
    /** The socket's transport, when the connection writes its own frames (see {@link UpgradeHandoff}); else null. */
    private final UpgradeHandoff.Transport transport;
    private final FrameCodec codec;
    private final Outbound out;
    private final FrameBudget budget;
    private final long createdNanos = System.nanoTime();
    private volatile long lastFrameNanos = createdNanos;
    private final SocketCloser closer;
    /** Completes when the sends received so far are submitted for storage (see the dispatcher's send). */
    private volatile CompletableFuture<Void> sendsInFlight = CompletableFuture.completedFuture(null);

    // Guarded by this. ConnectionSync and ConnectionRecovery read state and user under this monitor too, and
    // ConnectionSync moves SYNCING to OPEN.
    State state = State.AWAITING_OPEN;
    String user = "";
    private String deviceId = "";
    private long expiresAtMillis = Long.MAX_VALUE;
    private final SyncWindow window;
    private final SentLedger sent;
    private final ConnectionSync sync;
    private final ConnectionRecovery recovery;

    /**
     * @param transport      the socket's writer and control, to write frames to it directly; null to send through
     *                       Tyrus
     * @param maxQueuedBytes bytes queued for the client (and live messages held back during a sync) before it counts
     *                       as a client that does not read
     */
    Connection(Session ws, UpgradeHandoff.Transport transport, FrameCodec codec, long maxQueuedBytes,
               FrameBudget budget, SentLedger sent) {
        this.ws = ws;
        this.transport = transport;
        this.closer = new SocketCloser(ws, transport == null ? null : transport.control());
        this.codec = codec;
        this.budget = budget;
        this.window = new SyncWindow(maxQueuedBytes, sent::trusted);
        this.sent = sent;
        this.sync = new ConnectionSync(this, window);
        this.recovery = new ConnectionRecovery(this, sent);
        this.out = new Outbound(transport != null ? new DirectSink(ws, transport.writer()) : this::sendThroughTyrus,
                maxQueuedBytes,
                this::sendFailed);
    }

    String id() {
        return ws.getId();
    }

    synchronized State state() {
        return state;
    }

    /** The signed-in user, or {@code ""} before {@code opened}. */
    synchronized String user() {
        return user;
    }

    synchronized boolean isSignedIn() {
        return state == State.SYNCING || state == State.OPEN;
    }

    /** The device id the client signed in with, or {@code ""}. */
    synchronized String deviceId() {
        return deviceId;
    }

    /** Moves from AWAITING_OPEN to OPENING; false if an open is already under way or done. */
    synchronized boolean beginOpening() {
        if (state != State.AWAITING_OPEN) {
            return false;
        }
        state = State.OPENING;
        return true;
    }

    /** Back to AWAITING_OPEN after a failed login that does not close the connection. */
    synchronized void openingFailed() {
        if (state == State.OPENING) {
            state = State.AWAITING_OPEN;
        }
    }

    /** Signs the user in and starts holding back live messages until the sync is finished. */
    boolean beginSync(String user, String deviceId, Frame.Opened opened) {
        Outbound.Encoded frame = encode(opened);
        synchronized (this) {
            if (state != State.OPENING) {
                return false;
            }
            this.user = user;
            this.deviceId = deviceId;
            this.expiresAtMillis = opened.expireTimestamp();
            state = State.SYNCING;
            enqueue(frame);
        }
        afterEnqueue();
        return true;
    }

    /** The token was renewed: the session now ends at this time. */
    synchronized void expiresAt(long epochMillis) {
        expiresAtMillis = epochMillis;
    }

    // ---- frames in ----------------------------------------------------------------------------------------------

    /** Any frame arrived (text, binary, ping, pong): the client is not idle. */
    void frameArrived(long nowNanos) {
        lastFrameNanos = nowNanos;
    }

    /** Completes when every send received so far has been submitted for storage. */
    CompletableFuture<Void> sendsInFlight() {
        return sendsInFlight;
    }

    /** The sends received so far, this one included, are submitted when {@code submitted} completes. */
    void sendsInFlight(CompletableFuture<Void> submitted) {
        sendsInFlight = submitted;
    }

    /** What the client may send: its frame budget, acknowledgement credits and bad-frame count. */
    FrameBudget budget() {
        return budget;
    }

    // ---- frames out ---------------------------------------------------------------------------------------------

    /** Sends a frame unless the connection is closed. */
    void send(Frame.ServerFrame frame) {
        send(encode(frame));
    }

    /** Sends an encoded frame unless the connection is closed. */
    void send(Outbound.Encoded frame) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            enqueue(frame);
        }
        afterEnqueue();
    }

    /** A live message: queued at once when open, held back while syncing, dropped before sign-in or after close. */
    void deliver(EncodedMessage message) {
        synchronized (this) {
            switch (state) {
                case OPEN -> {
                    if (window.dropsAsCovered(message, user)) {
                        return; // committed before the sync's range was read, fanned out late: the sync had it
                    }
                    enqueueMessage(message);
                }
                case SYNCING -> {
                    if (window.hold(message, user) == SyncWindow.Held.OVER_BOUND) {
                        slowConsumer();
                    }
                }
                case AWAITING_OPEN, OPENING, CLOSED -> {
                    return;
                }
            }
        }
        afterEnqueue();
    }

    // ---- the sign-in sync and recovery (in their own classes, under this monitor) -------------------------------

    /** The sign-in sync's steps on this connection (called by {@link SignInSync}, one step at a time). */
    ConnectionSync sync() {
        return sync;
    }

    /** Runs {@code next} once the client has read all but {@code lowWaterBytes} of what was queued for it. */
    void whenDrained(long lowWaterBytes, Runnable next) {
        out.whenBelow(lowWaterBytes, next);
    }

    /** The recovery of what the bus lost, on this connection (called by {@link PendingRecovery}). */
    ConnectionRecovery recovery() {
        return recovery;
    }

    // ---- closing ------------------------------------------------------------------------------------------------

    /** Sends an error frame, then closes the connection (1008, policy violation). */
    void fail(ErrorCode code, String message) {
        fail(code, message, CloseReason.CloseCodes.VIOLATED_POLICY);
    }

    /** Sends an error frame, then closes the connection with {@code closeCode} once the frame is written. */
    void fail(ErrorCode code, String message, CloseReason.CloseCode closeCode) {
        Outbound.Encoded error = encode(Frame.Error.of(code, message));
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            enqueue(error);
            if (state != State.CLOSED) {
                beginClose(closeCode, message);
            }
        }
        afterEnqueue();
        out.whenBelow(0, this::closeSocket);
    }

    /** Closes the connection at once, dropping anything queued. */
    void close(CloseReason.CloseCode code, String reason) {
        synchronized (this) {
            if (state == State.CLOSED && closer.decided()) {
                return;
            }
            beginClose(code, reason);
        }
        out.discard();
        closeSocket();
    }

    /** Marks the connection closed (the socket closed); returns the user it was signed in as, or {@code ""}. */
    synchronized String closed() {
        closer.socketClosed();
        state = State.CLOSED;
        window.clear();
        out.discard();
        return user;
    }

    /** What is due at this time, for the periodic sweep. */
    synchronized Due check(long nowNanos, long nowMillis, Duration firstFrameTimeout, Duration idleTimeout) {
        return switch (state) {
            case CLOSED -> closer.overdue(nowNanos) ? Due.CLOSE_SOCKET : Due.NOTHING;
            case AWAITING_OPEN -> nowNanos - createdNanos > firstFrameTimeout.toNanos() ? Due.FIRST_FRAME_LATE
                    : Due.NOTHING;
            case OPENING -> nowNanos - lastFrameNanos > idleTimeout.toNanos() ? Due.IDLE : Due.NOTHING;
            case SYNCING, OPEN -> nowMillis >= expiresAtMillis ? Due.TOKEN_EXPIRED
                    : nowNanos - lastFrameNanos > idleTimeout.toNanos() ? Due.IDLE : Due.NOTHING;
        };
    }

    /** Closes the socket now, with the reason given when the connection began to close. Idempotent. */
    void closeSocket() {
        closer.close(id());
    }

    /** Bytes queued and not yet written to the socket (tests, monitoring). */
    long queuedBytes() {
        return out.queuedBytes();
    }

    private void beginClose(CloseReason.CloseCode code, String reason) {
        state = State.CLOSED;
        closer.decide(code, reason); // from now on, nothing the client sends is processed
        window.clear();
    }

    /** Under the monitor: queues a message, which the client may acknowledge (delivered, read) for free. */
    void enqueueMessage(EncodedMessage m) {
        if (m.isTo(user) && !sent.admit(m.id())) {
            return; // recovery sent it already (see SentLedger)
        }
        enqueue(m.frame());
        budget.messagePushed();
    }

    /** Under the monitor: queues a frame, or marks a client that does not read for closing. */
    void enqueue(Outbound.Encoded frame) {
        if (!out.offer(frame) && !out.failed()) {
            slowConsumer();
        }
    }

    private void slowConsumer() {
        SLOW_CONSUMERS.log(System.Logger.Level.WARNING,
                "closing session {0} of {1}: it does not read its frames ({2} bytes queued)", id(), user,
                out.queuedBytes());
        beginClose(CloseReason.CloseCodes.TRY_AGAIN_LATER, "slow consumer");
        out.discard();
        closer.atOnce(); // closing writes to the socket: not under this monitor (see afterEnqueue)
    }

    /**
     * After a monitor section that queued frames: writes them (on the fan-out thread, at the end of its burst: see
     * {@link FanOut}), or closes a client that does not read.
     */
    void afterEnqueue() {
        if (closer.isAtOnce() || !FanOut.flushesLater(this)) {
            flushNow();
        }
    }

    /** Writes what is queued, or closes a client that does not read. */
    @Override
    public void flushNow() {
        if (closer.isAtOnce()) {
            closeSocket();
        } else {
            out.flush();
        }
    }

    /**
     * A write to the socket failed: most often the client has just gone (its socket closed under a frame on its way),
     * so the line says why in words, without the exception's class, as the other lines about clients do.
     */
    private void sendFailed(Throwable failure) {
        String why = failure.getMessage() == null || failure.getMessage().isBlank() ? "no reason given"
                : failure.getMessage();
        SEND_FAILURES.log(System.Logger.Level.INFO, "session {0} of {1}: a send failed, closing it: {2}", id(),
                user(), why);
        synchronized (this) {
            if (state != State.CLOSED) {
                beginClose(CloseReason.CloseCodes.GOING_AWAY, "send failed");
            }
        }
        out.discard();
        closeSocket();
    }

    /** Whether this connection writes its frames to the socket itself. */
    boolean writesDirectly() {
        return transport != null;
    }

    private void sendThroughTyrus(List<Outbound.Encoded> frames, Consumer<Throwable> done) {
        ws.getAsyncRemote().sendText(frames.getFirst().text(),
                result -> done.accept(result.isOK() ? null : result.getException()));
    }

    Outbound.Encoded encode(Frame.ServerFrame frame) {
        return Outbound.Encoded.of(codec.encode(frame));
    }

    @Override
    public String toString() {
        return "Connection[" + id() + "]";
    }
}
