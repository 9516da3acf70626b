package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.limit.LogLimiter;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * One client's WebSocket connection and its session state.
 * <p>
 * Lifecycle: {@code AWAITING_OPEN} (only {@code open} is accepted) → {@code OPENING} (token checked, user being looked
 * up) → {@code SYNCING} (stored messages being pushed; live messages are held back) → {@code OPEN} → {@code CLOSED}.
 * <p>
 * Threading: frames may be sent from any thread (selector, writer, database readers, timers); every outgoing frame
 * passes through this object's monitor, so frames leave in the order they were handed over, and live messages never
 * overtake the offline sync. Sends are asynchronous; a client that does not read (too many frames in flight) is
 * disconnected, so a slow consumer cannot fill the server's memory.
 */
final class Connection {
    enum State { AWAITING_OPEN, OPENING, SYNCING, OPEN, CLOSED }

    private static final System.Logger LOG = System.getLogger(Connection.class.getName());
    /** Slow consumers: one line every 10 s at most (a client can stop reading on purpose, many times over). */
    private static final LogLimiter SLOW_CONSUMERS = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final Session ws;
    private final FrameCodec codec;
    /** Frames in flight to the client before it counts as a slow consumer. */
    private final int maxInFlight;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final List<Frame.Message> heldBack = new ArrayList<>();

    private State state = State.AWAITING_OPEN;
    private String user = "";
    private String deviceId = "";
    private ScheduledFuture<?> expiryTimer;
    private ScheduledFuture<?> firstFrameTimer;
    private long badFrameWindowStart;
    private int badFramesInWindow;

    Connection(Session ws, FrameCodec codec, int maxInFlight) {
        this.ws = ws;
        this.codec = codec;
        this.maxInFlight = maxInFlight;
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

    /** Moves from AWAITING_OPEN to OPENING; false if an open is already under way or done. */
    synchronized boolean beginOpening() {
        if (state != State.AWAITING_OPEN) {
            return false;
        }
        state = State.OPENING;
        cancel(firstFrameTimer);
        return true;
    }

    /** Back to AWAITING_OPEN after a failed login that does not close the connection. */
    synchronized void openingFailed() {
        if (state == State.OPENING) {
            state = State.AWAITING_OPEN;
        }
    }

    synchronized void firstFrameTimer(ScheduledFuture<?> timer) {
        this.firstFrameTimer = timer;
    }

    /** The device id the client signed in with, or {@code ""}. */
    synchronized String deviceId() {
        return deviceId;
    }

    /** Signs the user in and starts holding back live messages until {@link #finishSync}. */
    synchronized boolean beginSync(String user, String deviceId, Frame.Opened opened) {
        if (state != State.OPENING) {
            return false;
        }
        this.user = user;
        this.deviceId = deviceId;
        state = State.SYNCING;
        send(opened);
        return true;
    }

    /** Replaces the timer that ends the session at token expiry. */
    synchronized void expiryTimer(ScheduledFuture<?> timer) {
        cancel(expiryTimer);
        if (state == State.CLOSED) {
            cancel(timer);
        } else {
            expiryTimer = timer;
        }
    }

    /**
     * Pushes the stored messages between {@code syncStart} and {@code syncEnd}, then the live messages that arrived
     * meanwhile, skipping those already pushed.
     */
    synchronized void finishSync(List<Frame.Message> stored) {
        if (state != State.SYNCING) {
            return;
        }
        send(new Frame.SyncStart(stored.size()));
        stored.forEach(this::send);
        send(new Frame.SyncEnd());
        Set<String> pushed = stored.stream().map(Frame.Message::id).collect(Collectors.toSet());
        heldBack.stream().filter(m -> !pushed.contains(m.id())).forEach(this::send);
        heldBack.clear();
        state = State.OPEN;
    }

    /** A live message: sent at once when open, held back while syncing, dropped before sign-in or after close. */
    synchronized void deliver(Frame.Message message) {
        switch (state) {
            case OPEN -> send(message);
            case SYNCING -> heldBack.add(message);
            case AWAITING_OPEN, OPENING, CLOSED -> { }
        }
    }

    /** Sends a frame unless the connection is closed. */
    synchronized void send(Frame.ServerFrame frame) {
        if (state == State.CLOSED || !ws.isOpen()) {
            return;
        }
        if (inFlight.incrementAndGet() > maxInFlight) {
            SLOW_CONSUMERS.log(System.Logger.Level.WARNING, "closing session {0} of {1}: it does not read its frames",
                    id(), user);
            close(CloseReason.CloseCodes.TRY_AGAIN_LATER, "slow consumer");
            return;
        }
        ws.getAsyncRemote().sendText(codec.encode(frame), result -> inFlight.decrementAndGet());
    }

    /** Sends an error frame, then closes the connection (1008, policy violation). */
    synchronized void fail(ErrorCode code, String message) {
        fail(code, message, CloseReason.CloseCodes.VIOLATED_POLICY);
    }

    /** Sends an error frame, then closes the connection with {@code closeCode}. */
    synchronized void fail(ErrorCode code, String message, CloseReason.CloseCode closeCode) {
        send(Frame.Error.of(code, message));
        close(closeCode, message);
    }

    /**
     * Counts a bad frame; returns true when the client has sent so many in a minute that the connection should end.
     */
    synchronized boolean badFrameFlood(long nowMillis, int maxPerMinute) {
        if (nowMillis - badFrameWindowStart > 60_000) {
            badFrameWindowStart = nowMillis;
            badFramesInWindow = 0;
        }
        return ++badFramesInWindow > maxPerMinute;
    }

    /** Closes the WebSocket; {@link #closed()} follows from the endpoint's onClose. */
    synchronized void close(CloseReason.CloseCode code, String reason) {
        if (state == State.CLOSED) {
            return;
        }
        markClosed();
        try {
            ws.close(new CloseReason(code, reason.length() > 120 ? reason.substring(0, 120) : reason));
        } catch (IOException | IllegalStateException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing session {0} failed: {1}", id(), e.getMessage());
        }
    }

    /** Marks the connection closed; returns the user it was signed in as, or {@code ""}. */
    synchronized String closed() {
        markClosed();
        return user;
    }

    private void markClosed() {
        state = State.CLOSED;
        heldBack.clear();
        cancel(expiryTimer);
        cancel(firstFrameTimer);
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "Connection[" + id() + ", " + user + "]";
    }
}
