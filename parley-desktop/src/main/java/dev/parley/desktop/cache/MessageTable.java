package dev.parley.desktop.cache;

import dev.parley.client.ConversationId;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.Content;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code messages} table of the {@link LocalCache}: each conversation's recent history, newest first by the
 * server's time (then by id), at most a limit of messages a conversation. Statements only; the caller holds the
 * transaction. Threading: the caller's.
 */
final class MessageTable {
    private static final String NEWEST_FIRST = " ORDER BY time DESC, id DESC LIMIT ?";

    private MessageTable() {
    }

    /** The newest {@code limit} messages of {@code conversation}, newest first. */
    static List<ReceivedMessage> newest(Connection c, ConversationId conversation, int limit) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT message FROM messages WHERE chat_type = ? AND conversation = ?" + NEWEST_FIRST)) {
            select.setString(1, conversation.chatType().wire());
            select.setString(2, conversation.id());
            select.setInt(3, limit);
            return read(select);
        }
    }

    /**
     * Up to {@code limit} messages of {@code conversation} older than message {@code messageId}, newest first; none
     * when that message is not in the cache.
     */
    static List<ReceivedMessage> olderThan(Connection c, ConversationId conversation, String messageId, int limit)
            throws SQLException {
        try (PreparedStatement select = c.prepareStatement("""
                SELECT m.message FROM messages k JOIN messages m
                  ON m.chat_type = k.chat_type AND m.conversation = k.conversation
                 AND (m.time < k.time OR (m.time = k.time AND m.id < k.id))
                WHERE k.id = ? AND k.chat_type = ? AND k.conversation = ?
                ORDER BY m.time DESC, m.id DESC LIMIT ?""")) {
            select.setString(1, messageId);
            select.setString(2, conversation.chatType().wire());
            select.setString(3, conversation.id());
            select.setInt(4, limit);
            return read(select);
        }
    }

    /** The message with server id {@code id}, if the cache has it. */
    static Optional<ReceivedMessage> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT message FROM messages WHERE id = ?")) {
            select.setString(1, id);
            return read(select).stream().findFirst();
        }
    }

    /** When the newest edit applied to message {@code id} was made (epoch ms), 0 when none or not cached. */
    static long editTime(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT edit_time FROM messages WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    /**
     * Writes {@code messages} of user {@code me}, each merged with the copy the cache has ({@link #merge}), keeps the
     * newest {@code historyLimit} of each conversation touched, and returns the newest message written for each.
     */
    static Map<ConversationId, ReceivedMessage> put(Connection c, String me, Collection<ReceivedMessage> messages,
                                                    int historyLimit) throws SQLException {
        Map<ConversationId, ReceivedMessage> newest = new LinkedHashMap<>();
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO messages (id, chat_type, conversation, time, message) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET time = excluded.time, message = excluded.message""")) {
            for (ReceivedMessage incoming : messages) {
                ReceivedMessage m = find(c, incoming.id()).map(old -> merge(old, incoming)).orElse(incoming);
                ConversationId conversation = m.conversation(me);
                upsert.setString(1, m.id());
                upsert.setString(2, conversation.chatType().wire());
                upsert.setString(3, conversation.id());
                upsert.setLong(4, m.time().toEpochMilli());
                upsert.setString(5, MessageJson.message(m));
                upsert.executeUpdate();
                newest.merge(conversation, m, (a, b) -> isNewer(b, a) ? b : a);
            }
        }
        for (ConversationId conversation : newest.keySet()) {
            prune(c, conversation, historyLimit);
        }
        return newest;
    }

    /** Replaces the stored copy of {@code m} (recalled or edited), with the time of the edit that made it. */
    static void replace(Connection c, ReceivedMessage m, long editTime) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE messages SET message = ?, edit_time = ? WHERE id = ?")) {
            update.setString(1, MessageJson.message(m));
            update.setLong(2, editTime);
            update.setString(3, m.id());
            update.executeUpdate();
        }
    }

    /** Forgets the history of {@code conversation}. */
    static void delete(Connection c, ConversationId conversation) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement(
                "DELETE FROM messages WHERE chat_type = ? AND conversation = ?")) {
            delete.setString(1, conversation.chatType().wire());
            delete.setString(2, conversation.id());
            delete.executeUpdate();
        }
    }

    /**
     * {@code incoming} as the cache keeps it, when it has {@code old}: a recall is final (a late copy of the message
     * does not bring its body back); an edit stays unless the incoming copy is edited too (the server's newer text);
     * the state only moves forwards (pending, delivered, read).
     */
    static ReceivedMessage merge(ReceivedMessage old, ReceivedMessage incoming) {
        Content content = incoming.content();
        boolean edited = incoming.edited();
        if (old.isRecalled()) {
            content = old.content();
        } else if (old.edited() && !incoming.edited() && !incoming.isRecalled()) {
            content = old.content();
            edited = true;
        }
        MessageState state = old.state().compareTo(incoming.state()) > 0 ? old.state() : incoming.state();
        return new ReceivedMessage(incoming.id(), incoming.from(), incoming.to(), incoming.chatType(), content,
                incoming.time(), incoming.ext(), state, edited);
    }

    /** Whether {@code a} comes after {@code b} in a conversation (by time, then id). */
    static boolean isNewer(ReceivedMessage a, ReceivedMessage b) {
        int byTime = a.time().compareTo(b.time());
        return byTime > 0 || byTime == 0 && a.id().compareTo(b.id()) > 0;
    }

    private static void prune(Connection c, ConversationId conversation, int historyLimit) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("""
                DELETE FROM messages WHERE chat_type = ?1 AND conversation = ?2 AND id IN (
                    SELECT id FROM messages WHERE chat_type = ?1 AND conversation = ?2
                    ORDER BY time DESC, id DESC LIMIT -1 OFFSET ?3)""")) {
            delete.setString(1, conversation.chatType().wire());
            delete.setString(2, conversation.id());
            delete.setInt(3, historyLimit);
            delete.executeUpdate();
        }
    }

    private static List<ReceivedMessage> read(PreparedStatement select) throws SQLException {
        List<ReceivedMessage> out = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                out.add(MessageJson.message(rows.getString(1)));
            }
        }
        return out;
    }
}
