package dev.parley.server.session;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How one connection's socket gets closed: the reason is decided first (under the connection's monitor), the socket
 * is closed once what was queued before it is written, after {@link #GRACE} at the latest, or at once (outside the
 * monitor: closing writes to the socket). Thread-safe; closes at most once.
 */
final class SocketCloser {
    /** How long a closing connection may take to write its last frames before its socket is closed anyway. */
    static final Duration GRACE = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(SocketCloser.class.getName());

    private final Session ws;
    /** The transport's control, or null (the connection then closes through Tyrus only). */
    private final UpgradeHandoff.Control control;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile CloseReason reason;
    private volatile long deadlineNanos;
    private volatile boolean atOnce;

    SocketCloser(Session ws, UpgradeHandoff.Control control) {
        this.ws = ws;
        this.control = control;
    }

    /**
     * Decides to close with this code and reason (cut to 120 characters, as a close frame allows). Nothing more the
     * client sends is processed from its next frame on: a flood already in the socket's buffer gets no answers.
     */
    void decide(CloseReason.CloseCode code, String text) {
        reason = new CloseReason(code, text.length() > 120 ? text.substring(0, 120) : text);
        deadlineNanos = System.nanoTime() + GRACE.toNanos();
        if (control != null) {
            control.stopReading();
        }
    }

    /** Whether a close was decided. */
    boolean decided() {
        return reason != null;
    }

    /** Asks for the close to happen as soon as the caller has left the connection's monitor. */
    void atOnce() {
        atOnce = true;
    }

    boolean isAtOnce() {
        return atOnce;
    }

    /** Whether a decided close has waited its grace period out. */
    boolean overdue(long nowNanos) {
        return !closed.get() && reason != null && nowNanos - deadlineNanos > 0;
    }

    /** The socket was closed (by either side); nothing more to do. */
    void socketClosed() {
        closed.set(true);
    }

    /**
     * Closes the socket now with the decided reason ("going away" if none was), waiting for the client's close frame
     * a short while first when the transport allows it, so that a client still sending reads the error and the close
     * frame instead of a connection reset. Idempotent.
     */
    void close(String connectionId) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        CloseReason why = reason != null ? reason : new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "closing");
        if (control != null) {
            control.lingerOnClose();
        }
        try {
            ws.close(why);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "closing session {0} failed: {1}", connectionId, e.toString());
        }
    }
}
