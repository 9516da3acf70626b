package dev.parley.client;

/**
 * A registered {@link ChatEventHandler}; closing it removes the handler (unless another handler has since been
 * registered under the same id). Closing twice does nothing. Thread-safe.
 */
public interface EventHandlerRegistration extends AutoCloseable {
    /** The id the handler was registered under. */
    String id();

    /** Removes the handler. After this returns, the handler is called at most for an event already being delivered. */
    @Override
    void close();
}
