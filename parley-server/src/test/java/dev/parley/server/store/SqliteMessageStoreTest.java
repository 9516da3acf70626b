package dev.parley.server.store;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.appended;
import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.execute;
import static dev.parley.server.store.StoreFixtures.marked;
import static dev.parley.server.store.StoreFixtures.query;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SQLite store: the {@link MessageStoreContract}, and what is its own: durability across reopening, the settings
 * of the write connection, real SQLite faults inside a batch, and an index for every query.
 */
class SqliteMessageStoreTest extends ConversationStoreContract {

    @Override
    MessageStore open(Path dataDir, Clock clock) {
        return SqliteMessageStore.open(dataDir, clock);
    }

    private SqliteMessageStore sqlite() {
        return (SqliteMessageStore) store;
    }

    @Test
    void committedMessagesSurviveReopen() {
        StoredMessage message = send(store, "alice", "1", "bob", "durable");
        commitOne(store, new Write.CreateUser(user("alice")));
        store.close();

        store = SqliteMessageStore.open(dir, clock);

        assertThat(store.findMessage(message.id())).contains(message);
        assertThat(store.pendingFor("bob", 10)).containsExactly(message);
        assertThat(store.findUser("alice")).contains(user("alice"));
        StoredMessage next = send(store, "bob", "2", "alice", "still here");
        assertThat(next.id()).isGreaterThan(message.id());
        assertThat(next.seq()).isEqualTo(2);
    }

