package dev.parley.desktop.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code outbox} table of the {@link LocalCache}: messages written and not yet receipted, in the order they were
 * added. Statements only; the caller holds the transaction. Threading: the caller's.
 */
final class OutboxTable {
    private OutboxTable() {
    }

    /** Adds {@code m} at the end; one already there with its local id is replaced where it stands. */
    static void add(Connection c, OutboxMessage m) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO outbox (local_id, chat_type, recipient, written, message) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (local_id) DO UPDATE SET chat_type = excluded.chat_type, recipient = excluded.recipient,
                    written = excluded.written, message = excluded.message""")) {
            upsert.setString(1, m.localId());
            upsert.setString(2, m.message().chatType().wire());
            upsert.setString(3, m.message().to());
            upsert.setLong(4, m.written().toEpochMilli());
            upsert.setString(5, MessageJson.outbox(m.message()));
            upsert.executeUpdate();
        }
    }

    /** Removes the message with {@code localId}; whether there was one. */
    static boolean remove(Connection c, String localId) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbox WHERE local_id = ?")) {
            delete.setString(1, localId);
            return delete.executeUpdate() > 0;
        }
    }

    /** Every message, in the order added. */
    static List<OutboxMessage> all(Connection c) throws SQLException {
        List<OutboxMessage> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT message, written FROM outbox ORDER BY seq");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.add(new OutboxMessage(MessageJson.outbox(rows.getString(1)),
                        Instant.ofEpochMilli(rows.getLong(2))));
            }
        }
        return out;
    }
}
