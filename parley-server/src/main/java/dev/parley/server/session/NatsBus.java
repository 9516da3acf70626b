package dev.parley.server.session;

import dev.parley.server.AppKey;
import dev.parley.server.ParleyServerException;
import dev.parley.server.limit.LogLimiter;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * One node's connection to NATS (core NATS, no JetStream), shared by the {@link NatsRouter} and {@link NatsPresence}:
 * the subjects of one Parley app, publishing that never blocks nor throws, subscriptions, and the reconnect hook.
 * <p>
 * Subjects: {@code parley.<org>.<app>.u.<user>} per user, the user id in base64url (ids may hold {@code .},
 * {@code *}, {@code >} or spaces, which NATS subjects cannot), and {@code parley.<org>.<app>.presence} for presence;
 * the app key's two parts hold only letters, digits, {@code -} and {@code _}, so two apps on one NATS never mix.
 * <p>
 * The bus is at-most-once. {@link #publish} drops (and counts) a message when NATS is not connected or jnats' outgoing
 * queue is full ({@code discardMessagesWhenOutgoingQueueFull}), so the one fan-out thread never waits for the network;
 * whatever is dropped stays pending in the store and is recovered from there. Reconnecting is jnats' own: forever,
 * with jittered backoff; jnats subscribes again, and then the {@linkplain #onReconnected reconnect listeners} run.
 * <p>
 * Lifecycle: constructed idle, {@link #start} connects (or keeps trying in the background if NATS is down: the node
 * serves its own sessions meanwhile), {@link #close} disconnects. Threading: any thread may publish and subscribe;
 * message handlers run on jnats' one dispatcher thread, reconnect listeners on jnats' callback thread.
 */
final class NatsBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NatsBus.class.getName());
    /** Messages dropped while NATS is away: one line every 10 s at most. */
    private static final LogLimiter DROPS = new LogLimiter(LOG, Duration.ofSeconds(10));
    /** Errors jnats reports (a broken socket, a slow subscriber): one line every 10 s at most. */
    private static final LogLimiter ERRORS = new LogLimiter(LOG, Duration.ofSeconds(10));
    /** Outgoing messages jnats may hold before it discards (the fan-out never waits for the socket). */
    private static final int MAX_OUTGOING = 65_536;
    /** The pause between reconnect attempts of a server (jnats adds up to 100 ms of jitter). */
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final String url;
    private final String nodeId;
    private final String prefix;
    private final Duration reconnectWait;
    private final AtomicLong dropped = new AtomicLong();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private volatile Connection nats;
    private volatile Dispatcher dispatcher;
    private volatile boolean started;

    /**
     * @param url           the NATS server(s), {@code nats://host:port}, comma-separated for several
     * @param nodeId        this node's id, written on everything it publishes
     * @param appKey        the app whose subjects these are
     * @param reconnectWait the pause between reconnect attempts (jnats adds jitter)
     */
    NatsBus(String url, String nodeId, AppKey appKey, Duration reconnectWait) {
        this.url = url;
        this.nodeId = nodeId;
        this.prefix = "parley." + appKey.org() + "." + appKey.app() + ".";
        this.reconnectWait = reconnectWait;
    }

    /** This node's id on the bus. */
    String nodeId() {
        return nodeId;
    }

    /** The subject of {@code user}'s deliveries. */
    String userSubject(String user) {
        return prefix + "u." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(user.getBytes(StandardCharsets.UTF_8));
    }

    /** The subject every node's presence goes to. */
    String presenceSubject() {
        return prefix + "presence";
    }

    /**
     * Connects. If NATS cannot be reached now, jnats keeps trying in the background and the reconnect listeners run
     * once it is reached.
     *
     * @throws ParleyServerException when the URL is not one jnats accepts, or the thread is interrupted
     */
    void start() {
        Options options;
        try {
            options = new Options.Builder()
                    .server(url)
                    .connectionName("parley-" + nodeId)
                    .noEcho() // what this node publishes never comes back to it (and the origin is checked too)
                    .maxReconnects(-1)
                    .reconnectWait(reconnectWait)
                    .connectionTimeout(Duration.ofSeconds(2))
                    .maxMessagesInOutgoingQueue(MAX_OUTGOING)
                    .discardMessagesWhenOutgoingQueueFull()
                    .connectionListener(this::connectionEvent)
                    .errorListener(new Errors())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new ParleyServerException("invalid NATS URL " + url + ": " + e.getMessage(), e);
        }
        try {
            Connection c = Nats.connectReconnectOnConnect(options);
            dispatcher = c.createDispatcher();
            nats = c;
            started = true;
        } catch (IOException e) {
            throw new ParleyServerException("cannot connect to NATS at " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ParleyServerException("interrupted while connecting to NATS at " + url, e);
        }
    }

    /**
     * Publishes without waiting: false (and counted in {@link #dropped}) when NATS is not connected or its outgoing
     * queue is full. Never throws.
     */
    boolean publish(String subject, byte[] payload) {
        Connection c = nats;
        if (c == null || c.getStatus() != Connection.Status.CONNECTED) {
            return drop("NATS is not connected");
        }
        try {
            c.publish(subject, payload);
            return true;
        } catch (RuntimeException e) { // closed meanwhile, or the reconnect buffer is full
            return drop(e.getMessage());
        }
    }

    /**
     * Subscribes {@code handler} to {@code subject} on the shared dispatcher thread; the returned handle
     * unsubscribes. Survives reconnects (jnats subscribes again).
     */
    AutoCloseable subscribe(String subject, Consumer<byte[]> handler) {
        Dispatcher d = dispatcher;
        if (d == null) {
            throw new IllegalStateException("the NATS bus is not started");
        }
        Subscription s = d.subscribe(subject, (Message m) -> {
            try {
                handler.accept(m.getData());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "handling a message on " + subject + " failed", e);
            }
        });
        return () -> {
            try {
                d.unsubscribe(s);
            } catch (IllegalStateException e) {
                // the connection or the dispatcher is closed: nothing is subscribed any more
            }
        };
    }

    /**
     * Runs {@code listener} each time the connection to NATS is back (resubscribed), and when a first connection
     * deferred at start succeeds. Called on jnats' callback thread: keep it short. The handle removes it.
     */
    AutoCloseable onReconnected(Runnable listener) {
        reconnectListeners.add(listener);
        return () -> reconnectListeners.remove(listener);
    }

    /** Messages dropped since start: not connected, or the outgoing queue full. */
    long dropped() {
        return dropped.get();
    }

    /** Whether the connection to NATS is up now. */
    boolean connected() {
        Connection c = nats;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    private boolean drop(String why) {
        long n = dropped.incrementAndGet();
        DROPS.log(System.Logger.Level.WARNING, "node {0}: dropped a message for the NATS bus ({1}; {2} so far): "
                + "it stays pending in the store", nodeId, why, n);
        return false;
    }

    private void connectionEvent(Connection c, ConnectionListener.Events event) {
        LOG.log(System.Logger.Level.INFO, "node {0}: NATS {1} ({2})", nodeId, event.getEvent(), url);
        boolean deferredFirstConnect = event == ConnectionListener.Events.CONNECTED && started;
        if (event == ConnectionListener.Events.RECONNECTED || deferredFirstConnect) {
            for (Runnable r : reconnectListeners) {
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "a NATS reconnect listener failed", e);
                }
            }
        }
    }

    /** Counts what jnats discards (outgoing queue full) as dropped. */
    private final class Errors implements ErrorListener {
        @Override
        public void messageDiscarded(Connection conn, Message msg) {
            drop("the outgoing queue is full");
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            ERRORS.log(System.Logger.Level.WARNING, "node {0}: NATS error: {1}", nodeId, error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            ERRORS.log(System.Logger.Level.WARNING, "node {0}: NATS connection: {1}", nodeId, exp.toString());
        }
    }

    @Override
    public void close() {
        Connection c = nats;
        nats = null;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
