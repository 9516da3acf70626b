package dev.parley.server.session;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.glassfish.tyrus.core.frame.TyrusFrame;
import org.glassfish.tyrus.core.monitoring.ApplicationEventListener;
import org.glassfish.tyrus.core.monitoring.EndpointEventListener;
import org.glassfish.tyrus.core.monitoring.MessageEventListener;

/**
 * Sees every frame a client sends, control frames included, through Tyrus's monitoring hooks (the only place where
 * WebSocket pings and fragments are visible): each marks its connection active, and each frame other than a whole
 * text message spends one frame of the connection's budget (text messages are counted by the {@link Dispatcher},
 * which knows which of them are acknowledgements). A client over its budget gets error 509 and is closed.
 * <p>
 * Tyrus asks for a session's listener just before the endpoint's {@code onOpen}; the listener waits here, keyed by
 * session id, until {@link #attach} gives it its connection. Frames before that are only counted in time.
 */
final class FrameMeter implements ApplicationEventListener {
    private final ConcurrentHashMap<String, Listener> unattached = new ConcurrentHashMap<>();
    private final Consumer<Connection> overBudget;

    /** @param overBudget what to do with a connection that sends frames faster than its budget */
    FrameMeter(Consumer<Connection> overBudget) {
        this.overBudget = overBudget;
    }

    /** Gives the session's listener its connection (from the endpoint's {@code onOpen}). */
    void attach(String sessionId, Connection c) {
        Listener listener = unattached.remove(sessionId);
        if (listener != null) {
            listener.connection = c;
        }
    }

    /** Listeners waiting for their connection (tests check that none leaks). */
    int unattached() {
        return unattached.size();
    }

    @Override
    public void onApplicationInitialized(String applicationName) {
    }

    @Override
    public void onApplicationDestroyed() {
    }

    @Override
    public EndpointEventListener onEndpointRegistered(String endpointPath, Class<?> endpointClass) {
        return new EndpointEventListener() {
            @Override
            public MessageEventListener onSessionOpened(String sessionId) {
                Listener listener = new Listener(overBudget);
                unattached.put(sessionId, listener);
                return listener;
            }

            @Override
            public void onSessionClosed(String sessionId) {
                unattached.remove(sessionId);
            }

            @Override
            public void onError(String sessionId, Throwable t) {
            }
        };
    }

    @Override
    public void onEndpointUnregistered(String endpointPath) {
    }

    private static final class Listener implements MessageEventListener {
        private final Consumer<Connection> overBudget;
        volatile Connection connection;

        Listener(Consumer<Connection> overBudget) {
            this.overBudget = overBudget;
        }

        @Override
        public void onFrameSent(TyrusFrame.FrameType frameType, long payloadLength) {
        }

        @Override
        public void onFrameReceived(TyrusFrame.FrameType frameType, long payloadLength) {
            Connection c = connection;
            if (c == null) {
                return;
            }
            long now = System.nanoTime();
            c.frameArrived(now);
            if (frameType != TyrusFrame.FrameType.TEXT && !c.budget().tryTake(now)) {
                overBudget.accept(c);
            }
        }
    }
}
