package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import dev.parley.server.blob.Blob;
import dev.parley.server.blob.NewBlob;
import dev.parley.server.testing.PostgresTestDatabase;
import jakarta.json.JsonValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on {@code --store postgres}: its users, messages and uploads are in the database, not in the data dir, and
 * what was sent before a restart is there after it. (Two nodes at once: the cluster tests.)
 */
class PostgresStoreTest {
    @TempDir
    Path dir;

    private PostgresTestDatabase database;

    @BeforeEach
    void createDatabase() {
        database = PostgresTestDatabase.create();
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    private ServerConfig config() {
        return ServerConfig.builder().dataDir(dir).port(0).store(ServerConfig.StoreKind.POSTGRES)
                .dbUrl(database.jdbcUrl()).dbUser(database.user()).dbPassword(database.password()).dbPoolSize(4)
                .build();
    }

    @Test
    void messagesAndUploadsSentBeforeARestartAreThereAfterIt() throws Exception {
        String text;
        String file;
        Blob upload;
        try (ParleyServer server = ParleyServer.start(config());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofHours(1));
            leo.send(Frame.Send.text("m1", "roy", "kept by PostgreSQL"));
            text = leo.expect(Frame.Receipt.class).id();
            upload = server.blobs().store(new NewBlob("leo", "notes.txt", "text/plain"),
                    new ByteArrayInputStream("in the database".getBytes(StandardCharsets.UTF_8)), 1 << 20);
            leo.send(new Frame.Send("m2", "roy", ChatType.SINGLE, new Content.File(Attachment.of(upload.uuid(),
                    upload.secret(), "notes.txt", 15, "text/plain")), JsonValue.EMPTY_JSON_OBJECT));
            file = leo.expect(Frame.Receipt.class).id();
        }
        assertThat(dir.resolve("parley.db")).doesNotExist();
        assertThat(dir.resolve("blobs")).as("uploads are in the database too").doesNotExist();

        try (ParleyServer server = ParleyServer.start(config());
             RawClient roy = RawClient.connect(server)) {
            roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofHours(1)), ""));
            roy.expect(Frame.Opened.class);
            assertThat(roy.expect(Frame.SyncStart.class).count()).isEqualTo(2);
            Frame.Message first = roy.expect(Frame.Message.class);
            assertThat(first.id()).isEqualTo(text);
            assertThat(first.msg()).isEqualTo("kept by PostgreSQL");
            Frame.Message second = roy.expect(Frame.Message.class);
            assertThat(second.id()).isEqualTo(file);
            assertThat(((Content.File) second.content()).file().uuid()).isEqualTo(upload.uuid());
            roy.expect(Frame.SyncEnd.class);
            assertThat(server.blobs().find(upload.uuid())).hasValueSatisfying(b -> {
                assertThat(b.size()).isEqualTo(15);
                assertThat(b.referenced()).isTrue();
            });
        }
    }
}
