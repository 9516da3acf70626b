package dev.parley.server.store;

import dev.parley.server.testing.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.parley.server.store.StoreFixtures.append;
import static dev.parley.server.store.StoreFixtures.await;
import static dev.parley.server.store.StoreFixtures.commitOne;
import static dev.parley.server.store.StoreFixtures.send;
import static dev.parley.server.store.StoreFixtures.settings;
import static dev.parley.server.store.StoreFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The PostgreSQL store: the {@link ConversationStoreContract} on a fresh database per test, and what is its own (the
 * nodes of a cluster at once are {@link PostgresNodesTest}): a schema newer than the server's, and a database that is
 * unreachable or ends the sessions.
 */
class PostgresMessageStoreTest extends ConversationStoreContract {

    private PostgresTestDatabase database;
    private final List<MessageStore> others = new ArrayList<>();

    @Override
    MessageStore open(Path dataDir, Clock clock) {
        if (database == null) {
            database = PostgresTestDatabase.create();
        }
        return Stores.openPostgres(settings(database, 4), clock);
    }

    /** Another node on the same database. */
    private MessageStore otherNode() {
        MessageStore other = Stores.openPostgres(settings(database, 4), clock);
        others.add(other);
        return other;
    }

    @AfterEach
    void dropDatabase() {
        others.forEach(MessageStore::close);
        store.close();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void aSchemaNewerThanTheServersIsRefused() throws SQLException {
        try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("INSERT INTO schema_version (version, script, applied) VALUES ("
                    + (PostgresMigrations.NEWEST + 1) + ", 'V99__from_the_future.sql', 0)");
        }

        assertThatThrownBy(() -> otherNode())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("newer than this server's");
    }

    @Test
    void anUnreachableDatabaseIsAStoreExceptionWithinSeconds() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PostgresSettings nowhere = new PostgresSettings("jdbc:postgresql://127.0.0.1:" + closedPort + "/parley",
                "parley", "s3cret", 2);
        long started = System.nanoTime();

