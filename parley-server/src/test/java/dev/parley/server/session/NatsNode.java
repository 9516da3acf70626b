package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.AppKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;

/**
 * One cluster node as the session layer has it, without a server: its NATS bus, session registry, presence (merged
 * over NATS) and NATS router, wired as {@code ChatSessions} wires them, with connections on {@link FakeSocket}s. For
 * tests of routing, presence and limits between two nodes in one JVM.
 */
final class NatsNode implements AutoCloseable {
    static final FrameCodec CODEC = new FrameCodec();
    static final AppKey APP = AppKey.parse("test#cluster");

    final String id;
    final NatsBus bus;
    final SessionRegistry registry;
    final NatsPresence cluster;
    final PresenceHub presence;
    final NatsRouter router;
    /** How many times the router's bus-connected hook ran (registered before the node started). */
    final AtomicInteger busConnections = new AtomicInteger();
    private final ScheduledExecutorService timers;

    /** A node of app {@link #APP} on the NATS at {@code url}, started, with presence heartbeats every {@code heartbeat}. */
    NatsNode(String id, String url, Duration heartbeat) {
        this(id, url, heartbeat, APP);
    }

    NatsNode(String id, String url, Duration heartbeat, AppKey app) {
        this.id = id;
        this.timers = Executors.newSingleThreadScheduledExecutor(
                r -> Thread.ofPlatform().name("timers-" + id).daemon(true).unstarted(r));
        this.bus = new NatsBus(url, id, app, Duration.ofMillis(100), timers);
        this.cluster = new NatsPresence(bus, Clock.systemUTC(), timers, heartbeat);
        this.presence = new PresenceHub(CODEC, Clock.systemUTC(), cluster);
        this.registry = new SessionRegistry();
        this.router = new NatsRouter(bus, new LocalRouter(registry, CODEC), CODEC);
        registry.addListener(router); // as ChatSessions: subscribed before presence tells the others
        registry.addListener(presence);
        router.onBusReconnected(busConnections::incrementAndGet);
        bus.start();
        presence.start();
    }

    /** A signed-in, synced connection of {@code user} on this node, on a socket with id {@code device}. */
    Connection signIn(FakeSocket socket, String user, int maxDevices) {
        Connection c = new Connection(socket.session, null, CODEC, 1024 * 1024,
                new FrameBudget(100, 100, System.nanoTime()), SentLedger.off());
        registry.connected(c);
        assertThat(c.beginOpening()).isTrue();
        if (!registry.signedIn(user, c, presence.maxDevicesHere(user, maxDevices))) {
            registry.disconnected("", c);
            return null;
        }
        assertThat(c.beginSync(user, socket.id, new Frame.Opened(user, Long.MAX_VALUE, 0))).isTrue();
        assertThat(c.sync().range(0, 0)).isTrue();
        assertThat(c.sync().finish()).isEqualTo(ConnectionSync.End.FINISHED);
        return c;
    }

    Connection signIn(FakeSocket socket, String user) {
        return signIn(socket, user, 10);
    }

    /** The connection ends (the socket closed). */
    void signOut(Connection c) {
        registry.disconnected(c.closed(), c);
    }

    /** Dies as kill -9 would: no more heartbeats, no goodbye, the connection to NATS gone. */
    void kill() {
        bus.close(); // first: the goodbye the cluster would say goes nowhere
        cluster.close();
        timers.shutdownNow();
    }

    @Override
    public void close() {
        router.close();
        presence.close();
        bus.close();
        timers.shutdownNow();
    }

    /**
     * Waits until {@code condition} holds, or fails saying {@code what} after 30 s (a NATS restart under a loaded
     * machine: jnats' reconnect, and the bus's watch that reconnects a stalled writer after two seconds, took more
     * than 10 s in a CI run).
     */
    static void await(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 30 s: " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
