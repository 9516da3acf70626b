package dev.parley.server;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Map;
import java.util.Set;
import org.glassfish.tyrus.core.TyrusWebSocketEngine;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.server.TyrusServerContainer;
import org.glassfish.tyrus.spi.WebSocketEngine;

/**
 * The Tyrus container behind our own Grizzly listener. Tyrus's stock Grizzly container builds its own server bound to
 * every address; this one only holds the engine, so the listener (address, I/O strategy, REST handlers) stays ours.
 */
final class WebSocketContainer extends TyrusServerContainer {
    private final TyrusWebSocketEngine engine;

    /**
     * @param maxFrameLength text and binary frames longer than this close the session (1009)
     * @param frameListener  sees every frame received (pings included)
     */
    WebSocketContainer(int maxFrameLength, ApplicationEventListener frameListener) {
        super((Set<Class<?>>) null);
        // No idle timeout here: Tyrus re-arms a timer task per frame, and the cancelled tasks stay in the scheduler's
        // queue until they fall due (a ping flood pinned hundreds of MB). The chat sessions detect idleness
        // themselves, with one sweep for all connections.
        setDefaultMaxSessionIdleTimeout(0);
        setDefaultMaxTextMessageBufferSize(maxFrameLength);
        setDefaultMaxBinaryMessageBufferSize(maxFrameLength);
        this.engine = TyrusWebSocketEngine.builder(this)
                .incomingBufferSize(512 * 1024)
                .applicationEventListener(frameListener)
                .build();
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
        return engine;
    }
}
