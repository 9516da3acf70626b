package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.AppKey;
import dev.parley.server.ServerConfig;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.blob.BlobStore;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.StoredMessage;
import dev.parley.server.store.Write;
import dev.parley.server.store.MessageStore;
import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;

/**
 * The chat side of the server: wires the session registry, the router, the rate limiter, the sign-in sync and the
 * frame dispatcher behind the WebSocket endpoint. The server owns the store, the writer and the executors and passes
 * them in.
 * <p>
 * Lifecycle: {@link #start} starts the periodic check of every connection (first frame late, idle, token expired,
 * closing sockets); {@link #close} closes every connection. Time per connection costs no scheduled task: one sweep
 * serves them all, so a connection that sends a million frames leaves nothing behind in the scheduler.
 */
public final class ChatSessions implements AutoCloseable {
    /** The WebSocket path. */
    public static final String PATH = "/websocket";
    /** Text frames longer than this end the connection at the transport level (1009); the app-level limit is lower. */
    public static final int TRANSPORT_MAX_FRAME = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(ChatSessions.class.getName());

    private final ServerConfig config;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final SessionRegistry registry;
    private final Messages messages;
    private final FrameCodec codec;
    private final ConversationEvents events;
    private final MessageRouter router;
    private final RateLimiter rateLimiter;
    private final ConnectionGate gate;
    private final FrameMeter meter;
    private final ChatEndpoint endpoint;
    private final PresenceHub presence;
    /** The node's NATS connection with {@code --router nats}; null for a single server. */
    private final NatsBus bus;
    /** Present when sessions recover from the store what the bus lost (a cluster). */
    private final Optional<PendingRecovery> recovery;
    private final FanOut fanOut = new FanOut("parley-fanout");
    private ScheduledFuture<?> sweep;

    /**
     * @param storeReads runs sign-in lookups and recipient lookups (store reads); bounded, throws
     *                   {@link java.util.concurrent.RejectedExecutionException} when full
     * @param sync       runs the sign-in sync (pending messages pushed to a new session); bounded like
     *                   {@code storeReads}
     */
    public ChatSessions(ServerConfig config, AppKey appKey, TokenVerifier verifier, MessageStore store,
                        BlobStore blobs, Supplier<String> apiUrl, GroupCommitWriter writer,
                        ScheduledExecutorService timers, Executor storeReads, Executor sync, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.timers = timers;
        FrameCodec codec = new FrameCodec();
        switch (config.router()) {
            case LOCAL -> {
                this.bus = null;
                this.presence = new PresenceHub(codec, clock);
                this.registry = new SessionRegistry(presence);
                this.router = new LocalRouter(registry, codec);
            }
            case NATS -> {
                this.bus = new NatsBus(config.natsUrl(), config.nodeId(), appKey, NatsBus.RECONNECT_WAIT,
                        timers);
                this.presence = new PresenceHub(codec, clock,
                        new NatsPresence(bus, clock, timers, config.presenceHeartbeat()));
                this.registry = new SessionRegistry();
                NatsRouter nats = new NatsRouter(bus, new LocalRouter(registry, codec), codec);
                // The router subscribes to a user's deliveries before presence tells the other nodes of the session:
                // a node that has heard of it publishes to a subscription already in place (one NATS connection
                // keeps its order).
                registry.addListener(nats);
                registry.addListener(presence);
                this.router = nats;
            }
            default -> throw new IllegalArgumentException("unknown router " + config.router());
        }
        this.rateLimiter = new RateLimiter(config.sendRatePerSecond(), config.sendBurst());
        this.gate = new ConnectionGate(config.maxConnectionsPerAddress(),
                new RateLimiter(config.connectionRatePerSecond(), config.connectionBurst()));
        Attachments attachments = new Attachments(blobs, appKey, apiUrl);
        this.messages = new Messages(attachments::withAddresses);
        this.codec = codec;
        SignInSync signInSync = new SignInSync(store, codec, messages, sync, config.maxQueuedBytes());
        this.events = new ConversationEvents(codec, writer, store, router, attachments, fanOut,
                storeReads, clock, config.recallWindow());
        boolean recovering = config.recoveryInterval().isPositive();
        // A resend of a message still pending for its peer may come from a client whose node died between the commit
        // and the bus: the peer may not have it yet, and must get it before what follows, however late the client
        // came back. A peer's connection that was sent it already drops it (SentLedger: a pending id is kept).
        Sending sending = new Sending(codec, messages, attachments, store, writer, router, rateLimiter, storeReads,
                fanOut, presence::nodesWithSessions, m -> recovering);
        Dispatcher dispatcher = new Dispatcher(codec, appKey, verifier, store, writer, registry, router, rateLimiter,
                config.maxDevicesPerUser(), storeReads, signInSync, fanOut, clock, events, sending, presence);
        this.meter = new FrameMeter(dispatcher::tooManyFrames);
        this.recovery = recovering ? Optional.of(new PendingRecovery(registry, store, codec, messages,
                timers, storeReads, config.recoveryInterval())) : Optional.empty();
        // what the bus lost while NATS was away is recovered at once when it is back (the hook does nothing locally)
        recovery.ifPresent(r -> router.onBusReconnected(r::soon));
        this.endpoint = new ChatEndpoint(codec, dispatcher, registry, gate, meter, config.maxQueuedBytes(),
                config.frameRatePerSecond(), config.frameBurst(),
                recovering ? () -> SentLedger.tracking(SentLedger.DEFAULT_CAPACITY) : SentLedger::off);
    }

