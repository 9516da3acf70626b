package dev.parley.server.session;

import static dev.parley.server.session.NatsNode.await;

import dev.parley.server.AppKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The nodes of one test on a NATS server, and whatever else it must close, closed in reverse order. Each test has an
 * app of its own, so its subjects never meet another test's (or another build's) on the machine's shared NATS.
 */
final class NatsNodes implements AutoCloseable {
    private final Duration heartbeat;
    private final AppKey app;
    private final List<AutoCloseable> closing = new ArrayList<>();

    /** @param name ends the test app's key ({@code tXXXXXXXX#name}) */
    NatsNodes(String name, Duration heartbeat) {
        this.heartbeat = heartbeat;
        this.app = AppKey.parse("t" + UUID.randomUUID().toString().substring(0, 8) + "#" + name);
    }

    /** The test's app. */
    AppKey app() {
        return app;
    }

    /** A node on {@code url}, once it is connected. */
    NatsNode node(String id, String url) {
        return node(id, url, heartbeat);
    }

    /** A node with a heartbeat of its own, once it is connected. */
    NatsNode node(String id, String url, Duration nodeHeartbeat) {
        NatsNode node = closing(new NatsNode(id, url, nodeHeartbeat, app));
        await("node " + id + " connected", node.bus::connected);
        return node;
    }

    /** Closes {@code resource} with the nodes. */
    <T extends AutoCloseable> T closing(T resource) {
        closing.add(resource);
        return resource;
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
    }
}
