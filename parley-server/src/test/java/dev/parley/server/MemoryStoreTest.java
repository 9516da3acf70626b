package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on {@code --store memory}: the protocol works as on the durable store (receipts, live and offline
 * delivery, acknowledgements), nothing is written to a database file, and a restart forgets everything.
 */
class MemoryStoreTest {
    @TempDir
    Path dir;

    private ServerConfig config() {
        return ServerConfig.builder().dataDir(dir).port(0).store(ServerConfig.StoreKind.MEMORY).build();
    }

    @Test
    void messagesFlowLiveAndOfflineWithoutADatabaseFile() throws Exception {
        try (ParleyServer server = ParleyServer.start(config())) {
            String royToken = server.userToken("roy", Duration.ofHours(1));
            try (RawClient leo = RawClient.signedIn(server, "leo")) {
                leo.send(Frame.Send.text("m1", "roy", "while you were away"));
                String offline = leo.expect(Frame.Receipt.class).id();
                try (RawClient roy = RawClient.connect(server)) {
                    roy.send(new Frame.Open(server.appKey(), "roy", royToken, ""));
                    roy.expect(Frame.Opened.class);
                    assertThat(roy.expect(Frame.SyncStart.class).count()).isEqualTo(1);
                    Frame.Message stored = roy.expect(Frame.Message.class);
                    assertThat(stored.id()).isEqualTo(offline);
                    assertThat(stored.msg()).isEqualTo("while you were away");
                    roy.expect(Frame.SyncEnd.class);
                    roy.send(new Frame.Delivered(offline));
                    assertThat(leo.expect(Frame.Delivery.class).id()).isEqualTo(offline);

                    leo.send(Frame.Send.text("m2", "roy", "and now live"));
                    String live = leo.expect(Frame.Receipt.class).id();
                    assertThat(roy.expect(Frame.Message.class).id()).isEqualTo(live);
                    assertThat(Long.parseLong(live)).isGreaterThan(Long.parseLong(offline));
                }
            }
        }
        assertThat(dir.resolve("parley.db")).doesNotExist();
    }

    @Test
    void aRestartForgetsTheMessages() throws Exception {
        try (ParleyServer server = ParleyServer.start(config());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofHours(1));
            leo.send(Frame.Send.text("m1", "roy", "lost at the restart"));
            leo.expect(Frame.Receipt.class);
        }
        try (ParleyServer server = ParleyServer.start(config())) {
            try (RawClient roy = RawClient.connect(server)) {
                roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofHours(1)), ""));
                roy.expect(Frame.Opened.class);
                assertThat(roy.expect(Frame.SyncStart.class).count()).isZero();
                roy.expect(Frame.SyncEnd.class);
            }
        }
    }
}
