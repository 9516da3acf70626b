package dev.parley.server.session;

import static dev.parley.server.session.NatsNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.limit.RateLimiter;
import dev.parley.server.testing.NatsTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The device count and the send rate hold across two nodes on the machine's NATS. */
class NatsLimitsTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(400);

    private final NatsNodes nodes = new NatsNodes("limits", HEARTBEAT);

    @AfterEach
    void closeAll() throws Exception {
        nodes.close();
    }

    private NatsNode node(String id, String url) {
        return nodes.node(id, url);
    }

    @Test
    void theDeviceLimitCountsTheSessionsOnEveryNode() {
        String url = NatsTestServer.shared().url();
        NatsNode a = node("a", url);
        NatsNode b = node("b", url);
        int max = 3;
        assertThat(a.signIn(new FakeSocket("phone"), "bob", max)).isNotNull();
        assertThat(a.signIn(new FakeSocket("laptop"), "bob", max)).isNotNull();
        await("b hears of a's two", () -> b.presence.sessionsElsewhere("bob") == 2);

        Connection tablet = b.signIn(new FakeSocket("tablet"), "bob", max);
        assertThat(tablet).as("the third device, on b").isNotNull();
        assertThat(b.signIn(new FakeSocket("watch"), "bob", max)).as("a fourth on b").isNull();
        await("a hears of b's one", () -> a.presence.sessionsElsewhere("bob") == 1);
        assertThat(a.signIn(new FakeSocket("tv"), "bob", max)).as("a fourth on a").isNull();

        b.signOut(tablet);
        await("a hears b's is gone", () -> a.presence.sessionsElsewhere("bob") == 0);
        assertThat(a.signIn(new FakeSocket("tv"), "bob", max)).as("a place is free again").isNotNull();
    }

    @Test
    void aUserOnTwoNodesGetsHalfTheSendRateOnEach() {
        String url = NatsTestServer.shared().url();
        NatsNode a = node("a", url);
        NatsNode b = node("b", url);
        a.signIn(new FakeSocket("phone"), "bob");
        assertThat(a.presence.nodesWithSessions("bob")).isEqualTo(1);
        b.signIn(new FakeSocket("laptop"), "bob");
        await("a hears of b's", () -> a.presence.nodesWithSessions("bob") == 2);
        await("b hears of a's", () -> b.presence.nodesWithSessions("bob") == 2);

        // what Sending asks of the limiter: a rate of 10/s with a burst of 10, shared by the two nodes
        RateLimiter onA = new RateLimiter(10, 10);
        RateLimiter onB = new RateLimiter(10, 10);
        long now = 0;
        int sent = 0;
        for (int i = 0; i < 20; i++) {
            sent += onA.tryAcquire("bob", now, a.presence.nodesWithSessions("bob")) ? 1 : 0;
            sent += onB.tryAcquire("bob", now, b.presence.nodesWithSessions("bob")) ? 1 : 0;
        }
        assertThat(sent).as("the burst, for both nodes together").isEqualTo(10);
        long second = Duration.ofSeconds(1).toNanos();
        for (int i = 0; i < 20; i++) {
            sent += onA.tryAcquire("bob", second, a.presence.nodesWithSessions("bob")) ? 1 : 0;
            sent += onB.tryAcquire("bob", second, b.presence.nodesWithSessions("bob")) ? 1 : 0;
        }
        assertThat(sent).as("and the rate for a second after").isEqualTo(20);
    }
}
