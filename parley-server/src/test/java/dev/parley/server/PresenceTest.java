package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Presence over a raw WebSocket client: answered at once, then on every change, until the watching session ends. */
class PresenceTest {
    @TempDir
    Path dir;

    @Test
    void presenceFlipsAsThePeerComesAndGoes() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
             RawClient roy = RawClient.signedIn(server, "roy")) {
            server.userToken("leo", Duration.ofHours(1));
            roy.send(new Frame.SubscribePresence(List.of("Leo", "amy")));
            assertThat(roy.expect(Frame.Presence.class)).isEqualTo(new Frame.Presence("leo", "offline", 0, ""));
            assertThat(roy.expect(Frame.Presence.class).user()).isEqualTo("amy");

            RawClient leo = RawClient.signedIn(server, "leo");
            assertThat(roy.expect(Frame.Presence.class)).isEqualTo(new Frame.Presence("leo", "online", 0, ""));
            RawClient leoPhone = RawClient.signedIn(server, "leo", "phone"); // a second session changes nothing
            leo.send(new Frame.PublishPresence("在开会 📅"));
            assertThat(roy.expect(Frame.Presence.class).description()).isEqualTo("在开会 📅");

            leoPhone.close();
            leo.close();
            long before = System.currentTimeMillis();
            Frame.Presence gone = roy.expect(Frame.Presence.class);
            assertThat(gone.status()).isEqualTo("offline");
            assertThat(gone.lastSeen()).isPositive().isLessThanOrEqualTo(before + 1_000);
            assertThat(gone.description()).isEqualTo("在开会 📅");
            roy.send(new Frame.Ping(1));
            assertThat(roy.expect(Frame.Pong.class).t()).as("one offline, once both sessions ended").isEqualTo(1);
        }
    }

    @Test
    void aClosedWatcherIsForgotten() throws Exception {
        try (ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build())) {
            server.userToken("leo", Duration.ofHours(1));
            try (RawClient roy = RawClient.signedIn(server, "roy")) {
                roy.send(new Frame.SubscribePresence(List.of("leo")));
                roy.expect(Frame.Presence.class);
            }
            try (RawClient leo = RawClient.signedIn(server, "leo");
                 RawClient royAgain = RawClient.signedIn(server, "roy")) {
                royAgain.send(new Frame.Ping(2));
                assertThat(royAgain.expect(Frame.Pong.class).t()).as("a new session watches nobody").isEqualTo(2);
                leo.send(new Frame.Ping(3));
                assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(3);
            }
        }
    }
}
