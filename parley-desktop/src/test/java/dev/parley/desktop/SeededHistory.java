package dev.parley.desktop;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A long one-to-one conversation written straight into a {@link TestServer}'s SQLite database, in one statement
 * (100,000 messages in a few seconds, where sending them would take minutes): the server stops for it and starts
 * again. Message {@code i} (1 to count) reads {@code prefix + i + suffix}, from the first user to the second; their ids
 * rise by one, and all are read. The users must have signed in once (a {@link TestServer#peer}) and the conversation
 * must have no messages yet.
 */
public final class SeededHistory {
    private SeededHistory() {
    }

    /** Seeds the conversation of {@code from} and {@code to}; returns the server id of message 1 (message i: +i-1). */
    public static long seed(TestServer server, String from, String to, int count, String prefix, String suffix) {
        return seed(server, from, to, count, prefix, suffix, 0, "");
    }

    /** As above, but message {@code markedAt} reads {@code marked} instead (a word to search for). */
    public static long seed(TestServer server, String from, String to, int count, String prefix, String suffix,
                            int markedAt, String marked) {
        server.stop();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + server.dataDir().resolve("parley.db"))) {
            c.setAutoCommit(false);
            String conv = from.compareTo(to) <= 0 ? from + '\u001f' + to : to + '\u001f' + from;
            long start = System.currentTimeMillis() - count - 60_000L;
            try (PreparedStatement insert = c.prepareStatement("""
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO messages (conv, seq, sender, local_id, recipient, body, ext, time, state)
                    SELECT ?, i, ?, 'seed-' || i, ?, CASE WHEN i = ? THEN ? ELSE ? || i || ? END, '{}', ? + i, 2
                    FROM n""")) {
                insert.setInt(1, count);
                insert.setString(2, conv);
                insert.setString(3, from);
                insert.setString(4, to);
                insert.setInt(5, markedAt);
                insert.setString(6, marked);
                insert.setString(7, prefix);
                insert.setString(8, suffix);
                insert.setLong(9, start);
                insert.executeUpdate();
            }
            long first;
            long last;
            try (Statement s = c.createStatement();
                 var row = s.executeQuery("SELECT min(id), max(id) FROM messages WHERE conv = '" + conv + "'")) {
                row.next();
                first = row.getLong(1);
                last = row.getLong(2);
            }
            try (PreparedStatement conversation = c.prepareStatement(
                    "INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id) VALUES (?, '', '', ?, ?)");
                 PreparedStatement member = c.prepareStatement(
                         "INSERT INTO members (conv, member, read_seq, unread) VALUES (?, ?, ?, 0)")) {
                conversation.setString(1, conv);
                conversation.setInt(2, count);
                conversation.setLong(3, last);
                conversation.executeUpdate();
                for (String user : new String[] {from, to}) {
                    member.setString(1, conv);
                    member.setString(2, user);
                    member.setInt(3, count);
                    member.executeUpdate();
                }
            }
            c.commit();
            server.startAgain();
            return first;
        } catch (SQLException e) {
            throw new IllegalStateException("seeding " + count + " messages", e);
        }
    }
}
