package dev.parley.server.store;

import org.sqlite.SQLiteConfig;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Opens connections to one SQLite file with the settings Parley relies on: WAL, {@code synchronous=FULL} (a COMMIT
 * returns only once the WAL is on disk), foreign keys on and a 5 s busy timeout.
 * <p>
 * Threading: immutable; each connection it opens is then used by one thread at a time.
 */
final class SqliteConnections {

    private static final int BUSY_TIMEOUT_MILLIS = 5_000;
    /**
     * The writer's page cache, in KiB as SQLite takes a negative size: the indexes' hot pages (the last page of each
     * conversation, sender and recipient) stay in memory instead of being read back from the OS for every commit.
     */
    private static final int WRITER_CACHE_KIB = -64 * 1024;

    private final String url;

    SqliteConnections(Path file) {
        this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    }

    /**
     * The connection that writes: transactions are begun explicitly ({@code BEGIN IMMEDIATE}), autocommit stays on.
     * The driver does not fetch generated keys: it would prepare and run {@code SELECT last_insert_rowid()} on a new
     * statement after every INSERT (the inbox entry of every message), and the store takes ids with {@code RETURNING}.
     */
    Connection openWriter() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setCacheSize(WRITER_CACHE_KIB);
        config.setGetGeneratedKeys(false);
        Connection connection = config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            // Checkpoints are the SqliteCheckpointer's, on its own connection: none runs inside a commit.
            statement.execute("PRAGMA wal_autocheckpoint = 0");
            // Never trust a durability setting unchecked: WAL silently stays off on file systems without shared memory.
            requirePragma(statement, "journal_mode", "wal");
            requirePragma(statement, "synchronous", "2");
            requirePragma(statement, "foreign_keys", "1");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /**
     * The connection that checkpoints: copies committed pages from the WAL into the database file and syncs it
     * ({@code synchronous=FULL}), beside the writer.
     */
    Connection openCheckpointer() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            requirePragma(statement, "synchronous", "2");
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    /** A connection for reads only ({@code query_only}); WAL lets it read beside the writer. */
    Connection openReader() throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        Connection connection = config.createConnection(url);
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA query_only = 1");
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
        return connection;
    }

    private static void requirePragma(Statement statement, String pragma, String expected) throws SQLException {
        try (ResultSet row = statement.executeQuery("PRAGMA " + pragma)) {
            String actual = row.next() ? row.getString(1) : "";
            if (!expected.equalsIgnoreCase(actual)) {
                throw new StoreException("SQLite refused " + pragma + " = " + expected + " (it is " + actual + ")");
            }
        }
    }
}
