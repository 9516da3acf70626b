package dev.parley.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.spi.CompletionHandler;
import org.glassfish.tyrus.spi.Writer;
import org.glassfish.tyrus.spi.WriterInfo;

/**
 * Tyrus's writer of one connection, whose closing can be put off for a moment after a refused frame.
 * <p>
 * Tyrus closes the TCP connection right after it has written its close frame. When the client is still sending (the
 * rest of a refused multi-megabyte frame, say), closing a socket with unread input makes the kernel reset the
 * connection, and the reset can overtake the close frame: the client then sees an abnormal end (1006) instead of the
 * close code it was sent. After {@link #linger} the close is put off until the client's own close frame arrives
 * ({@link #finish}), or at most {@code linger} later; meanwhile the {@link FrameGuard} reads and drops what comes in.
 * <p>
 * Thread-safe.
 */
final class LingeringWriter extends Writer {
    private final Writer transport;
    private volatile boolean lingering;

    /** @param transport the connection's writer (Grizzly's), which Tyrus would otherwise use directly */
    LingeringWriter(Writer transport) {
        this.transport = transport;
    }

    /**
     * From now on {@link #close} is put off until {@link #finish}, or at most {@code linger}.
     *
     * @param timer runs the deferred close
     * @throws java.util.concurrent.RejectedExecutionException when the timer is shut down (nothing is put off then)
     */
    void linger(ScheduledExecutorService timer, Duration linger) {
        timer.schedule(this::finish, linger.toMillis(), TimeUnit.MILLISECONDS); // throws when the timer is shut down
        lingering = true;
    }

    /** Closes the connection now (closing it again does nothing). */
    void finish() {
        try {
            transport.close();
        } catch (IOException e) {
            // the connection is gone already
        }
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler) {
        transport.write(buffer, completionHandler);
    }

    @Override
    public void write(ByteBuffer buffer, CompletionHandler<ByteBuffer> completionHandler, WriterInfo writerInfo) {
        transport.write(buffer, completionHandler, writerInfo);
    }

    @Override
    public void close() {
        if (!lingering) {
            finish();
        }
    }
}
