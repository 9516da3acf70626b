package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.server.testing.PostgresTestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server on {@code --store postgres}: its users, messages and uploads are in the database, not in the data dir, and
 * a message sent before a restart is delivered after it. (Two nodes at once: the cluster tests.)
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
    void aMessageSentBeforeARestartIsDeliveredAfterIt() throws Exception {
        String offline;
        try (ParleyServer server = ParleyServer.start(config());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofHours(1));
            leo.send(Frame.Send.text("m1", "roy", "kept by PostgreSQL"));
            offline = leo.expect(Frame.Receipt.class).id();
        }
        assertThat(dir.resolve("parley.db")).doesNotExist();
        assertThat(dir.resolve("blobs")).as("uploads are in the database too").doesNotExist();

        try (ParleyServer server = ParleyServer.start(config());
             RawClient roy = RawClient.connect(server)) {
            roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofHours(1)), ""));
            roy.expect(Frame.Opened.class);
            assertThat(roy.expect(Frame.SyncStart.class).count()).isEqualTo(1);
            Frame.Message stored = roy.expect(Frame.Message.class);
            assertThat(stored.id()).isEqualTo(offline);
            assertThat(stored.msg()).isEqualTo("kept by PostgreSQL");
            roy.expect(Frame.SyncEnd.class);
        }
    }
}
