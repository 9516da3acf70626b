package dev.parley.desktop.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@link LocalCache}'s tables, as numbered migrations: version {@code n} is reached by applying the statements of
 * {@code MIGRATIONS.get(n - 1)} once, in one transaction, and is then kept in {@code PRAGMA user_version}; two
 * connections opening a new file at once apply each version once (the version is read again inside the write
 * transaction). A new version appends a list; a published one is never changed.
 * <p>
 * The tables: {@code identity} (the server, app key and user the file belongs to: one row), {@code conversations}
 * (the list, each with its newest message), {@code messages} (the recent history of each conversation, each message
 * as JSON beside the columns it is looked up and ordered by) and {@code outbox} (messages written and not yet
 * receipted, in the order written); version 2 adds the {@code marked_unread} flag of a conversation, version 3 the
 * {@code people} table (display names by user ID, for the senders of group previews). Messages are JSON of
 * {@link MessageJson}. Threading: the caller's.
 */
final class CacheSchema {
    static final List<List<String>> MIGRATIONS = List.of(List.of("""
            CREATE TABLE identity (
                server_url TEXT NOT NULL,
                app_key    TEXT NOT NULL,
                user       TEXT NOT NULL
            )""", """
            CREATE TABLE conversations (
                chat_type   TEXT    NOT NULL,
                id          TEXT    NOT NULL,
                name        TEXT    NOT NULL,
                latest_id   TEXT    NOT NULL,
                latest_time INTEGER NOT NULL,
                latest      TEXT    NOT NULL,
                unread      INTEGER NOT NULL,
                pinned      INTEGER NOT NULL DEFAULT 0,
                muted       INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (chat_type, id)
            ) WITHOUT ROWID""", """
            CREATE INDEX conversations_by_latest_id ON conversations (latest_id)""", """
            CREATE TABLE messages (
                id           TEXT    NOT NULL PRIMARY KEY,
                chat_type    TEXT    NOT NULL,
                conversation TEXT    NOT NULL,
                time         INTEGER NOT NULL,
                edit_time    INTEGER NOT NULL DEFAULT 0,
                message      TEXT    NOT NULL
            )""", """
            CREATE INDEX messages_by_conversation ON messages (chat_type, conversation, time, id)""", """
            CREATE TABLE outbox (
                seq       INTEGER PRIMARY KEY AUTOINCREMENT,
                local_id  TEXT    NOT NULL UNIQUE,
                chat_type TEXT    NOT NULL,
                recipient TEXT    NOT NULL,
                written   INTEGER NOT NULL,
                message   TEXT    NOT NULL
            )"""), List.of("""
            ALTER TABLE conversations ADD COLUMN marked_unread INTEGER NOT NULL DEFAULT 0"""), List.of("""
            CREATE TABLE people (
                user     TEXT NOT NULL PRIMARY KEY,
                nickname TEXT NOT NULL
            ) WITHOUT ROWID"""));

    /** The file is not this cache's: from a newer version of the app, or of another user. */
    static final class Unusable extends Exception {
        Unusable(String message) {
            super(message);
        }
    }

    private CacheSchema() {
    }

    /**
     * Brings the schema of {@code connection}'s database up to {@link #MIGRATIONS}'s last version, and checks (or, in
     * a new file, records) whom it belongs to.
     *
     * @throws Unusable if the file has a newer schema, or belongs to someone else
     */
    static void migrate(Connection connection, String serverUrl, String appKey, String user)
            throws SQLException, Unusable {
        int version = version(connection);
        if (version > MIGRATIONS.size()) {
            throw new Unusable("its schema version " + version + " is newer than this app's " + MIGRATIONS.size());
        }
        try (Statement statement = connection.createStatement()) {
            for (int v = version + 1; v <= MIGRATIONS.size(); v++) {
                statement.execute("BEGIN IMMEDIATE");
                try {
                    if (version(connection) >= v) { // another connection (the outbox's, the list's) got here first
                        statement.execute("COMMIT");
                        continue;
                    }
                    for (String sql : MIGRATIONS.get(v - 1)) {
                        statement.execute(sql);
                    }
                    if (v == 1) {
                        record(connection, serverUrl, appKey, user);
                    }
                    statement.execute("PRAGMA user_version = " + v);
                    statement.execute("COMMIT");
                } catch (SQLException | RuntimeException e) {
                    statement.execute("ROLLBACK");
                    throw e;
                }
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT server_url, app_key, user FROM identity")) {
            if (!row.next() || !row.getString(1).equals(serverUrl) || !row.getString(2).equals(appKey)
                    || !row.getString(3).equals(user)) {
                throw new Unusable("it belongs to another server or user");
            }
        }
    }

    private static int version(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            return row.next() ? row.getInt(1) : 0;
        }
    }

    private static void record(Connection connection, String serverUrl, String appKey, String user)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO identity (server_url, app_key, user) VALUES (?, ?, ?)")) {
            insert.setString(1, serverUrl);
            insert.setString(2, appKey);
            insert.setString(3, user);
            insert.executeUpdate();
        }
    }
}
