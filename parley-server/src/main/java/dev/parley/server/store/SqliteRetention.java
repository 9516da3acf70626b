package dev.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * One chunk of retention on the SQLite store: the oldest messages first (index messages_time), at most {@link #CHUNK}
 * of them, and the unread counts of their conversations lowered by the unread ones among them.
 * <p>
 * Threading: called under the store's write lock, inside a transaction on the writer connection.
 */
final class SqliteRetention {
    /** The most messages one retention transaction deletes. */
    static final int CHUNK = 1_000;

    static final String OLD_CHUNK = "SELECT id FROM messages WHERE time < ?1 ORDER BY time LIMIT " + CHUNK;
    /** The unread messages of a chunk, per conversation and recipient, whose counts go down with them. */
    static final String UNREAD_IN_OLD_CHUNK = "SELECT conv, recipient, count(*) FROM messages WHERE id IN ("
            + OLD_CHUNK + ") AND state < 2 GROUP BY conv, recipient";
    static final String DELETE_OLD_CHUNK = "DELETE FROM messages WHERE id IN (" + OLD_CHUNK + ")";
    private static final String SUBTRACT_UNREAD = """
            UPDATE conversations SET unread_a = unread_a - ?3 * (user_a = ?2), unread_b = unread_b - ?3 * (user_a <> ?2)
            WHERE conv = ?1""";

    private SqliteRetention() {
    }

    /** Deletes the oldest chunk of messages stored before {@code cutoffMillis}; returns how many. */
    static int deleteChunk(Connection connection, long cutoffMillis) throws SQLException {
        try (PreparedStatement unread = connection.prepareStatement(UNREAD_IN_OLD_CHUNK);
             PreparedStatement subtract = connection.prepareStatement(SUBTRACT_UNREAD);
             PreparedStatement delete = connection.prepareStatement(DELETE_OLD_CHUNK)) {
            unread.setLong(1, cutoffMillis);
            try (ResultSet row = unread.executeQuery()) {
                while (row.next()) {
                    subtract.setString(1, row.getString(1));
                    subtract.setString(2, row.getString(2));
                    subtract.setInt(3, row.getInt(3));
                    subtract.executeUpdate();
                }
            }
            delete.setLong(1, cutoffMillis);
            return delete.executeUpdate();
        }
    }
}
