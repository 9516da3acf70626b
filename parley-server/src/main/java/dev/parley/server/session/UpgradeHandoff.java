package dev.parley.server.session;

import java.util.function.Consumer;
import java.util.function.Supplier;
import org.glassfish.tyrus.spi.Writer;

/**
 * Hands the transport of a connection being upgraded to the endpoint: its writer, so that a {@link Connection} writes
 * its frames to the socket itself instead of through Tyrus's {@code sendText} (a frame is then UTF-8 encoded and
 * framed once for every receiver, {@link Outbound.Encoded#wire}, and a burst of frames leaves in one write), and its
 * {@link Control}, through which a connection being closed stops reading and closes gracefully.
 * <p>
 * Tyrus creates the connection and opens the endpoint ({@code onOpen}) on the thread that completes the upgrade; the
 * engine wraps that call in {@link #during}, and {@code onOpen} takes the transport with {@link #current}. A
 * connection opened any other way finds none and sends through Tyrus.
 */
public final class UpgradeHandoff {
    /** What the server may ask of a connection's transport besides writing. Thread-safe. */
    public interface Control {
        /**
         * Nothing more the client sends is processed, from the next frame on (the server has decided to close the
         * connection): what it sends is read and dropped, until its close frame.
         */
        void stopReading();

        /**
         * The next close of the socket waits for the client's close frame (at most a short while), so that a client
         * still sending reads the server's last frames instead of a connection reset.
         */
        void lingerOnClose();

        /**
         * From now on the client's whole text frames are read at the transport and handed to {@code sink} on the
         * reading thread, in order with everything else the client sends, instead of through Tyrus's message
         * handlers (which still get fragmented messages).
         */
        void readTextInto(Consumer<String> sink);
    }

    /** A connection's writer and control. */
    public record Transport(Writer writer, Control control) {
    }

    private static final ThreadLocal<Transport> CURRENT = new ThreadLocal<>();

    private UpgradeHandoff() {
    }

    /** Runs {@code upgrade} with {@code transport} as the transport of the connection it opens. */
    public static <T> T during(Transport transport, Supplier<T> upgrade) {
        CURRENT.set(transport);
        try {
            return upgrade.get();
        } finally {
            CURRENT.remove();
        }
    }

    /** The transport of the connection being opened on this thread, or {@code null}. */
    static Transport current() {
        return CURRENT.get();
    }
}
