package dev.parley.server.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Brings a SQLite database to the newest schema with the numbered scripts in {@code sqlite/} beside this class
 * ({@code V1__init.sql}, {@code V2__…}), applied in order, each in its own transaction together with its row in
 * {@code schema_version}; a script that was applied is never applied again.
 * <p>
 * A script is split into statements at each line that ends with {@code ;}; lines starting with {@code --} are
 * comments. (Scripts therefore hold no triggers, whose bodies contain {@code ;}.) A new script is added to
 * {@link #SCRIPTS} and never edits an older one.
 * <p>
 * Threading: called once at open on the writer connection, before any other use of the database.
 */
final class SqliteMigrations {

    /** The scripts, in version order: script {@code i} has version {@code i + 1}. */
    static final List<String> SCRIPTS = List.of("V1__init.sql", "V2__conversations.sql",
            "V3__fewer_index_pages.sql", "V4__conversations_of_many_kinds.sql", "V5__search.sql",
            "V6__avatars.sql");

    static final int NEWEST = SCRIPTS.size();

    private SqliteMigrations() {
    }

    /**
     * Applies every script newer than the database's version.
     *
     * @return how many scripts were applied (0 when the database was up to date)
     */
    static int migrate(Connection connection) throws SQLException {
        return migrate(connection, NEWEST);
    }

    /** Applies the scripts newer than the database's version up to {@code target}; tests use it to make an old DB. */
    static int migrate(Connection connection, int target) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                        version INTEGER NOT NULL PRIMARY KEY,
                        script  TEXT    NOT NULL,
                        applied INTEGER NOT NULL
                    )""");
        }
        int current = currentVersion(connection);
        if (current > NEWEST) {
            throw new StoreException("the database has schema version " + current
                    + ", newer than this server's " + NEWEST + ": upgrade the server");
        }
        int applied = 0;
        for (int version = current + 1; version <= target; version++) {
            apply(connection, version, SCRIPTS.get(version - 1));
            applied++;
        }
        return applied;
    }

    /** The newest version applied, 0 for an empty database. */
    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            row.next();
            return row.getInt(1);
        }
    }

    private static void apply(Connection connection, int version, String script) throws SQLException {
        List<String> statements = statements(load("sqlite/" + script));
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                for (String sql : statements) {
                    statement.execute(sql);
                }
                try (PreparedStatement record = connection.prepareStatement(
                        "INSERT INTO schema_version (version, script, applied) VALUES (?, ?, ?)")) {
                    record.setInt(1, version);
                    record.setString(2, script);
                    record.setLong(3, System.currentTimeMillis());
                    record.executeUpdate();
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw new StoreException("schema migration " + script + " failed", e);
            }
        }
    }

    /** The text of a migration script among the resources beside this class ({@code sqlite/…}, {@code postgres/…}). */
    static String load(String path) {
        try (InputStream in = SqliteMigrations.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new StoreException("schema migration " + path + " is missing from the server module");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read schema migration " + path, e);
        }
    }

    /** Splits a script at lines ending with {@code ;}, dropping comment lines. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                statements.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';': " + current.toString().strip());
        }
        return statements;
    }
}
