package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings a PostgreSQL database to the newest schema with the numbered scripts in {@code postgres/} beside this class
 * ({@code V1__init.sql}, {@code V2__…}), applied in order, each in one transaction together with its row in
 * {@code schema_version}; a script that was applied is never applied again, and a new one is added to
 * {@link #SCRIPTS} without editing an older one. A script runs as one multi-statement string.
 * <p>
 * Several nodes may start at once on one database: each transaction first takes the advisory lock {@link #LOCK}
 * ({@code pg_advisory_xact_lock}, released by its commit or rollback) and only then reads the version, so one node
 * migrates while the others wait, and then find nothing left to do. A database whose schema is newer than this
 * server's is refused, as the SQLite store refuses one.
 * <p>
 * Threading: called at open, on a connection of its own.
 */
final class PostgresMigrations {

    /** The scripts, in version order: script {@code i} has version {@code i + 1}. */
    static final List<String> SCRIPTS = List.of("V1__init.sql");
    static final int NEWEST = SCRIPTS.size();
    /** The advisory lock of schema migrations: "parley" in ASCII. */
    static final long LOCK = 0x7061726C6579L;

    private static final String VERSION_TABLE = """
            CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER NOT NULL PRIMARY KEY,
                script  TEXT    NOT NULL,
                applied BIGINT  NOT NULL
            )""";

    private PostgresMigrations() {
    }

    /**
     * Applies every script newer than the database's version.
     *
     * @return how many scripts this call applied (0 when the database was up to date, or another node migrated it)
     * @throws StoreException when the schema is newer than this server's, or a script fails
     */
    static int migrate(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            int applied = 0;
            while (migrateOne(connection)) {
                applied++;
            }
            return applied;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** Applies the next script under the lock, if there is one; whether it did. */
    private static boolean migrateOne(Connection connection) throws SQLException {
        String script = "";
        try (Statement statement = connection.createStatement()) {
            statement.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
            statement.execute(VERSION_TABLE);
            int current = currentVersion(statement);
            if (current > NEWEST) {
                throw new StoreException("the database has schema version " + current
                        + ", newer than this server's " + NEWEST + ": upgrade the server");
            }
            if (current == NEWEST) {
                connection.commit();
                return false;
            }
            script = SCRIPTS.get(current);
            statement.execute(SqliteMigrations.load("postgres/" + script));
            try (PreparedStatement record = connection.prepareStatement(
                    "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                record.setInt(1, current + 1);
                record.setString(2, script);
                record.setLong(3, System.currentTimeMillis());
                record.executeUpdate();
            }
            connection.commit();
            return true;
        } catch (SQLException | RuntimeException e) {
            try {
                connection.rollback();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
            }
            if (e instanceof StoreException || script.isEmpty()) {
                throw e;
            }
            // PostgreSQL's reason (a missing privilege or extension, say) holds no row data: the operator needs it
            throw new StoreException("schema migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    /** The newest version applied, 0 for an empty database. */
    static int currentVersion(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            row.next();
            return row.getInt(1);
        }
    }
}
