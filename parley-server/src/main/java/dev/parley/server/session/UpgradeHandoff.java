package dev.parley.server.session;

import java.util.function.Supplier;
import org.glassfish.tyrus.spi.Writer;

/**
 * Hands the transport writer of a connection being upgraded to the endpoint, so that a {@link Connection} can write
 * its frames to the socket itself instead of through Tyrus's {@code sendText}: a frame is then UTF-8 encoded and
 * framed once for every receiver ({@link Outbound.Encoded#wire}), and a burst of frames leaves in one write.
 * <p>
 * Tyrus creates the connection and opens the endpoint ({@code onOpen}) on the thread that completes the upgrade; the
 * engine wraps that call in {@link #during}, and {@code onOpen} takes the writer with {@link #current}. A connection
 * opened any other way finds none and sends through Tyrus.
 */
public final class UpgradeHandoff {
    private static final ThreadLocal<Writer> CURRENT = new ThreadLocal<>();

    private UpgradeHandoff() {
    }

    /** Runs {@code upgrade} with {@code writer} as the writer of the connection it opens. */
    public static <T> T during(Writer writer, Supplier<T> upgrade) {
        CURRENT.set(writer);
        try {
            return upgrade.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The writer of the connection being opened on this thread, or {@code null}. */
    static Writer current() {
        return CURRENT.get();
    }
}
