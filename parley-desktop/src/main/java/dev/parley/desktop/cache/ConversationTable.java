package dev.parley.desktop.cache;

import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.ChatType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The {@code conversations} table of the {@link LocalCache}: the list, each conversation with its name, newest
 * message, unread count and the pinned and muted flags. Statements only; the caller holds the transaction.
 * Threading: the caller's.
 */
final class ConversationTable {
    private ConversationTable() {
    }

    /** Every conversation: pinned ones first, then by newest message, newest first. */
    static List<CachedConversation> all(Connection c) throws SQLException {
        List<CachedConversation> out = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("""
                SELECT chat_type, id, name, latest, unread, pinned, muted, marked_unread FROM conversations
                ORDER BY pinned DESC, latest_time DESC, latest_id DESC""");
             ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                Conversation conversation = new Conversation(ChatType.ofWire(rows.getString(1)), rows.getString(2),
                        rows.getString(3), MessageJson.message(rows.getString(4)), rows.getInt(5));
                out.add(new CachedConversation(conversation, rows.getBoolean(6), rows.getBoolean(7),
                        rows.getBoolean(8)));
            }
        }
        return out;
    }

    /**
     * Writes {@code conversation} as the server gave it, keeping its flags, and keeping the cache's newest message
     * when that is newer than the server's (a live message after the list was fetched) or is the same message
     * (its recall, edit and state merged, {@link MessageTable#merge}).
     */
    static void put(Connection c, Conversation conversation) throws SQLException {
        ReceivedMessage latest = conversation.latest();
        Optional<ReceivedMessage> cached = latest(c, conversation.conversationId());
        if (cached.isPresent()) {
            ReceivedMessage old = cached.get();
            latest = old.id().equals(latest.id()) ? MessageTable.merge(old, latest)
                    : MessageTable.isNewer(old, latest) ? old : latest;
        }
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO conversations (chat_type, id, name, latest_id, latest_time, latest, unread)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (chat_type, id) DO UPDATE SET name = excluded.name, latest_id = excluded.latest_id,
                    latest_time = excluded.latest_time, latest = excluded.latest, unread = excluded.unread""")) {
            upsert.setString(1, conversation.chatType().wire());
            upsert.setString(2, conversation.id());
            upsert.setString(3, conversation.name());
            upsert.setString(4, latest.id());
            upsert.setLong(5, latest.time().toEpochMilli());
            upsert.setString(6, MessageJson.message(latest));
            upsert.setInt(7, conversation.unreadCount());
            upsert.executeUpdate();
        }
    }

    /**
     * Makes {@code m} the newest message of {@code conversation}, if the cache lists it and {@code m} is newer than
     * its newest message or is that message.
     */
    static void offerLatest(Connection c, ConversationId conversation, ReceivedMessage m) throws SQLException {
        Optional<ReceivedMessage> cached = latest(c, conversation);
        if (cached.isPresent() && (cached.get().id().equals(m.id()) || MessageTable.isNewer(m, cached.get()))) {
            setLatest(c, conversation, m);
        }
    }

    /** Applies {@code change} to the newest message of every conversation whose newest message is {@code id}. */
    static boolean changeLatest(Connection c, String id, UnaryOperator<ReceivedMessage> change) throws SQLException {
        List<ReceivedMessage> found = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT latest FROM conversations WHERE latest_id = ?")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    found.add(MessageJson.message(rows.getString(1)));
                }
            }
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE conversations SET latest = ? WHERE latest_id = ?")) {
            for (ReceivedMessage m : found) {
                update.setString(1, MessageJson.message(change.apply(m)));
                update.setString(2, id);
                update.executeUpdate();
            }
        }
        return !found.isEmpty();
    }

    /**
     * Sets flag {@code column} ({@code pinned}, {@code muted} or {@code marked_unread}) of {@code conversation}; false
     * when not listed.
     */
    static boolean setFlag(Connection c, ConversationId conversation, String column, boolean on) throws SQLException {
        if (!column.equals("pinned") && !column.equals("muted") && !column.equals("marked_unread")) {
            throw new IllegalArgumentException(column);
        }
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE conversations SET " + column + " = ? WHERE chat_type = ? AND id = ?")) {
            update.setBoolean(1, on);
            update.setString(2, conversation.chatType().wire());
            update.setString(3, conversation.id());
            return update.executeUpdate() > 0;
        }
    }

    /** Takes {@code conversation} off the list. */
    static void delete(Connection c, ConversationId conversation) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM conversations WHERE chat_type = ? AND id = ?")) {
            delete.setString(1, conversation.chatType().wire());
            delete.setString(2, conversation.id());
            delete.executeUpdate();
        }
    }

    private static Optional<ReceivedMessage> latest(Connection c, ConversationId conversation) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT latest FROM conversations WHERE chat_type = ? AND id = ?")) {
            select.setString(1, conversation.chatType().wire());
            select.setString(2, conversation.id());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(MessageJson.message(row.getString(1))) : Optional.empty();
            }
        }
    }

    private static void setLatest(Connection c, ConversationId conversation, ReceivedMessage m) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("""
                UPDATE conversations SET latest_id = ?, latest_time = ?, latest = ? WHERE chat_type = ? AND id = ?""")) {
            update.setString(1, m.id());
            update.setLong(2, m.time().toEpochMilli());
            update.setString(3, MessageJson.message(m));
            update.setString(4, conversation.chatType().wire());
            update.setString(5, conversation.id());
            update.executeUpdate();
        }
    }
}
