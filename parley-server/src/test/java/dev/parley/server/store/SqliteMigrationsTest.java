package dev.parley.server.store;

import dev.parley.server.store.MessageStore.ConversationSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.execute;
import static dev.parley.server.store.StoreFixtures.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class SqliteMigrationsTest {

    @TempDir
    Path dir;

    @Test
    void migrationsApplyOnceAndUpgradeOlderSchema() throws SQLException {
        // A database as a V1 server left it: messages, but no conversations table yet.
        try (Connection old = connections().openWriter()) {
            assertThat(SqliteMigrations.migrate(old, 1)).isEqualTo(1);
            insertV1Message(old, 1, "alice\u001Fbob", 1, "alice", "bob", "first");
            insertV1Message(old, 2, "alice\u001Fbob", 2, "bob", "alice", "second");
            insertV1Message(old, 3, "alice\u001Fcarol", 1, "carol", "alice", "third");
        }

        try (MessageStore store = Stores.openSqlite(dir, Clock.systemUTC())) {
            assertThat(store.conversations("alice", 10))
                    .extracting(ConversationSummary::peer, c -> c.lastMessage().body(), ConversationSummary::unreadCount)
                    .containsExactly(tuple("carol", "third", 1), tuple("bob", "second", 1));
            assertThat(store.conversations("bob", 10)).extracting(ConversationSummary::unreadCount)
                    .containsExactly(1);
            StoredMessage next = send(store, "alice", "a2", "bob", "fourth");
            assertThat(next.seq()).isEqualTo(3);
            assertThat(next.id()).isEqualTo(4);
        }
        try (MessageStore reopened = Stores.openSqlite(dir); Connection check = connections().openWriter()) {
            assertThat(SqliteMigrations.migrate(check)).isZero();
            assertThat(appliedScripts(check)).containsExactly("1 V1__init.sql", "2 V2__conversations.sql",
                    "3 V3__fewer_index_pages.sql", "4 V4__conversations_of_many_kinds.sql", "5 V5__search.sql",
                    "6 V6__avatars.sql");
            assertThat(reopened.history("bob", "alice", Optional.empty(), 10)).hasSize(3);
        }
    }

    @Test
    void aNewDatabaseGetsEveryScriptOnce() throws SQLException {
        try (Connection connection = connections().openWriter()) {
            assertThat(SqliteMigrations.migrate(connection)).isEqualTo(SqliteMigrations.NEWEST);
            assertThat(SqliteMigrations.migrate(connection)).isZero();
            assertThat(SqliteMigrations.currentVersion(connection)).isEqualTo(SqliteMigrations.NEWEST);
            assertThat(appliedScripts(connection)).hasSize(SqliteMigrations.NEWEST);
        }
    }

    @Test
    void aDatabaseFromANewerServerIsRefused() throws SQLException {
        try (Connection connection = connections().openWriter()) {
            SqliteMigrations.migrate(connection);
            execute(connection, "INSERT INTO schema_version (version, script, applied) VALUES (99, 'V99__x.sql', 0)");
        }

        assertThatThrownBy(() -> Stores.openSqlite(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void scriptsSplitIntoStatementsAtLineEnds() {
        assertThat(SqliteMigrations.statements("""
                -- a comment; with a semicolon
                CREATE TABLE t (
                    a TEXT -- inline
                );

                INSERT INTO t VALUES ('x;y');
                """)).containsExactly("CREATE TABLE t (\n    a TEXT -- inline\n);", "INSERT INTO t VALUES ('x;y');");
    }

    private SqliteConnections connections() {
        return new SqliteConnections(dir.resolve(SqliteMessageStore.FILE_NAME));
    }

    private static void insertV1Message(Connection connection, long id, String conv, long seq, String sender,
                                        String recipient, String body) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO messages (id, conv, seq, sender, local_id, recipient, body, ext, time, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, '{}', 1000, 0)""")) {
            insert.setLong(1, id);
            insert.setString(2, conv);
            insert.setLong(3, seq);
            insert.setString(4, sender);
            insert.setString(5, "local-" + id);
            insert.setString(6, recipient);
            insert.setString(7, body);
            insert.executeUpdate();
        }
    }

    private static List<String> appliedScripts(Connection connection) throws SQLException {
        List<String> scripts = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version, script FROM schema_version ORDER BY version");
             ResultSet row = select.executeQuery()) {
            while (row.next()) {
                scripts.add(row.getInt(1) + " " + row.getString(2));
            }
        }
        return scripts;
    }
}
