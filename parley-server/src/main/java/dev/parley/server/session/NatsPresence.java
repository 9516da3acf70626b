package dev.parley.server.session;

import dev.parley.server.limit.LogLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Presence across the nodes of a cluster, over NATS: each node publishes its own presence of a user (sessions on the
 * node, last seen, status line) whenever it changes, and keeps what the others published, per (user, node), for the
 * {@link PresenceHub} to merge. All presence messages ({@link PresenceWire}) go to one subject.
 * <p>
 * Liveness: each node publishes a heartbeat every {@code heartbeat}; a node not heard from for
 * {@value #MISSED_HEARTBEATS} heartbeats is dropped (killed, cut off): its users count as offline there, last seen when
 * it was last heard, and the hub tells their watchers. A node heard again after that, or a node never heard before,
 * is asked for a snapshot of its presence. A node that stops cleanly says goodbye, and its users are offline at once.
 * <p>
 * Losses: the bus is at-most-once, so updates are numbered per node; a node that sees a gap in another's numbers (on an
 * update, or on a heartbeat, which carries the last number) asks it for a snapshot, at most once a heartbeat. A node
 * that starts, or whose connection to NATS comes back, says hello and every node answers with its snapshot.
 * <p>
 * Threading: {@link #changed} is called under the hub's monitor and only publishes (never blocks); messages from other
 * nodes arrive on jnats' dispatcher thread, heartbeats and the liveness check run on the {@code timers} thread. Two
 * monitors: one orders this node's publications (its numbers and its own presence, for snapshots), one guards the
 * view of the others; neither is held while calling the hub.
 */
final class NatsPresence implements PresenceCluster {
    /** Heartbeats a node may miss before it is dropped. */
    static final int MISSED_HEARTBEATS = 3;

    private static final System.Logger LOG = System.getLogger(NatsPresence.class.getName());
    private static final LogLimiter UNREADABLE = new LogLimiter(LOG, Duration.ofSeconds(10));

    /** What this node knows of another it hears from. Guarded by {@link #view}. */
    private static final class Peer {
        final Map<String, NodePresence> users = new HashMap<>();
        long lastHeard;
        long seq = -1;
        /** Whether its state is known: a snapshot or an update came since it was first heard. */
        boolean known;
        long askedAt = Long.MIN_VALUE / 2;
    }

    private final NatsBus bus;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Duration heartbeat;
    private final Object publishing = new Object();
    // guarded by publishing
    private long seq;
    private final Map<String, NodePresence> mine = new HashMap<>();
    private final Object view = new Object();
    // guarded by view
    private final Map<String, Peer> peers = new HashMap<>();
    /**
     * What dropped nodes left of each user (offline there: last seen, status line), merged, so that a node that
     * restarts many times under new ids costs one entry per user, not one per user and start.
     */
    private final Map<String, NodePresence> departed = new HashMap<>();
    private volatile Local local;
    private AutoCloseable subscription;
    private AutoCloseable reconnects;
    private ScheduledFuture<?> ticks;

    /**
     * @param bus       the node's NATS connection, started
     * @param clock     tells when a node was last heard
     * @param timers    runs the heartbeat and the liveness check
     * @param heartbeat how often this node says it is alive (a few seconds; shorter in tests)
     */
    NatsPresence(NatsBus bus, Clock clock, ScheduledExecutorService timers, Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("the heartbeat interval must be positive");
        }
        this.bus = bus;
        this.clock = clock;
        this.timers = timers;
        this.heartbeat = heartbeat;
    }

    @Override
    public void start(Local local) {
        this.local = local;
        subscription = bus.subscribe(bus.presenceSubject(), this::received);
        reconnects = bus.onReconnected(this::join);
        join();
        long every = heartbeat.toMillis();
        ticks = timers.scheduleAtFixedRate(this::tick, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void changed(String user, NodePresence here) {
        synchronized (publishing) {
            mine.put(user, here);
            seq++;
            publish(new PresenceWire(PresenceWire.Type.UPDATE, bus.nodeId(), seq, 0, "", Map.of(user, here)));
        }
    }

    @Override
    public List<NodePresence> elsewhere(String user) {
        List<NodePresence> found = new ArrayList<>(2);
        synchronized (view) {
            for (Peer p : peers.values()) {
                NodePresence presence = p.users.get(user);
                if (presence != null) {
                    found.add(presence);
                }
            }
            NodePresence left = departed.get(user);
            if (left != null) {
                found.add(left);
            }
        }
        return found;
    }

    /** The ids of the other nodes heard from and not dropped (tests, monitoring). */
    Set<String> liveNodes() {
        Set<String> live = new HashSet<>();
        synchronized (view) {
            live.addAll(peers.keySet());
        }
        return live;
    }

    /** Says hello (everyone answers with a snapshot) and that this node is alive. */
    private void join() {
        publish(PresenceWire.hello(bus.nodeId(), ""));
        sendHeartbeat();
    }

    private void tick() {
        try {
            if (bus.connected()) {
                sendHeartbeat();
            }
            dropSilentNodes();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "the presence heartbeat failed", e);
        }
    }

    private void sendHeartbeat() {
        synchronized (publishing) {
            publish(new PresenceWire(PresenceWire.Type.HEARTBEAT, bus.nodeId(), seq, 0, "", Map.of()));
        }
    }

    private void sendSnapshot() {
        synchronized (publishing) {
            for (PresenceWire part : PresenceWire.snapshot(bus.nodeId(), seq, mine)) {
                publish(part);
            }
        }
    }

    private void dropSilentNodes() {
        long now = clock.millis();
        long limit = MISSED_HEARTBEATS * heartbeat.toMillis();
        Set<String> changed = new HashSet<>();
        synchronized (view) {
            List<String> silent = new ArrayList<>();
            peers.forEach((id, p) -> {
                if (now - p.lastHeard > limit) {
                    silent.add(id);
                }
            });
            for (String id : silent) {
                LOG.log(System.Logger.Level.WARNING, "node {0} not heard from for {1} ms: its users are shown "
                        + "offline there", id, now - peers.get(id).lastHeard);
                drop(id, changed);
            }
        }
        tell(changed);
    }

    /**
     * Under the view's monitor: the node is gone; its users are offline there, last seen when it was last heard, and
     * what it held joins {@link #departed}. If it is heard again, it is a node never heard before.
     */
    private void drop(String id, Set<String> changed) {
        Peer p = peers.remove(id);
        p.users.forEach((user, presence) -> {
            changed.add(user);
            NodePresence left = new NodePresence(0, Math.max(presence.lastSeen(),
                    presence.sessions() > 0 ? p.lastHeard : 0), presence.description(), presence.describedAt());
            departed.merge(user, left, (a, b) -> new NodePresence(0, Math.max(a.lastSeen(), b.lastSeen()),
                    a.describedAt() >= b.describedAt() ? a.description() : b.description(),
                    Math.max(a.describedAt(), b.describedAt())));
        });
    }

    /** A presence message from the bus. */
    void received(byte[] data) {
        PresenceWire m;
        try {
            m = PresenceWire.parse(data);
        } catch (IllegalArgumentException e) {
            UNREADABLE.log(System.Logger.Level.WARNING, "node {0}: an unreadable presence message: {1}",
                    bus.nodeId(), e.getMessage());
            return;
        }
        if (m.origin().equals(bus.nodeId())) {
            return;
        }
        long now = clock.millis();
        Set<String> changed = new HashSet<>();
        boolean ask = false;
        boolean answer = false;
        synchronized (view) {
            Peer peer = peers.computeIfAbsent(m.origin(), id -> new Peer());
            boolean known = peer.known;
            peer.known = true;
            peer.lastHeard = now;
            switch (m.type()) {
                case UPDATE -> {
                    ask = !known || m.seq() != peer.seq + 1;
                    peer.seq = m.seq();
                    apply(peer, m.entries(), changed);
                }
                case HEARTBEAT -> ask = !known || m.seq() != peer.seq;
                case SNAPSHOT -> {
                    if (m.part() == 0) {
                        changed.addAll(peer.users.keySet());
                        peer.users.clear();
                        peer.seq = m.seq();
                        peer.askedAt = Long.MIN_VALUE / 2;
                    } else {
                        ask = !known;
                    }
                    apply(peer, m.entries(), changed);
                }
                case BYE -> drop(m.origin(), changed);
                case HELLO -> {
                    answer = m.target().isEmpty() || m.target().equals(bus.nodeId());
                    ask = !known;
                }
            }
            if (ask && now - peer.askedAt >= heartbeat.toMillis()) {
                peer.askedAt = now;
            } else {
                ask = false;
            }
        }
        if (answer) {
            sendSnapshot();
        }
        if (ask) {
            publish(PresenceWire.hello(bus.nodeId(), m.origin()));
        }
        tell(changed);
    }

    private static void apply(Peer peer, Map<String, NodePresence> entries, Set<String> changed) {
        entries.forEach((user, presence) -> {
            if (!presence.equals(peer.users.put(user, presence))) {
                changed.add(user);
            }
        });
    }

    private void tell(Set<String> changed) {
        Local l = local;
        if (!changed.isEmpty() && l != null) {
            l.remoteChanged(changed);
        }
    }

    private void publish(PresenceWire message) {
        bus.publish(bus.presenceSubject(), message.toBytes());
    }

    /** Stops: says goodbye (the others show this node's users offline at once), then stops hearing from them. */
    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        publish(new PresenceWire(PresenceWire.Type.BYE, bus.nodeId(), 0, 0, "", Map.of()));
        for (AutoCloseable c : new AutoCloseable[] {reconnects, subscription}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // closing: the connection goes next
                }
            }
        }
    }
}