    /**
     * Delivers the frames of a change made outside a session (a group change through REST, say) to the sessions of
     * their recipients, each frame encoded once. Call it after the change was committed.
     */
    public void publish(List<Write.Notice> notices) {
        events.deliver(notices, "");
    }

    /** A stored message as the REST API answers it: one mapping for the WebSocket, history and search. */
    public String messageJson(StoredMessage message) {
        return messages.toJson(codec, message);
    }

    /**
     * Starts checking the connections' timers; with {@code --router nats}, connects to NATS (or keeps trying in the
     * background) and joins the cluster's presence first.
     */
    public void start() {
        if (bus != null) {
            bus.start();
        }
        presence.start();
        long tick = Math.clamp(Math.min(config.firstFrameTimeout().toMillis(), config.idleTimeout().toMillis()) / 4,
                20, 500);
        sweep = timers.scheduleWithFixedDelay(this::checkConnections, tick, tick, TimeUnit.MILLISECONDS);
        recovery.ifPresent(PendingRecovery::start);
    }

    /** The endpoint configuration to deploy at {@link #PATH}. */
    public ServerEndpointConfig endpointConfig() {
        return ServerEndpointConfig.Builder.create(ChatEndpoint.class, PATH)
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                })
                .build();
    }

    /** The listener to give Tyrus's engine, through which every frame (pings included) is counted. */
    public ApplicationEventListener frameListener() {
        return meter;
    }

    /** Periodic housekeeping: forgets idle rate-limit buckets. */
    public void sweep() {
        long now = System.nanoTime();
        rateLimiter.forgetIdle(now);
        gate.sweep(now);
    }

    /** How many users are signed in on this node. */
    public int signedInUsers() {
        return registry.signedInUsers();
    }

    /** How many WebSocket connections are open on this node, signed in or not (for tests and monitoring). */
    public int connections() {
        return registry.connectionCount();
    }

    /** How many of the open connections write their frames to the socket themselves (for tests and monitoring). */
    public int directConnections() {
        return registry.directConnectionCount();
    }

    private void checkConnections() {
        long nowNanos = System.nanoTime();
        long nowMillis = clock.millis();
        Duration firstFrame = config.firstFrameTimeout();
        Duration idle = config.idleTimeout();
        for (Connection c : registry.all()) {
            try {
                switch (c.check(nowNanos, nowMillis, firstFrame, idle)) {
                    case NOTHING -> { }
                    case FIRST_FRAME_LATE -> c.fail(ErrorCode.NOT_LOGGED_IN,
                            "no open frame within " + firstFrame.toMillis() + " ms");
                    case IDLE -> c.close(CloseReason.CloseCodes.GOING_AWAY,
                            "idle for " + idle.toSeconds() + " s: send ping to keep a session open");
                    case TOKEN_EXPIRED -> c.fail(ErrorCode.TOKEN_EXPIRED, "token expired");
                    case CLOSE_SOCKET -> c.closeSocket();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "checking " + c + " failed", e);
            }
        }
    }

    /** Closes every connection ("going away"), so clients reconnect elsewhere or later. */
    @Override
    public void close() {
        if (sweep != null) {
            sweep.cancel(false);
        }
        recovery.ifPresent(PendingRecovery::close);
        for (Connection c : registry.all()) {
            c.close(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        }
        router.close();
        presence.close();
        if (bus != null) {
            bus.close();
        }
        // Commits still in flight cannot reach the closed connections; their clients resend after reconnecting.
        fanOut.shutdown();
    }
}
