package dev.parley.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The Tyrus container behind our own Grizzly listener. Tyrus's stock Grizzly container builds its own server bound to
 * every address; this one only holds the engine, so the listener (address, I/O strategy, REST handlers) stays ours.
 * <p>
 * Every upgraded connection is read through a {@link FrameGuard} (frame and message size, masking).
 */
final class WebSocketContainer extends TyrusServerContainer {
    private final TyrusWebSocketEngine engine;
    private final GuardedEngine guarded;

    /**
     * @param idleTimeout    sessions that receive nothing for this long are closed
     * @param maxFrameLength text and binary frames, and fragmented messages, longer than this close the session
     *                       (1009) as soon as their header says so
     */
    WebSocketContainer(Duration idleTimeout, int maxFrameLength) {
        super((Set<Class<?>>) null);
        // Set here, not per session in onOpen: Tyrus arms a zero-delay idle check when a session starts with no
        // timeout, and if that check runs after the timeout is set, it closes the brand-new session at once.
        setDefaultMaxSessionIdleTimeout(idleTimeout.toMillis());
        setDefaultMaxTextMessageBufferSize(maxFrameLength);
        setDefaultMaxBinaryMessageBufferSize(maxFrameLength);
        // Tyrus's incoming buffer is a cap, not an allocation; the guard keeps what Tyrus buffers below it.
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(FrameGuard.tyrusBufferNeeded(maxFrameLength))
                .build();
        this.guarded = new GuardedEngine(engine, maxFrameLength, this::getScheduledExecutorService);
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
