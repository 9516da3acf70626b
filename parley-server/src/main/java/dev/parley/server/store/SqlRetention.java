package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * One chunk of retention, on SQLite or PostgreSQL: the oldest messages first (index messages_time), at most
 * {@link #CHUNK} of them, with their inbox entries and events; then the unread counts of their conversations' members
 * are counted again. Events stored before the cutoff go too (index events_time), with their inbox entries.
 * <p>
 * Threading: inside one transaction of the caller (SQLite: under the store's write lock, on the writer connection).
 */
final class SqlRetention {
    /** The most messages one retention transaction deletes. */
    static final int CHUNK = 1_000;

    /** The chunk: the same rows for each statement of the transaction (ties of time broken by id). */
    static final String OLD_CHUNK = "SELECT id FROM messages WHERE time < ? ORDER BY time, id LIMIT " + CHUNK;
    static final String CONVERSATIONS_OF_CHUNK = "SELECT DISTINCT conv FROM messages WHERE id IN (" + OLD_CHUNK + ")";
    static final String DELETE_INBOX_OF_CHUNK = "DELETE FROM inbox WHERE kind <> 1 AND id IN (" + OLD_CHUNK + ")";
    static final String DELETE_EVENTS_OF_CHUNK = "DELETE FROM events WHERE message_id IN (" + OLD_CHUNK + ")";
    static final String DELETE_OLD_CHUNK = "DELETE FROM messages WHERE id IN (" + OLD_CHUNK + ")";
    static final String DELETE_OLD_EVENT_INBOX = """
            DELETE FROM inbox WHERE kind = 1 AND id IN (SELECT id FROM events WHERE time < ?)""";
    static final String DELETE_OLD_EVENTS = "DELETE FROM events WHERE time < ?";
    private static final String COUNT_UNREAD_AGAIN = """
            UPDATE members SET unread = (SELECT count(*) FROM messages m
                WHERE m.conv = members.conv AND m.seq > members.read_seq AND m.sender <> members.member)
            WHERE conv = ?""";

    private SqlRetention() {
    }

    /**
     * Deletes the oldest chunk of messages stored before {@code cutoffMillis}; returns how many. The conversations of
     * the chunk are locked first, in key order ({@link SqlDialect#lockConversation}), so that no append counts an
     * unread message while their counts are made again.
     */
    static int deleteChunk(Connection connection, SqlDialect dialect, long cutoffMillis) throws SQLException {
        List<String> conversations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(CONVERSATIONS_OF_CHUNK)) {
            select.setLong(1, cutoffMillis);
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    conversations.add(row.getString(1));
                }
            }
        }
        conversations.sort(null);
        try (StatementCache statements = new StatementCache(connection)) {
            for (String conv : conversations) {
                dialect.lockConversation(statements, conv);
            }
        }
        // inbox entries and events of events that are about these messages go with the events
        run(connection, "DELETE FROM inbox WHERE kind = 1 AND id IN (SELECT id FROM events WHERE message_id IN ("
                + OLD_CHUNK + "))", cutoffMillis);
        run(connection, DELETE_INBOX_OF_CHUNK, cutoffMillis);
        run(connection, DELETE_EVENTS_OF_CHUNK, cutoffMillis);
        int deleted = run(connection, DELETE_OLD_CHUNK, cutoffMillis);
        try (PreparedStatement count = connection.prepareStatement(COUNT_UNREAD_AGAIN)) {
            for (String conv : conversations) {
                count.setString(1, conv);
                count.executeUpdate();
            }
        }
        if (deleted < CHUNK) { // the last chunk: the events of the period go too
            run(connection, DELETE_OLD_EVENT_INBOX, cutoffMillis);
            run(connection, DELETE_OLD_EVENTS, cutoffMillis);
        }
        return deleted;
    }

    private static int run(Connection connection, String sql, long cutoffMillis) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, cutoffMillis);
            return statement.executeUpdate();
        }
    }
}
