package dev.parley.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Short ways to write to a store, and to run SQL on a connection, in tests. */
final class StoreFixtures {

    private StoreFixtures() {
    }

    static Write.Append append(String sender, String localId, String recipient, String body) {
        return new Write.Append(sender, localId, recipient, body, "{}");
    }

    /** Commits one append on its own and returns the stored message. */
    static StoredMessage send(MessageStore store, String sender, String localId, String recipient, String body) {
        return appended(store.commit(List.of(append(sender, localId, recipient, body))).getFirst()).message();
    }

    /** The messages among inbox items, in order. */
    static List<StoredMessage> messages(List<InboxItem> items) {
        return items.stream().filter(StoredMessage.class::isInstance).map(StoredMessage.class::cast).toList();
    }

    static Write.Result commitOne(MessageStore store, Write<?> write) {
        return store.commit(List.of(write)).getFirst();
    }

    static Write.Appended appended(Write.Result result) {
        if (result instanceof Write.Appended appended) {
            return appended;
        }
        throw new AssertionError("expected Appended, got " + result);
    }

    static Write.Marked marked(Write.Result result) {
        if (result instanceof Write.Marked marked) {
            return marked;
        }
        throw new AssertionError("expected Marked, got " + result);
    }

    static UserRecord user(String name) {
        return new UserRecord(name, name.toUpperCase(Locale.ROOT), "", 1_000L);
    }

    static Void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return null;
    }

    /** The first column of the first row. */
    static String query(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    /** The settings of a pool of {@code poolSize} connections to a test database. */
    static PostgresSettings settings(dev.parley.server.testing.PostgresTestDatabase db, int poolSize) {
        return new PostgresSettings(db.jdbcUrl(), db.user(), db.password(), poolSize);
    }

    interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every few milliseconds for up to 30 s. */
    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for: " + what);
            }
            new CompletableFuture<Void>().completeOnTimeout(null, 5, TimeUnit.MILLISECONDS).join();
        }
    }
}
