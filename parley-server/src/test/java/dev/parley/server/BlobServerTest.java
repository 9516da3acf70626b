package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.blob.Blob;
import dev.parley.server.blob.NewBlob;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server owns a blob store in its data dir: open while it runs, its uploads kept across restarts, and uploads no
 * message refers to removed after the configured lifetime by the server's own sweeper.
 */
class BlobServerTest {
    @TempDir
    Path dir;

    private static Blob upload(ParleyServer server, String text) {
        return server.blobs().store(new NewBlob("leo", text + ".txt", "text/plain"),
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 1024);
    }

    @Test
    void uploadsOutliveARestartAndUnreferencedOnesLeaveAfterTheirLifetime() throws Exception {
        MovableClock clock = new MovableClock();
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).sweepInterval(Duration.ofMillis(50))
                .unreferencedUploadLifetime(Duration.ofHours(6)).build();
        Blob sent;
        Blob unsent;
        try (ParleyServer server = ParleyServer.start(config, clock)) {
            sent = upload(server, "sent");
            unsent = upload(server, "unsent");
            server.blobs().markReferenced(List.of(sent.uuid()));
        }

        try (ParleyServer server = ParleyServer.start(config, clock)) {
            assertThat(server.blobs().find(sent.uuid())).hasValueSatisfying(b -> {
                assertThat(b.secret()).isEqualTo(sent.secret());
                assertThat(b.referenced()).isTrue();
            });
            assertThat(server.blobs().find(unsent.uuid())).contains(unsent);

            clock.advance(Duration.ofHours(6).plusSeconds(1));

            Eventually.await("the unreferenced upload is swept", Duration.ofSeconds(10),
                    () -> server.blobs().find(unsent.uuid()).isEmpty());
            assertThat(server.blobs().find(sent.uuid())).isPresent();
        }
    }
}
