package dev.parley.client;

import java.net.URI;
import java.util.concurrent.CompletableFuture;

/**
 * Opens WebSocket connections carrying text frames. The production implementation is {@link TyrusTransport}; tests
 * substitute an in-memory one to drive the client's state machine without a server.
 */
interface Transport {

    /**
     * Opens a connection. The listener may be called from any thread, but for one connection never concurrently, and
     * {@link Listener#onClosed} at most once, after which nothing else.
     *
     * @return completes with the open link, or fails if the connection cannot be opened
     */
    CompletableFuture<Link> connect(URI url, Listener listener);

    /** Closes every open link and releases the transport's threads. */
    void shutdown();

    /** One open connection. */
    interface Link {
        /** Sends one text frame, asynchronously; a failure closes the link (reported by {@link Listener#onClosed}). */
        void send(String text);

        /** Closes the link; does not wait. */
        void close();
    }

    /** What happens on a connection. */
    interface Listener {
        /** A text frame arrived. */
        void onText(String text);

        /** The connection closed or failed; {@code why} is for logs. */
        void onClosed(String why);
    }
}
