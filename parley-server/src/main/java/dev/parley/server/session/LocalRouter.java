package dev.parley.server.session;

import dev.parley.protocol.Frame;

/** Routes to the sessions of this process, through the {@link SessionRegistry}. */
final class LocalRouter implements MessageRouter {
    private final SessionRegistry registry;

    LocalRouter(SessionRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void deliverMessage(String user, Frame.Message message, String exceptConnectionId, String exceptDeviceId) {
        for (Connection c : registry.connectionsOf(user)) {
            boolean sameDevice = !exceptDeviceId.isEmpty() && c.deviceId().equals(exceptDeviceId);
            if (!c.id().equals(exceptConnectionId) && !sameDevice) {
                c.deliver(message);
            }
        }
    }

    @Override
    public void deliverNotice(String user, Frame.ServerFrame notice) {
        for (Connection c : registry.connectionsOf(user)) {
            if (c.isSignedIn()) {
                c.send(notice);
            }
        }
    }

    @Override
    public void close() {
        // nothing to release in-process
    }
}
