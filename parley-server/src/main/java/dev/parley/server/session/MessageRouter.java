package dev.parley.server.session;

import dev.parley.protocol.Frame;

/**
 * Carries committed frames to every session of a user, wherever it is connected. In-process for one server
 * ({@link LocalRouter}); a message bus (NATS) for a cluster. A frame lost in transit is not lost for good: messages
 * stay pending in the store and are pushed again at the next sign-in.
 * <p>
 * Implementations must not block the caller (the one fan-out thread calls them, in commit order) and must not
 * throw because one session's socket is gone.
 */
interface MessageRouter extends AutoCloseable {

    /**
     * Delivers a stored message to the sessions of {@code user}, except the connection {@code exceptConnectionId} and
     * the connections of the device {@code exceptDeviceId} (either may be {@code ""}: none).
     */
    void deliverMessage(String user, EncodedMessage message, String exceptConnectionId, String exceptDeviceId);

    /** Delivers a receipt-like frame (delivery, readReceipt) to every session of {@code user}. */
    void deliverNotice(String user, Frame.ServerFrame notice);

    /**
     * Delivers a frame that is never stored (typing, a peer's read of a whole conversation, presence) to every signed-in
     * session of {@code user} except the connection {@code exceptConnectionId} ({@code ""}: none).
     */
    void deliverLive(String user, Outbound.Encoded frame, String exceptConnectionId);

    /**
     * Runs {@code then} once every frame given to this router so far has left this node for the others, so that a
     * receipt sent from {@code then} is never followed by a crash of this node that loses the delivery to sessions
     * elsewhere (their conversations would then go on without it, out of order). At once when frames do not leave the
     * node (in-process), or cannot (the bus is down: the store's recovery takes over). Must not block the caller;
     * {@code then} may run on another thread.
     */
    default void afterPublished(Runnable then) {
        then.run();
    }

    /**
     * Runs {@code listener} each time the router's bus is connected again after an outage, when deliveries may have
     * been lost, so that what is pending can be recovered from the store at once. The handle removes it. Which thread
     * calls it is the implementation's (jnats' callback thread for NATS; keep it short). The local router has no bus
     * and never calls it.
     */
    default AutoCloseable onBusReconnected(Runnable listener) {
        return () -> { };
    }

    @Override
    void close();
}