    @Test
    void theWriterRunsNoQueryOfItsOwnAfterAnInsert() {
        // The driver would prepare and run SELECT last_insert_rowid() on a new statement after each INSERT (the inbox
        // entry of every message) to offer generated keys; the store takes ids with RETURNING.
        boolean keysFetched = sqlite().onWriteConnection(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TEMP TABLE inserted (id INTEGER PRIMARY KEY)");
                s.executeUpdate("INSERT INTO inserted DEFAULT VALUES");
                try (ResultSet keys = s.getGeneratedKeys()) {
                    return keys.next();
                }
            }
        });
        assertThat(keysFetched).isFalse();
    }

    @Test
    void aFailingStatementRollsBackTheWholeBatch() {
        // A real SQLite error in the middle of a batch: a trigger on the writer connection aborts one insert.
        sqlite().onWriteConnection(c -> execute(c, """
                CREATE TEMP TRIGGER fail_for_mallory BEFORE INSERT ON main.messages WHEN NEW.recipient = 'mallory'
                BEGIN SELECT RAISE(ABORT, 'simulated I/O error'); END"""));
        List<Write<?>> batch = List.of(
                append("alice", "1", "bob", "secret body"),
                new Write.CreateUser(user("carol")),
                append("alice", "2", "mallory", "fails"));

        assertThatThrownBy(() -> store.commit(batch))
                .isInstanceOf(StoreException.class)
                .hasMessage("commit of 3 writes failed")
                .hasStackTraceContaining("simulated I/O error")
                .hasMessageNotContaining("secret body");

        assertThat(store.pendingFor("bob", 10)).isEmpty();
        assertThat(store.findUser("carol")).isEmpty();
        sqlite().onWriteConnection(c -> execute(c, "DROP TRIGGER temp.fail_for_mallory"));
        List<Write.Result> retried = store.commit(batch);
        assertThat(appended(retried.get(0)).duplicate()).isFalse();
        assertThat(appended(retried.get(0)).message().seq()).isEqualTo(1);
        assertThat(retried.get(1)).isEqualTo(new Write.UserCreated(true));
    }

    @Test
    void aWriteConnectionClosedUnderneathIsReopenedForTheNextCommit() {
        sqlite().onWriteConnection(c -> {
            c.close();
            return null;
        });

        StoredMessage message = send(store, "alice", "1", "bob", "after reopen");

        assertThat(store.findMessage(message.id())).contains(message);
    }

    @Test
    void theWriteConnectionIsDurable() {
        assertThat(pragma("journal_mode")).isEqualToIgnoringCase("wal");
        assertThat(pragma("synchronous")).isEqualTo("2");
        assertThat(pragma("foreign_keys")).isEqualTo("1");
        assertThat(pragma("busy_timeout")).isEqualTo("5000");
        assertThat(pragma("wal_autocheckpoint")).as("no checkpoint inside a commit").isEqualTo("0");
        assertThat(dir.resolve("parley.db")).exists();
    }

    @Test
    void everyReadAndRetentionQueryUsesAnIndex() {
        for (String sql : List.of(SqlReads.SELECT_PENDING, SqlReads.COUNT_PENDING,
                SqlReads.SELECT_HISTORY, SqlReads.SELECT_CONVERSATIONS,
                SqlRetention.CONVERSATIONS_OF_CHUNK, SqlRetention.DELETE_OLD_CHUNK, SqlRetention.DELETE_INBOX_OF_CHUNK,
                SqlRetention.DELETE_EVENTS_OF_CHUNK, SqlRetention.DELETE_OLD_EVENTS,
                SqlReads.SEARCH_SCAN + " LIMIT 5", SqlReads.filesBefore(new SqliteDialect()))) {
            List<String> plan = sqlite().onWriteConnection(c -> {
                List<String> steps = new ArrayList<>();
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
                    for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                        explain.setString(i, "x");
                    }
                    try (ResultSet rows = explain.executeQuery()) {
                        while (rows.next()) {
                            steps.add(rows.getString("detail"));
                        }
                    }
                }
                return steps;
            });

            assertThat(plan).as(sql).noneMatch(step -> step.matches("SCAN (messages|conversations)"));
            assertThat(plan).as(sql).anyMatch(step -> step.contains("INDEX") || step.contains("PRIMARY KEY"));
        }
    }

    @Test
    void theCheckpointerCopiesTheWalIntoTheDatabaseAndTruncatesItAtClose() throws Exception {
        List<Write<?>> writes = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            writes.add(append("alice", "m" + i, "bob", "message " + i));
        }
        store.commit(writes);
        Path wal = dir.resolve("parley.db-wal");
        assertThat(java.nio.file.Files.size(wal)).isPositive();

        SqliteCheckpointer.Result result = sqlite().checkpointer().checkpointNow();

        assertThat(result.walPages()).isPositive();
        assertThat(result.copiedPages()).isEqualTo(result.walPages());
        store.close();
        assertThat(!java.nio.file.Files.exists(wal) || java.nio.file.Files.size(wal) == 0)
                .as("no WAL left behind").isTrue();
        store = open(dir, clock);
        assertThat(store.pendingFor("bob", 1_000)).hasSize(500);
    }

    @Test
    void aBatchOfDeliveryMarksIsNotSyncedByItselfButEverythingElseIs() {
        StoredMessage message = send(store, "alice", "1", "bob", "hello");
        long[] before = sqlite().commits();

        commitOne(store, new Write.MarkDelivered(message.id(), "bob"));
        long[] afterMarks = sqlite().commits();
        assertThat(pragma("synchronous")).as("the writer is back to FULL").isEqualTo("2");
        commitOne(store, new Write.MarkRead(message.id(), "bob"));
        store.commit(List.of(new Write.MarkDelivered(message.id(), "bob"), append("bob", "2", "alice", "hi")));
        long[] afterRest = sqlite().commits();

        assertThat(afterMarks[1] - before[1]).as("unsynced commits: the delivery marks").isEqualTo(1);
        assertThat(afterMarks[0] - before[0]).isZero();
        assertThat(afterRest[0] - afterMarks[0]).as("synced: the read mark, and marks with an append").isEqualTo(2);
        assertThat(afterRest[1]).isEqualTo(afterMarks[1]);
        store.close();
        store = open(dir, clock);
        assertThat(store.findMessage(message.id())).hasValueSatisfying(
                m -> assertThat(m.state()).isEqualTo(StoredMessage.DeliveryState.READ));
    }

    private String pragma(String name) {
        return sqlite().onWriteConnection(c -> query(c, "PRAGMA " + name));
    }
}
