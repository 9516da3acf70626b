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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
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
 * Lifecycle: constructed idle, {@link #start} connects in the background (and keeps trying while NATS is down: the
 * node serves its own sessions meanwhile), {@link #close} disconnects. Threading: any thread may publish and subscribe;
 * message handlers run on jnats' one dispatcher thread, reconnect listeners on jnats' callback thread.
 */
final class NatsBus implements AutoCloseable, BusFlusher.Bus {
    private static final System.Logger LOG = System.getLogger(NatsBus.class.getName());
    /** Messages dropped while NATS is away: one line every 10 s at most. */
    private static final LogLimiter DROPS = new LogLimiter(LOG, Duration.ofSeconds(10));
    /** Errors jnats reports (a broken socket, a slow subscriber): one line every 10 s at most. */
    private static final LogLimiter ERRORS = new LogLimiter(LOG, Duration.ofSeconds(10));
    /** A writer that stopped writing (see {@link #start}): one line every 10 s at most. */
    private static final LogLimiter STALLS = new LogLimiter(LOG, Duration.ofSeconds(10));
    /** How often the outgoing queue is checked for a writer that stopped writing. */
    private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);
    /** Outgoing messages jnats may hold before it discards (the fan-out never waits for the socket). */
    private static final int MAX_OUTGOING = 65_536;
    /** The pause between reconnect attempts of a server (jnats adds up to 100 ms of jitter). */
    static final Duration RECONNECT_WAIT = Duration.ofSeconds(1);

    private final String url;
    private final String nodeId;
    private final String prefix;
    private final Duration reconnectWait;
    private final ScheduledExecutorService timers;
    private ScheduledFuture<?> watch;
    // written by the watch only
    private long lastOutMsgs = -1;
    private boolean stalledOnce;
    private final AtomicLong dropped = new AtomicLong();
    private final List<Runnable> reconnectListeners = new CopyOnWriteArrayList<>();
    private volatile Connection nats;
    private volatile boolean closed;
    /** What this node subscribes to; the monitor also guards {@link #dispatcher}. */
    private final java.util.Set<Wanted> subscriptions = new java.util.HashSet<>();
    private Dispatcher dispatcher;

    /**
     * @param url           the NATS server(s), {@code nats://host:port}, comma-separated for several
     * @param nodeId        this node's id, written on everything it publishes
     * @param appKey        the app whose subjects these are
     * @param reconnectWait the pause between reconnect attempts (jnats adds jitter)
     * @param timers        runs the check of the outgoing queue (see {@link #start})
     */
    NatsBus(String url, String nodeId, AppKey appKey, Duration reconnectWait, ScheduledExecutorService timers) {
        this.url = url;
        this.nodeId = nodeId;
        this.prefix = "parley." + appKey.org() + "." + appKey.app() + ".";
        this.reconnectWait = reconnectWait;
        this.timers = timers;
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
     * Starts connecting, in the background: until NATS is reached, publishing drops and subscriptions wait; once it
     * is, the subscriptions are made and the reconnect listeners run. Returns at once, NATS up or not, so a node
     * serves its own sessions while NATS is away.
     * <p>
     * Also starts a watch on jnats' outgoing queue: after NATS was killed and restarted, jnats 2.25.1 sometimes comes
     * back connected (reading, even resubscribed) with a writer that never writes again, so messages pile up in its
     * queue. When messages are pending and none was written for two checks in a row, the watch forces a reconnect.
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
        long every = WATCH_INTERVAL.toMillis();
        watch = timers.scheduleWithFixedDelay(this::watchWriter, every, every, TimeUnit.MILLISECONDS);
        try {
            Nats.connectAsynchronously(options, true);
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
        if (c == null) { // starting: the node's presence says hello again once connected
            return drop("not connected to NATS yet", System.Logger.Level.INFO);
        }
        if (c.getStatus() != Connection.Status.CONNECTED) {
            return drop("NATS is not connected", System.Logger.Level.WARNING);
        }
        try {
            c.publish(subject, payload);
            return true;
        } catch (RuntimeException e) { // closed meanwhile, or the reconnect buffer is full
            return drop(e.getMessage(), System.Logger.Level.WARNING);
        }
    }

    /**
     * Subscribes {@code handler} to {@code subject} on the shared dispatcher thread (once NATS is first reached, if
     * it is not yet); the returned handle unsubscribes. Survives reconnects (jnats subscribes again).
     */
    AutoCloseable subscribe(String subject, Consumer<byte[]> handler) {
        Wanted wanted = new Wanted(subject, handler);
        synchronized (subscriptions) {
            subscriptions.add(wanted);
            if (dispatcher != null) {
                wanted.subscribe(dispatcher);
            }
        }
        return () -> {
            synchronized (subscriptions) {
                subscriptions.remove(wanted);
                wanted.unsubscribe();
            }
        };
    }

    /** A subscription this node wants, made on the dispatcher once there is one. Guarded by the set's monitor. */
    private static final class Wanted {
        private final String subject;
        private final Consumer<byte[]> handler;
        private Dispatcher on;
        private Subscription subscription;

        Wanted(String subject, Consumer<byte[]> handler) {
            this.subject = subject;
            this.handler = handler;
        }

        void subscribe(Dispatcher d) {
            on = d;
            subscription = d.subscribe(subject, (Message m) -> {
                try {
                    handler.accept(m.getData());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "handling a message on " + subject + " failed", e);
                }
            });
        }

        void unsubscribe() {
            if (subscription != null) {
                try {
                    on.unsubscribe(subscription);
                } catch (IllegalStateException e) {
                    // the connection or the dispatcher is closed: nothing is subscribed any more
                }
                subscription = null;
            }
        }
    }

    /**
     * Runs {@code listener} each time the node is connected to NATS: the first time, and each time the connection is
     * back after an outage (resubscribed), when deliveries may have been lost. Called on jnats' callback thread: keep
     * it short. The handle removes it.
     */
    AutoCloseable onReconnected(Runnable listener) {
        reconnectListeners.add(listener);
        return () -> reconnectListeners.remove(listener);
    }

    /**
     * Waits until the NATS server has processed everything this node sent so far (its subscriptions included): a
     * round trip: receipts wait for it ({@link BusFlusher}), and tests, which must know a subscription is in place
     * before another node publishes.
     */
    @Override
    public void flush(Duration timeout) throws java.util.concurrent.TimeoutException, InterruptedException {
        Connection c = nats;
        if (c == null) {
            throw new IllegalStateException("not connected to NATS yet");
        }
        c.flush(timeout);
    }

    /** Messages dropped since start: not connected, or the outgoing queue full. */
    long dropped() {
        return dropped.get();
    }

    /** Whether the connection to NATS is up now. */
    @Override
    public boolean connected() {
        Connection c = nats;
        return c != null && c.getStatus() == Connection.Status.CONNECTED;
    }

    /** On the timers thread: forces a reconnect when jnats holds messages and has written none for two checks. */
    private void watchWriter() {
        Connection c = nats;
        if (c == null || c.getStatus() != Connection.Status.CONNECTED) {
            lastOutMsgs = -1;
            stalledOnce = false;
            return;
        }
        long out = c.getStatistics().getOutMsgs();
        boolean stalled = out == lastOutMsgs && c.outgoingPendingMessageCount() > 0;
        lastOutMsgs = out;
        if (!stalled) {
            stalledOnce = false;
        } else if (!stalledOnce) {
            stalledOnce = true;
        } else {
            stalledOnce = false;
            lastOutMsgs = -1;
            STALLS.log(System.Logger.Level.WARNING, "node {0}: the NATS connection has written nothing for {1} ms "
                    + "with {2} messages queued: reconnecting", nodeId, 2 * WATCH_INTERVAL.toMillis(),
                    c.outgoingPendingMessageCount());
            Thread.ofVirtual().name("parley-nats-reconnect").start(() -> {
                try {
                    c.forceReconnect();
                } catch (java.io.IOException | RuntimeException e) {
                    STALLS.log(System.Logger.Level.WARNING, "node {0}: forcing a NATS reconnect failed: {1}", nodeId,
                            e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    private boolean drop(String why, System.Logger.Level level) {
        long n = dropped.incrementAndGet();
        DROPS.log(level, "node {0}: dropped a message for the NATS bus ({1}; {2} so far): "
                + "it stays pending in the store", nodeId, why, n);
        return false;
    }

    private void connectionEvent(Connection c, ConnectionListener.Events event) {
        LOG.log(System.Logger.Level.INFO, "node {0}: NATS {1} ({2})", nodeId, event.getEvent(), url);
        boolean connected = event == ConnectionListener.Events.CONNECTED;
        if (connected || event == ConnectionListener.Events.RECONNECTED) {
            synchronized (subscriptions) {
                if (closed) { // closed while the first connection was being made: it goes too
                    Thread.ofVirtual().start(() -> closeQuietly(c));
                    return;
                }
                if (dispatcher == null) { // the first connection: what was wanted meanwhile is subscribed now
                    nats = c;
                    dispatcher = c.createDispatcher();
                    for (Wanted w : subscriptions) {
                        w.subscribe(dispatcher);
                    }
                }
            }
        }
        // jnats tells RECONNECTED before it subscribes again, RESUBSCRIBED after: only then do deliveries flow
        if (connected || event == ConnectionListener.Events.RESUBSCRIBED) {
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
            drop("the outgoing queue is full", System.Logger.Level.WARNING);
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

    /** Sends what is queued (a goodbye), waiting a second at most, then disconnects. */
    @Override
    public void close() {
        if (watch != null) {
            watch.cancel(false);
        }
        Connection c;
        synchronized (subscriptions) {
            closed = true;
            c = nats;
            nats = null;
        }
        if (c != null) {
            try {
                if (c.getStatus() == Connection.Status.CONNECTED) {
                    c.flush(Duration.ofSeconds(1));
                }
            } catch (java.util.concurrent.TimeoutException | RuntimeException e) {
                // closing anyway: the others drop this node after its missed heartbeats
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(c);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