        assertThatThrownBy(() -> Stores.openPostgres(nowhere, clock))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("cannot open the PostgreSQL store at jdbc:postgresql://127.0.0.1:" + closedPort)
                .hasMessageContaining("refused")
                .hasMessageNotContaining("s3cret");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PostgresPool.CONNECTION_TIMEOUT);
    }

    @Test
    void sessionsTheServerEndsAreReplacedWithoutFailingAWriteOrARead() throws SQLException {
        StoredMessage before = send(store, "alice", "1", "bob", "before");
        assertThat(store.findMessage(before.id())).isPresent(); // every connection of the pool has been used

        try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement();
             ResultSet ended = statement.executeQuery("SELECT count(pg_terminate_backend(pid, 10000))"
                     + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
            ended.next();
            assertThat(ended.getInt(1)).as("the store's sessions, ended as a restart ends them").isPositive();
        }

        StoredMessage after = send(store, "alice", "2", "bob", "after");
        assertThat(store.pendingFor("bob", 10)).containsExactly(before, after);
    }

    @Test
    void whileTheDatabaseIsAwayEveryCallFailsWithinSecondsAndThenTheStoreRecoversByItself() throws Exception {
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
             MessageStore node = Stores.openPostgres(new PostgresSettings("jdbc:postgresql://127.0.0.1:"
                     + proxy.port() + target.getPath(), database.user(), database.password(), 2), clock)) {
            StoredMessage before = send(node, "alice", "1", "bob", "before");

            proxy.cut();
            long started = System.nanoTime();
            assertThatThrownBy(() -> send(node, "alice", "2", "bob", "while away"))
                    .isInstanceOf(StoreException.class).hasMessageContaining("the database cannot be reached")
                    .hasMessageNotContaining("while away");
            assertThatThrownBy(() -> node.pendingFor("bob", 10))
                    .isInstanceOf(StoreException.class).hasMessageContaining("the database cannot be reached");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("two calls, each bounded")
                    .isLessThan(PostgresPool.CONNECTION_TIMEOUT.multipliedBy(3));

            proxy.restore();
            StoredMessage after = send(node, "alice", "3", "bob", "after");
            assertThat(node.pendingFor("bob", 10)).containsExactly(before, after);
        }
    }

    @Test
    void whileTheDatabaseIsAwayASignInWaitingForAConnectionDoesNotHoldUpTheWriter() throws Exception {
        URI target = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort());
             MessageStore node = Stores.openPostgres(new PostgresSettings("jdbc:postgresql://127.0.0.1:"
                     + proxy.port() + target.getPath(), database.user(), database.password(), 2), clock)) {
            send(node, "alice", "1", "bob", "before");
            proxy.cut();

            // A sign-in sync reads the newest id (under the lock the writer's commits take) and waits for a
            // connection; a send that comes meanwhile must fail on its own wait, not after the sync's wait too.
            Thread[] reader = new Thread[1];
            Future<Long> bound = threads.submit(() -> {
                reader[0] = Thread.currentThread();
                return node.lastMessageId();
            });
            await("the sync waits for a connection", () -> waitingForAConnection(reader[0]));
            Thread[] writer = new Thread[1];
            Future<StoredMessage> sent = threads.submit(() -> {
                writer[0] = Thread.currentThread();
                return send(node, "alice", "2", "bob", "while away");
            });
            await("the writer waits for a connection, or the sync has failed",
                    () -> waitingForAConnection(writer[0]) || bound.isDone());
            assertThat(bound.isDone()).as("the writer waits for a connection beside the sync, not behind it")
                    .isFalse();

            assertThatThrownBy(() -> bound.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class).hasMessageContaining("the database cannot be reached");
            assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(StoreException.class).hasMessageContaining("the database cannot be reached");
        } finally {
            threads.shutdownNow();
        }
    }

    /** The thread is parked in HikariCP's wait for a connection to come free or be opened. */
    private static boolean waitingForAConnection(Thread thread) {
        return thread != null && thread.getState() == Thread.State.TIMED_WAITING
                && Arrays.stream(thread.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals("borrow")
                        && frame.getClassName().equals("com.zaxxer.hikari.util.ConcurrentBag"));
    }

    @Test
    void aCallerWaitsForABusyPoolOnlySoLong() throws Exception {
        try (PostgresConnections connections = PostgresConnections.open(settings(database, 1))) {
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ExecutorService other = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> busy = other.submit(() -> connections.read("hold the one connection", c -> {
                    holding.countDown();
                    try {
                        return release.await(30, TimeUnit.SECONDS) ? 1 : 0;
                    } catch (InterruptedException e) {
                        throw new SQLException("interrupted", e);
                    }
                }));
                assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

                assertThatThrownBy(() -> connections.read("read beside it", c -> 2))
                        .isInstanceOf(StoreException.class)
                        .hasMessage("cannot read beside it: no database connection became free within 5 s"
                                + " (all 1 in use)");
                release.countDown();
                assertThat(busy.get(10, TimeUnit.SECONDS)).isEqualTo(1);
                Integer afterwards = connections.read("read afterwards", c -> 3);
                assertThat(afterwards).isEqualTo(3);
            } finally {
                release.countDown();
                other.shutdownNow();
            }
        }
    }

    @Test
    void aTransactionThatDeadlockedRunsAgainAndOtherFailuresDoNot() {
        try (PostgresConnections connections = PostgresConnections.open(settings(database, 2))) {
            AtomicInteger runs = new AtomicInteger();
            String answer = connections.transaction("deadlock once", c -> {
                if (runs.incrementAndGet() == 1) {
                    throw new SQLException("deadlock detected", "40P01");
                }
                return "committed";
            });
            assertThat(answer).isEqualTo("committed");
            assertThat(runs).hasValue(2);

            runs.set(0);
            assertThatThrownBy(() -> connections.transaction("conflict always", c -> {
                runs.incrementAndGet();
                throw new SQLException("could not serialize access", "40001");
            })).isInstanceOf(StoreException.class).hasMessage("cannot conflict always");
            assertThat(runs).hasValue(PostgresConnections.CONFLICT_ATTEMPTS);

            runs.set(0);
            assertThatThrownBy(() -> connections.transaction("break a rule", c -> {
                runs.incrementAndGet();
                throw new SQLException("duplicate key value violates unique constraint", "23505");
            })).isInstanceOf(StoreException.class).hasMessage("cannot break a rule");
            assertThat(runs).as("not a conflict: not tried again").hasValue(1);
        }
    }

    @Test
    void aBatchOfDeliveryMarksIsVisibleToAnotherNodeAtOnce() {
        StoredMessage message = send(store, "alice", "1", "bob", "hello");

        Write.Marked marked = StoreFixtures.marked(commitOne(store, new Write.MarkDelivered(message.id(), "bob")));

        assertThat(marked.changed()).isTrue();
        assertThat(otherNode().pendingFor("bob", 10)).as("another node sees it at once").isEmpty();
    }

    @Test
    void searchGoesThroughTheTrigramIndex() throws SQLException {
        send(store, "alice", "1", "bob", "noodles are fine");
        try (Connection admin = database.dataSource().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("SET enable_seqscan = off"); // a tiny table: make the planner show what it can use
            String plan = explain(statement, "SELECT id FROM messages WHERE lower("
                    + PostgresDialect.SEARCH_TEXT + ") LIKE '%noodle%'");

            assertThat(plan).contains("messages_text");
        }
    }

    @Test
    void everyReadAndRetentionQueryUsesAnIndex() throws SQLException {
        try (Connection admin = database.dataSource().getConnection(); Statement settings = admin.createStatement()) {
            settings.execute("SET enable_seqscan = off"); // tiny tables: a scan only where no index could serve
            for (String sql : List.of(SqlReads.SELECT_PENDING, SqlReads.COUNT_PENDING, SqlReads.SELECT_HISTORY,
                    SqlReads.SELECT_SINGLE_HISTORY, SqlReads.SELECT_CONVERSATIONS, SqlRetention.CONVERSATIONS_OF_CHUNK,
                    SqlRetention.DELETE_OLD_CHUNK, SqlRetention.DELETE_INBOX_OF_CHUNK,
                    SqlRetention.DELETE_EVENTS_OF_CHUNK, SqlRetention.DELETE_OLD_EVENTS,
                    SqlReads.SEARCH_SCAN + " LIMIT 5", SqlReads.filesBefore(PostgresDialect.INSTANCE))) {
                String plan;
                try (PreparedStatement explain = admin.prepareStatement("EXPLAIN " + sql)) {
                    for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                        explain.setObject(i, "1", Types.OTHER);
                    }
                    plan = plan(explain);
                }

                assertThat(plan).as(sql)
                        .doesNotContainPattern("Seq Scan on (messages|conversations|inbox|members|events)");
            }
            try (PreparedStatement explain = admin.prepareStatement("EXPLAIN "
                    + PostgresMessageStore.LOCK_CONVERSATIONS)) {
                explain.setObject(1, "{a}", Types.OTHER);
                explain.setObject(2, "{1}", Types.OTHER);
                assertThat(plan(explain)).doesNotContain("Seq Scan on");
            }
        }
    }

    private static String plan(PreparedStatement explain) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = explain.executeQuery()) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String explain(Statement statement, String sql) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }

    private static String query(Connection connection, String sql) throws SQLException {
        return StoreFixtures.query(connection, sql);
    }
}
