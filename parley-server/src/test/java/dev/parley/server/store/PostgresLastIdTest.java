package dev.parley.server.store;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.await;
import static dev.parley.server.store.StoreFixtures.appended;
import static dev.parley.server.store.StoreFixtures.messages;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.settings;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The last id a sign-in sync takes as its bound, read while this node's writer has a batch in flight: PostgreSQL's
 * sequence already counts the batch's ids, but its messages are not visible until it commits. A bound that covered
 * one of them made the message's live delivery look like a copy of what the sync had read, and it waited for the
 * user's next sign-in.
 */
class PostgresLastIdTest {
    private final PostgresTestDatabase database = PostgresTestDatabase.create();
    private final MessageStore store = Stores.openPostgres(settings(database, 4), new TestClock(
            MessageStoreContract.START));
    private final ExecutorService threads = Executors.newFixedThreadPool(2);

    @AfterEach
    void close() {
        threads.shutdownNow();
        store.close();
        database.close();
    }

    @Test
    void everyIdUpToTheLastIdIsCommittedWhenTheWriterHasABatchInFlight() throws Exception {
        store.commit(List.of(new Write.CreateUser(user("alice")), new Write.CreateUser(user("bob"))));
        send(store, "alice", "first", "bob", "before");
        try (Connection other = database.dataSource().getConnection();
             Connection watcher = database.dataSource().getConnection()) {
            // Another transaction holds alice's local id "held" uncommitted: the writer's append of the same local id
            // takes its id from the sequence, then waits for that transaction at the unique index.
            other.setAutoCommit(false);
            try (Statement insert = other.createStatement()) {
                insert.executeUpdate("INSERT INTO messages (conv, seq, sender, local_id, recipient, body, ext, time)"
                        + " VALUES ('elsewhere', 1, 'alice', 'held', 'carol', 'x', '{}', 0)");
            }
            CompletableFuture<Write.Result> batch = CompletableFuture.supplyAsync(
                    () -> store.commit(List.of(append("alice", "held", "bob", "in flight"))).getFirst(), threads);
            await("the writer waits at the unique index", () -> writersWaitingOnALock(watcher) == 1);

            Thread[] reader = new Thread[1];
            CompletableFuture<List<String>> seenAtTheBound = CompletableFuture.supplyAsync(() -> {
                reader[0] = Thread.currentThread();
                long bound = store.lastMessageId();
                return messages(store.pendingFor("bob", 0, bound, 10)).stream().map(StoredMessage::localId).toList();
            }, threads);
            await("the bound is read or waits for the batch", () -> seenAtTheBound.isDone()
                    || (reader[0] != null && reader[0].getState() == Thread.State.WAITING));
            other.rollback();

            assertThat(appended(batch.get(30, TimeUnit.SECONDS)).message().localId()).isEqualTo("held");
            assertThat(seenAtTheBound.get(30, TimeUnit.SECONDS))
                    .as("what is pending up to the bound, read at once: the batch in flight is not below it")
                    .containsExactly("first", "held");
        }
    }

    /** Backends of the test's database waiting for a lock ({@code connection} in autocommit: a fresh snapshot). */
    private int writersWaitingOnALock(Connection connection) throws Exception {
        try (PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM pg_stat_activity"
                + " WHERE datname = ? AND wait_event_type = 'Lock'")) {
            query.setString(1, database.name());
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }
}
