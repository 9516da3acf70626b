package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.server.testing.NatsTestServer;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers started with {@code --router nats} on the machine's NATS: live messages and presence cross from one to
 * the other. Each server has its own memory store here (a shared PostgreSQL store is the two-node test's), so only
 * what travels on the bus is checked: the recipient exists on both, and a receipt or a sync, which read the store,
 * are not.
 */
class NatsClusterTest {
    @TempDir
    Path dirA;
    @TempDir
    Path dirB;

    private ServerConfig node(Path dir, String appKey, String nodeId, String natsUrl) {
        return nodeConfig(dir, appKey, nodeId, natsUrl).build();
    }

    private ServerConfig.Builder nodeConfig(Path dir, String appKey, String nodeId, String natsUrl) {
        return ServerConfig.builder().dataDir(dir).port(0).store(ServerConfig.StoreKind.MEMORY).appKey(appKey)
                .router(ServerConfig.RouterKind.NATS).natsUrl(natsUrl).nodeId(nodeId)
                .presenceHeartbeat(Duration.ofMillis(400));
    }

    @Test
    void theDeviceLimitCountsTheUsersSessionsOnTheOtherServer() throws Exception {
        String url = NatsTestServer.shared().url();
        String appKey = "t" + UUID.randomUUID().toString().substring(0, 8) + "#cluster";
        try (ParleyServer a = ParleyServer.start(nodeConfig(dirA, appKey, "a", url).maxDevicesPerUser(1).build());
             ParleyServer b = ParleyServer.start(nodeConfig(dirB, appKey, "b", url).maxDevicesPerUser(1).build());
             RawClient roy = RawClient.signedIn(b, "roy");
             RawClient leo = RawClient.signedIn(a, "leo", "phone")) {
            roy.send(new Frame.SubscribePresence(List.of("leo")));
            Frame.Presence seen = roy.expect(Frame.Presence.class);
            if (seen.status().equals(Frame.Presence.OFFLINE)) {
                seen = roy.expect(Frame.Presence.class); // b hears of leo's session on a
            }
            assertThat(seen.status()).isEqualTo(Frame.Presence.ONLINE);

            try (RawClient laptop = RawClient.connect(b)) {
                laptop.send(new Frame.Open(b.appKey(), "leo", b.userToken("leo", Duration.ofHours(1)), "laptop"));
                Frame.Error refused = laptop.expect(Frame.Error.class);
                assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_REACHED.code());
                assertThat(refused.message()).contains("at most 1");
            }
        }
    }

    @Test
    void aMessageSentOnOneServerReachesTheRecipientOnTheOtherAndPresenceFollows() throws Exception {
        String url = NatsTestServer.shared().url();
        String appKey = "t" + UUID.randomUUID().toString().substring(0, 8) + "#cluster";
        try (ParleyServer a = ParleyServer.start(node(dirA, appKey, "a", url));
             ParleyServer b = ParleyServer.start(node(dirB, appKey, "b", url));
             RawClient roy = RawClient.signedIn(b, "roy")) {
            a.userToken("roy", Duration.ofHours(1)); // roy exists in a's store too
            roy.send(new Frame.SubscribePresence(List.of("leo")));
            assertThat(roy.expect(Frame.Presence.class).status()).isEqualTo(Frame.Presence.OFFLINE);

            try (RawClient leo = RawClient.signedIn(a, "leo")) {
                Frame.Presence online = roy.expect(Frame.Presence.class);
                assertThat(online).isEqualTo(new Frame.Presence("leo", Frame.Presence.ONLINE, 0, ""));
                leo.send(new Frame.PublishPresence("on the train"));
                assertThat(roy.expect(Frame.Presence.class).description()).isEqualTo("on the train");

                // once a has heard that roy is online, b's subscription to roy's deliveries is in place at NATS (b
                // subscribes before it publishes the presence change, on one connection)
                leo.send(new Frame.SubscribePresence(List.of("roy")));
                Frame.Presence royOnA = leo.expect(Frame.Presence.class);
                if (royOnA.status().equals(Frame.Presence.OFFLINE)) {
                    royOnA = leo.expect(Frame.Presence.class);
                }
                assertThat(royOnA.status()).isEqualTo(Frame.Presence.ONLINE);
                leo.send(new Frame.Send("l1", "roy", ChatType.SINGLE, new Content.Text("hello from a"),
                        JsonValue.EMPTY_JSON_OBJECT));
                String id = leo.expect(Frame.Receipt.class).id();
                Frame.Message m = roy.expect(Frame.Message.class);
                assertThat(m.id()).isEqualTo(id);
                assertThat(m.from()).isEqualTo("leo");
            }
            Frame.Presence gone = roy.expect(Frame.Presence.class);
            assertThat(gone.status()).isEqualTo(Frame.Presence.OFFLINE);
            assertThat(gone.description()).isEqualTo("on the train");
        }
    }
}
