package dev.parley.server.session;

import static dev.parley.server.session.NatsNode.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.server.testing.NatsTestServer;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Presence across two (or three) nodes over the machine's NATS: online anywhere, status lines, dead nodes. */
class NatsPresenceTest {
    private static final Duration HEARTBEAT = Duration.ofMillis(400);

    private final NatsNodes nodes = new NatsNodes("presence", HEARTBEAT);
    private String url;

    @AfterEach
    void closeAll() throws Exception {
        nodes.close();
    }

    private NatsNode node(String id) {
        if (url == null) {
            url = NatsTestServer.shared().url();
        }
        return nodes.node(id, url);
    }

    private static List<Frame.Presence> presences(FakeSocket socket) {
        return socket.frames().stream().filter(f -> f instanceof Frame.Presence).map(f -> (Frame.Presence) f)
                .toList();
    }

    private static Frame.Presence last(FakeSocket socket) {
        List<Frame.Presence> all = presences(socket);
        return all.isEmpty() ? null : all.getLast();
    }

    @Test
    void aUserIsOnlineWhileAnyNodeHoldsASessionAndTheirStatusLineIsSeenEverywhere() {
        NatsNode a = node("a");
        NatsNode b = node("b");
        FakeSocket roy = new FakeSocket("roy");
        Connection royOnA = a.signIn(roy, "roy");
        a.presence.subscribe(royOnA, new Frame.SubscribePresence(List.of("leo")));
        assertThat(last(roy)).isEqualTo(new Frame.Presence("leo", Frame.Presence.OFFLINE, 0, ""));

        Connection leoOnB = b.signIn(new FakeSocket("leo-laptop"), "leo");
        await("online, from b", () -> last(roy).status().equals(Frame.Presence.ONLINE));
        b.presence.publish(leoOnB, new Frame.PublishPresence("在开会 📅"));
        await("the status line set on b", () -> last(roy).description().equals("在开会 📅"));
        Connection leoOnA = a.signIn(new FakeSocket("leo-phone"), "leo");
        b.signOut(leoOnB);
        await("a hears b's leo is gone", () -> a.presence.sessionsElsewhere("leo") == 0);
        long before = System.currentTimeMillis();
        a.signOut(leoOnA);

        Frame.Presence gone = last(roy);
        assertThat(gone.status()).isEqualTo(Frame.Presence.OFFLINE);
        assertThat(gone.lastSeen()).isBetween(before, System.currentTimeMillis());
        assertThat(gone.description()).isEqualTo("在开会 📅");
        assertThat(presences(roy)).as("one frame per change of the merged presence, none while a session was left")
                .containsExactly(new Frame.Presence("leo", Frame.Presence.OFFLINE, 0, ""),
                        new Frame.Presence("leo", Frame.Presence.ONLINE, 0, ""),
                        new Frame.Presence("leo", Frame.Presence.ONLINE, 0, "在开会 📅"),
                        gone);
    }

    @Test
    void aNodeThatStartsLearnsWhoIsOnlineOnTheOthers() {
        NatsNode b = node("b");
        b.signIn(new FakeSocket("leo-laptop"), "leo");
        b.presence.publish(b.registry.connectionsOf("leo").getFirst(), new Frame.PublishPresence("away"));

        NatsNode c = node("c"); // says hello; b answers with its snapshot
        await("c has b's snapshot", () -> c.presence.sessionsElsewhere("leo") == 1);
        FakeSocket roy = new FakeSocket("roy");
        Connection royOnC = c.signIn(roy, "roy");
        c.presence.subscribe(royOnC, new Frame.SubscribePresence(List.of("leo")));
        assertThat(last(roy)).isEqualTo(new Frame.Presence("leo", Frame.Presence.ONLINE, 0, "away"));
    }

