package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket endpoint {@code /websocket}: Tyrus glue between a socket and its {@link Connection}. One instance
 * serves every connection; Tyrus calls it on the selector thread of each connection.
 */
public final class ChatEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    private static final String CONNECTION = "parley.connection";

    private final FrameCodec codec;
    private final Dispatcher dispatcher;
    private final SessionRegistry registry;
    private final ScheduledExecutorService timers;
    private final Duration firstFrameTimeout;

    ChatEndpoint(FrameCodec codec, Dispatcher dispatcher, SessionRegistry registry, ScheduledExecutorService timers,
                 Duration firstFrameTimeout) {
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.timers = timers;
        this.firstFrameTimeout = firstFrameTimeout;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Connection c = new Connection(session, codec);
        session.getUserProperties().put(CONNECTION, c);
        registry.connected(c);
        c.firstFrameTimer(timers.schedule(() -> {
            if (c.state() == Connection.State.AWAITING_OPEN) {
                c.fail(dev.parley.protocol.ErrorCode.NOT_LOGGED_IN, "no open frame within "
                        + firstFrameTimeout.toSeconds() + " s");
            }
        }, firstFrameTimeout.toMillis(), TimeUnit.MILLISECONDS));
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> dispatcher.onText(c, text));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (session.getUserProperties().get(CONNECTION) instanceof Connection c) {
            registry.disconnected(c.closed(), c);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "session {0}: {1}", session.getId(), failure.toString());
    }
}
