package dev.parley.server.session;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.glassfish.tyrus.core.TyrusSession;

/**
 * The WebSocket endpoint {@code /websocket}: Tyrus glue between a socket and its {@link Connection}. One instance
 * serves every connection; Tyrus calls it on the selector thread of each connection.
 */
public final class ChatEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(ChatEndpoint.class.getName());
    private static final String CONNECTION = "parley.connection";
    /** The remote address of an admitted connection, counted by the gate until the connection closes. */
    private static final String ADMITTED_FROM = "parley.admittedFrom";

    private final FrameCodec codec;
    private final Dispatcher dispatcher;
    private final SessionRegistry registry;
    private final ConnectionGate gate;
    private final FrameMeter meter;
    private final long maxQueuedBytes;
    private final double frameRate;
    private final int frameBurst;
    private final Supplier<SentLedger> ledgers;

    /** @param ledgers makes each connection's record of what it was sent (see {@link PendingRecovery}) */
    ChatEndpoint(FrameCodec codec, Dispatcher dispatcher, SessionRegistry registry, ConnectionGate gate,
                 FrameMeter meter, long maxQueuedBytes, double frameRate, int frameBurst,
                 Supplier<SentLedger> ledgers) {
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.registry = registry;
        this.gate = gate;
        this.meter = meter;
        this.maxQueuedBytes = maxQueuedBytes;
        this.frameRate = frameRate;
        this.frameBurst = frameBurst;
        this.ledgers = ledgers;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        UpgradeHandoff.Transport transport = UpgradeHandoff.current();
        Connection c = new Connection(session, transport, codec, maxQueuedBytes,
                new FrameBudget(frameRate, frameBurst, System.nanoTime()), ledgers.get());
        session.getUserProperties().put(CONNECTION, c);
        registry.connected(c);
        meter.attach(session.getId(), c);
        String address = session instanceof TyrusSession tyrus && tyrus.getRemoteAddr() != null
                ? tyrus.getRemoteAddr() : "";
        switch (gate.admit(address, System.nanoTime())) {
            case ADMITTED -> session.getUserProperties().put(ADMITTED_FROM, address);
            case TOO_MANY -> {
                c.fail(ErrorCode.LIMIT_REACHED, "too many connections from your address",
                        CloseReason.CloseCodes.TRY_AGAIN_LATER);
                return;
            }
            case TOO_FAST -> {
                c.fail(ErrorCode.LIMIT_REACHED, "connecting too fast from your address, try again later",
                        CloseReason.CloseCodes.TRY_AGAIN_LATER);
                return;
            }
        }
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> dispatcher.onText(c, text));
        if (transport != null) {
            // Whole text frames are read at the transport (the hot path); the frame meter does not see them, so
            // they mark the connection active here.
            transport.control().readTextInto(text -> {
                c.frameArrived(System.nanoTime());
                dispatcher.onText(c, text);
            });
        }
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) bytes -> dispatcher.onBinary(c));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        if (session.getUserProperties().get(CONNECTION) instanceof Connection c) {
            registry.disconnected(c.closed(), c);
        }
        if (session.getUserProperties().remove(ADMITTED_FROM) instanceof String address) {
            gate.release(address);
        }
    }

    @Override
    public void onError(Session session, Throwable failure) {
        LOG.log(System.Logger.Level.DEBUG, "session {0}: {1}", session.getId(), failure.toString());
    }
}
