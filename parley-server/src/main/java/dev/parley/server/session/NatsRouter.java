package dev.parley.server.session;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.limit.LogLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes across the nodes of a cluster over NATS ({@code --router nats}). A delivery goes to this node's own sessions
 * at once, through the {@link LocalRouter}, and is published once (frame encoded once) as a {@link BusDelivery} to the
 * user's subject (see {@link NatsBus#userSubject}), where every other node holding sessions of that user picks it up
 * and hands it to its own {@link LocalRouter}. A node ignores what it published itself (NATS does not echo it, and
 * the delivery's origin is checked as well).
 * <p>
 * Subscriptions follow the {@link SessionRegistry}: a node subscribes to a user's subject at the user's first signed-in
 * session on it and unsubscribes at the last. A delivery published to a user no other node holds goes nowhere (NATS
 * drops it cheaply); it is always published, since a session signing in elsewhere may not be known here yet.
 * <p>
 * At most once: a delivery is dropped when NATS is down or its outgoing queue is full (counted by {@link NatsBus});
 * it stays pending in the store, and the recovery registered with {@link #onBusReconnected} (run at each reconnect) and
 * the sign-in sync send it again from there.
 * <p>
 * Threading: the deliver methods are called on the one fan-out thread and never block or throw; deliveries from other
 * nodes arrive on jnats' dispatcher thread, in the order each node published them; the listener methods run on the
 * threads that sign users in and close connections. One monitor guards the subscription counts (never held while
 * delivering).
 */
final class NatsRouter implements MessageRouter, SessionRegistry.Listener {
    private static final System.Logger LOG = System.getLogger(NatsRouter.class.getName());
    private static final LogLimiter UNREADABLE = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final NatsBus bus;
    private final LocalRouter local;
    private final FrameCodec codec;
    private final BusFlusher flusher;
    // guarded by this: signed-in sessions per user on this node, and the subscription of each such user
    private final Map<String, Integer> sessions = new HashMap<>();
    private final Map<String, AutoCloseable> subscriptions = new HashMap<>();

    /**
     * @param bus   the node's NATS connection (started by the caller)
     * @param local delivers to this node's sessions
     */
    NatsRouter(NatsBus bus, LocalRouter local, FrameCodec codec) {
        this.bus = bus;
        this.local = local;
        this.codec = codec;
        this.flusher = new BusFlusher(bus, "parley-bus-flush");
    }

    @Override
    public void deliverMessage(String user, EncodedMessage message, String exceptConnectionId, String exceptDeviceId) {
        local.deliverMessage(user, message, exceptConnectionId, exceptDeviceId);
        publish(new BusDelivery(BusDelivery.Kind.MESSAGE, user, message.id(), message.to(), exceptConnectionId,
                exceptDeviceId, bus.nodeId(), BusDelivery.payloadOf(message.frame())));
    }

    @Override
    public void deliverNotice(String user, Frame.ServerFrame notice) {
        Outbound.Encoded encoded = Outbound.Encoded.of(codec.encode(notice));
        local.deliverLive(user, encoded, ""); // a notice goes to every signed-in session: a live frame without except
        publish(new BusDelivery(BusDelivery.Kind.NOTICE, user, 0, "", "", "", bus.nodeId(),
                BusDelivery.payloadOf(encoded)));
    }

    @Override
    public void deliverLive(String user, Outbound.Encoded frame, String exceptConnectionId) {
        local.deliverLive(user, frame, exceptConnectionId);
        publish(new BusDelivery(BusDelivery.Kind.LIVE, user, 0, "", exceptConnectionId, "", bus.nodeId(),
                BusDelivery.payloadOf(frame)));
    }

    /** Runs {@code then} on the flusher's thread once the NATS server has what was published before (see {@link BusFlusher}). */
    @Override
    public void afterPublished(Runnable then) {
        flusher.submit(then);
    }

    /** Runs {@code listener} on jnats' callback thread each time the connection to NATS is back; the handle removes it. */
    @Override
    public AutoCloseable onBusReconnected(Runnable listener) {
        return bus.onReconnected(listener);
    }

    private void publish(BusDelivery delivery) {
        try {
            bus.publish(bus.userSubject(delivery.user()), delivery.toBytes());
        } catch (RuntimeException e) { // never into the fan-out thread
            LOG.log(System.Logger.Level.ERROR, "publishing a delivery to " + delivery.user() + " failed", e);
        }
    }

    /** A delivery from the bus: to this node's sessions of its user, unless this node published it. */
    void received(byte[] data) {
        BusDelivery d;
        try {
            d = BusDelivery.parse(data);
        } catch (IllegalArgumentException e) {
            UNREADABLE.log(System.Logger.Level.WARNING, "node {0}: an unreadable delivery on the bus: {1}",
                    bus.nodeId(), e.getMessage());
            return;
        }
        if (d.origin().equals(bus.nodeId())) {
            return;
        }
        switch (d.kind()) {
            case MESSAGE -> local.deliverMessage(d.user(), new EncodedMessage(d.id(), d.to(), d.encoded()),
                    d.exceptConnectionId(), d.exceptDeviceId());
            case NOTICE, LIVE -> local.deliverLive(d.user(), d.encoded(), d.exceptConnectionId());
        }
    }

    @Override
    public void signedIn(String user, Connection c) {
        synchronized (this) {
            if (sessions.merge(user, 1, Integer::sum) == 1) {
                String subject = bus.userSubject(user);
                subscriptions.put(user, bus.subscribe(subject, this::received));
            }
        }
    }

    @Override
    public void disconnected(String user, Connection c, boolean wasSignedIn) {
        if (!wasSignedIn) {
            return;
        }
        AutoCloseable gone = null;
        synchronized (this) {
            Integer left = sessions.computeIfPresent(user, (u, n) -> n == 1 ? null : n - 1);
            if (left == null) {
                gone = subscriptions.remove(user);
            }
        }
        if (gone != null) {
            try {
                gone.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "unsubscribing from " + user + "'s deliveries failed", e);
            }
        }
    }

    /** Whether this node is subscribed to {@code user}'s deliveries (tests). */
    synchronized boolean subscribed(String user) {
        return subscriptions.containsKey(user);
    }

    /** Unsubscribes from every user; the bus itself is closed by its owner. */
    @Override
    public void close() {
        flusher.close();
        Map<String, AutoCloseable> all;
        synchronized (this) {
            all = Map.copyOf(subscriptions);
            subscriptions.clear();
            sessions.clear();
        }
        for (AutoCloseable s : all.values()) {
            try {
                s.close();
            } catch (Exception e) {
                // closing: the connection goes next
            }
        }
    }
}
