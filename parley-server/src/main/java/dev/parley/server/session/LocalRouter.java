package dev.parley.server.session;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;

/**
 * Routes to the sessions of this process, through the {@link SessionRegistry}. A frame is encoded once, whatever the
 * number of sessions; a session whose socket has died fails on its own (see {@link Outbound}) and never stops the
 * delivery to the others.
 */
final class LocalRouter implements MessageRouter {
    private final SessionRegistry registry;
    private final FrameCodec codec;

    LocalRouter(SessionRegistry registry, FrameCodec codec) {
        this.registry = registry;
        this.codec = codec;
    }

    @Override
    public void deliverMessage(String user, EncodedMessage message, String exceptConnectionId, String exceptDeviceId) {
        for (Connection c : registry.connectionsOf(user)) {
            boolean sameDevice = !exceptDeviceId.isEmpty() && c.deviceId().equals(exceptDeviceId);
            if (!c.id().equals(exceptConnectionId) && !sameDevice) {
                c.deliver(message);
            }
        }
    }

    @Override
    public void deliverNotice(String user, Frame.ServerFrame notice) {
        Outbound.Encoded encoded = null;
        for (Connection c : registry.connectionsOf(user)) {
            if (c.isSignedIn()) {
                if (encoded == null) {
                    encoded = Outbound.Encoded.of(codec.encode(notice));
                }
                c.send(encoded);
            }
        }
    }

    @Override
    public void deliverLive(String user, Outbound.Encoded frame, String exceptConnectionId) {
        for (Connection c : registry.connectionsOf(user)) {
            if (c.isSignedIn() && !c.id().equals(exceptConnectionId)) {
                c.send(frame);
            }
        }
    }

    @Override
    public void close() {
        // nothing to release in-process
    }
}