    @Test
    void aNodeThatStopsHeartbeatingIsDroppedAndItsUsersShownOffline() {
        NatsNode a = node("a");
        NatsNode b = node("b");
        FakeSocket roy = new FakeSocket("roy");
        Connection royOnA = a.signIn(roy, "roy");
        a.presence.subscribe(royOnA, new Frame.SubscribePresence(List.of("leo")));
        b.signIn(new FakeSocket("leo-laptop"), "leo");
        await("online, from b", () -> last(roy).status().equals(Frame.Presence.ONLINE));
        await("a hears b's heartbeats", () -> a.cluster.liveNodes().contains("b"));

        long killedAt = System.currentTimeMillis();
        b.kill(); // no sign-out, no goodbye: as kill -9

        await("leo offline for a's watchers", () -> last(roy).status().equals(Frame.Presence.OFFLINE));
        long seenAt = System.currentTimeMillis();
        Frame.Presence gone = last(roy);
        assertThat(gone.lastSeen()).as("when b was last heard").isBetween(killedAt - 2 * HEARTBEAT.toMillis(),
                killedAt + HEARTBEAT.toMillis());
        assertThat(seenAt - killedAt).as("after the missed heartbeats")
                .isGreaterThanOrEqualTo((NatsPresence.MISSED_HEARTBEATS - 1) * HEARTBEAT.toMillis());
        assertThat(a.cluster.liveNodes()).doesNotContain("b");
        assertThat(a.presence.sessionsElsewhere("leo")).isZero();
    }

    @Test
    void aNodeThatStopsCleanlySaysGoodbyeAndItsUsersAreOfflineAtOnce() {
        url = NatsTestServer.shared().url();
        NatsNode a = new NatsNode("a", url, Duration.ofSeconds(20), nodes.app()); // no drop by missed heartbeats in this test
        nodes.closing(a);
        NatsNode b = new NatsNode("b", url, Duration.ofSeconds(20), nodes.app());
        await("connected", () -> a.bus.connected() && b.bus.connected());
        FakeSocket roy = new FakeSocket("roy");
        Connection royOnA = a.signIn(roy, "roy");
        a.presence.subscribe(royOnA, new Frame.SubscribePresence(List.of("leo")));
        b.signIn(new FakeSocket("leo-laptop"), "leo");
        await("online, from b", () -> last(roy).status().equals(Frame.Presence.ONLINE));

        long closedAt = System.currentTimeMillis();
        b.close(); // its sessions left as they were: only the goodbye tells a

        await("leo offline for a's watchers", () -> last(roy).status().equals(Frame.Presence.OFFLINE));
        assertThat(last(roy).lastSeen()).as("when b said goodbye").isGreaterThanOrEqualTo(closedAt);
        assertThat(a.cluster.liveNodes()).doesNotContain("b");
    }

    @Test
    void aGapInANodesUpdatesMakesTheOthersAskItForASnapshot() throws Exception {
        NatsNode a = node("a");
        BlockingQueue<PresenceWire> seen = new LinkedBlockingQueue<>();
        try (io.nats.client.Connection z = Nats.connect(url)) {
            io.nats.client.Dispatcher d = z.createDispatcher(m -> seen.add(PresenceWire.parse(m.getData())));
            d.subscribe(a.bus.presenceSubject());
            z.flush(Duration.ofSeconds(5));
            var leo = new PresenceCluster.NodePresence(1, 0, "", 0);
            // node z's update 1, then 3: update 2 was lost on the bus
            z.publish(a.bus.presenceSubject(), new PresenceWire(PresenceWire.Type.SNAPSHOT, "z", 1, 0, "",
                    Map.of("leo", leo)).toBytes());
            z.publish(a.bus.presenceSubject(), new PresenceWire(PresenceWire.Type.UPDATE, "z", 3, 0, "",
                    Map.of("amy", leo)).toBytes());
            PresenceWire hello;
            do {
                hello = seen.poll(10, TimeUnit.SECONDS);
                assertThat(hello).as("a hello from a for z").isNotNull();
            } while (!(hello.type() == PresenceWire.Type.HELLO && hello.origin().equals("a")
                    && hello.target().equals("z")));
            assertThat(a.presence.sessionsElsewhere("leo") + a.presence.sessionsElsewhere("amy"))
                    .as("what z said is applied meanwhile").isEqualTo(2);
        }
    }
}
