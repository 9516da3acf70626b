package dev.parley.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.tyrus.container.grizzly.server.WebSocketAddOn;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The Tyrus container behind our own Grizzly listener. Tyrus's stock Grizzly container builds its own server bound to
 * every address; this one only holds the engine, so the listener (address, I/O strategy, REST handlers) stays ours.
 * <p>
 * Every upgraded connection is read through a {@link FrameGuard} (frame and message size, masking), and once
 * upgraded its bytes bypass the HTTP codec ({@link UpgradedConnectionFilter}); {@link #addOn()} installs both.
 */
final class WebSocketContainer extends TyrusServerContainer {
    private final TyrusWebSocketEngine engine;
    private final GuardedEngine guarded;

    /**
     * @param maxFrameLength text and binary frames, and fragmented messages, longer than this close the session
     *                       (1009) as soon as their header says so
     * @param frameListener  sees every frame received (pings included)
     */
    WebSocketContainer(int maxFrameLength, ApplicationEventListener frameListener) {
        super((Set<Class<?>>) null);
        // No idle timeout here: Tyrus re-arms a timer task per frame, and the cancelled tasks stay in the scheduler's
        // queue until they fall due (a ping flood pinned hundreds of MB). The chat sessions detect idleness
        // themselves, with one sweep for all connections. It must be negative, not 0: Tyrus 2.2 still schedules an
        // idle-timeout task for every frame at a timeout of 0 (one that fires at once and does nothing), which cost a
        // thread wake-up per frame (8 % of the server's CPU under load). Below 0 it schedules nothing.
        setDefaultMaxSessionIdleTimeout(-1);
        setDefaultMaxTextMessageBufferSize(maxFrameLength);
        setDefaultMaxBinaryMessageBufferSize(maxFrameLength);
        // Tyrus's incoming buffer is a cap, not an allocation; the guard keeps what Tyrus buffers below it.
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(FrameGuard.tyrusBufferNeeded(maxFrameLength))
                .applicationEventListener(frameListener)
                .build();
        this.guarded = new GuardedEngine(engine, maxFrameLength, this::getScheduledExecutorService);
    }

    /**
     * The listener add-on: Tyrus's WebSocket filter, and in front of the HTTP codec the filter that takes upgraded
     * connections past it.
     */
    AddOn addOn() {
        WebSocketAddOn tyrus = new WebSocketAddOn(this, "");
        return new AddOn() {
            @Override
            public void setup(NetworkListener listener, FilterChainBuilder builder) {
                tyrus.setup(listener, builder);
                int codec = builder.indexOfType(HttpServerFilter.class);
                if (codec < 0) {
                    throw new ParleyServerException("no HTTP codec in the listener's filter chain");
                }
                builder.add(codec, new UpgradedConnectionFilter());
            }
        };
    }

    /** Tasks Tyrus's timer has run so far (tests: none is scheduled per frame). */
    long timerTasksRun() {
        return getScheduledExecutorService() instanceof ThreadPoolExecutor pool ? pool.getCompletedTaskCount() : -1;
    }

    void deploy(ServerEndpointConfig config) {
        try {
            engine.register(config, "");
        } catch (DeploymentException e) {
            throw new ParleyServerException("cannot deploy the WebSocket endpoint: " + e.getMessage(), e);
        }
    }

    @Override
    public void register(Class<?> endpointClass) throws DeploymentException {
        engine.register(endpointClass, "");
    }

    @Override
    public void register(ServerEndpointConfig serverEndpointConfig) throws DeploymentException {
        engine.register(serverEndpointConfig, "");
    }

    @Override
    public Map<String, Object> getProperties() {
        return Map.of();
    }

    @Override
    public WebSocketEngine getWebSocketEngine() {
        return guarded;
    }
}
