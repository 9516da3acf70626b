package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.token.TokenVerifier;
import dev.parley.server.AppKey;
import dev.parley.server.ServerConfig;
import dev.parley.server.limit.RateLimiter;
import dev.parley.server.store.GroupCommitWriter;
import dev.parley.server.store.MessageStore;
import jakarta.websocket.CloseReason;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Clock;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The chat side of the server: wires the session registry, the router, the rate limiter and the frame dispatcher
 * behind the WebSocket endpoint. The server owns the store, the writer and the executors and passes them in.
 */
public final class ChatSessions implements AutoCloseable {
    /** The WebSocket path. */
    public static final String PATH = "/websocket";
    /** Text frames longer than this end the connection at the transport level (1009); the app-level limit is lower. */
    public static final int TRANSPORT_MAX_FRAME = 256 * 1024;

    private final SessionRegistry registry = new SessionRegistry();
    private final MessageRouter router = new LocalRouter(registry);
    private final RateLimiter rateLimiter;
    private final ConnectionGate gate;
    private final ChatEndpoint endpoint;
    private final ExecutorService fanOut = Executors.newSingleThreadExecutor(
            r -> Thread.ofPlatform().name("parley-fanout").daemon(true).unstarted(r));

    /**
     * @param storeReads runs sign-in lookups and recipient lookups (store reads); bounded, throws
     *                   {@link java.util.concurrent.RejectedExecutionException} when full
     * @param sync       runs the sign-in sync (pending messages pushed to a new session); bounded like
     *                   {@code storeReads}
     */
    public ChatSessions(ServerConfig config, AppKey appKey, TokenVerifier verifier, MessageStore store,
                        GroupCommitWriter writer, ScheduledExecutorService timers, Executor storeReads, Executor sync,
                        Clock clock) {
        FrameCodec codec = new FrameCodec();
        this.rateLimiter = new RateLimiter(config.sendRatePerSecond(), config.sendBurst());
        this.gate = new ConnectionGate(config.maxConnectionsPerAddress(),
                new RateLimiter(config.connectionRatePerSecond(), config.connectionBurst()));
        Dispatcher dispatcher = new Dispatcher(codec, appKey, verifier, store, writer, registry, router, rateLimiter,
                config.maxDevicesPerUser(), timers, storeReads, fanOut, clock);
        this.endpoint = new ChatEndpoint(codec, dispatcher, registry, timers, config.firstFrameTimeout(), gate,
                config.maxQueuedFrames());
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

    /** Closes every connection ("going away"), so clients reconnect elsewhere or later. */
    @Override
    public void close() {
        for (Connection c : registry.all()) {
            c.close(CloseReason.CloseCodes.GOING_AWAY, "server shutting down");
        }
        router.close();
        // Commits still in flight cannot reach the closed connections; their clients resend after reconnecting.
        fanOut.shutdown();
    }
}
