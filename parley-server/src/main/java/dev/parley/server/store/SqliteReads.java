package dev.parley.server.store;

import dev.parley.server.store.MessageStore.ConversationSummary;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The SQLite store's queries, each on a connection of the read pool; every one reads through an index (checked by
 * {@code SqliteMessageStoreTest}). The semantics are {@link MessageStore}'s.
 * <p>
 * Threading: any thread; each query borrows a connection of its own.
 */
final class SqliteReads {
    private final SqliteReaders readers;

    SqliteReads(SqliteReaders readers) {
        this.readers = readers;
    }

    private static final String SELECT_USER =
            "SELECT username, nickname, password_hash, created FROM users WHERE username = ?";

    Optional<UserRecord> findUser(String username) {
        return read("find a user", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_USER)) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new UserRecord(row.getString(1), row.getString(2), row.getString(3),
                            row.getLong(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /** A page of a recipient's pending messages (index messages_pending: recipient, state, id). */
    static final String SELECT_PENDING = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE recipient = ? AND state = 0 AND id > ? AND id <= ? ORDER BY id LIMIT ?";

    List<StoredMessage> pendingFor(String recipient, long afterId, long upToId, int limit) {
        requireLimit(limit);
        return read("read pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
                select.setString(1, recipient);
                select.setLong(2, afterId);
                select.setLong(3, upToId);
                select.setInt(4, limit);
                return messages(select);
            }
        });
    }

    static final String COUNT_PENDING =
            "SELECT count(*) FROM messages WHERE recipient = ? AND state = 0 AND id <= ?";

    int countPending(String recipient, long upToId) {
        return read("count pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT_PENDING)) {
                select.setString(1, recipient);
                select.setLong(2, upToId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /**
     * AUTOINCREMENT keeps the largest id ever handed out in {@code sqlite_sequence}, even after retention deleted the
     * newest rows.
     */
    static final String SELECT_LAST_ID = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0)";

    long lastMessageId() {
        return read("read the newest message id", connection -> {
            try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery(SELECT_LAST_ID)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static final String SELECT_MESSAGE = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE id = ?";

    Optional<StoredMessage> findMessage(long id) {
        return read("find a message", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_MESSAGE)) {
                select.setLong(1, id);
                return messages(select).stream().findFirst();
            }
        });
    }

    /**
     * The newest message of each of the user's conversations with the user's unread count there, through the
     * conversations table's indexes (a conversation with oneself is listed once, under user_a).
     */
    static final String SELECT_CONVERSATIONS = "SELECT " + MessageRows.COLUMNS + """
            , c.unread FROM (
                SELECT last_id, unread_a AS unread FROM conversations WHERE user_a = ?1
                UNION ALL
                SELECT last_id, unread_b FROM conversations WHERE user_b = ?1 AND user_a <> ?1) c
            JOIN messages ON messages.id = c.last_id
            ORDER BY messages.id DESC LIMIT ?2""";

    List<ConversationSummary> conversations(String user, int limit) {
        requireLimit(limit);
        return read("list conversations", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_CONVERSATIONS)) {
                select.setString(1, user);
                select.setInt(2, limit);
                List<ConversationSummary> list = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        StoredMessage last = MessageRows.read(row);
                        list.add(new ConversationSummary(last.peerOf(user), last, row.getInt(10)));
                    }
                }
                return list;
            }
        });
    }

    /** A conversation's ids and sequence numbers rise together, so its (conv, seq) index gives the id order. */
    static final String SELECT_HISTORY = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE conv = ? AND id < ? ORDER BY seq DESC LIMIT ?";

    List<StoredMessage> history(String user, String peer, Optional<Long> beforeId, int limit) {
        requireLimit(limit);
        return read("read history", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_HISTORY)) {
                select.setString(1, MessageRows.conversationKey(user, peer));
                select.setLong(2, beforeId.orElse(Long.MAX_VALUE));
                select.setInt(3, limit);
                return messages(select);
            }
        });
    }

    private <T> T read(String what, SqliteMessageStore.SqlWork<T> work) {
        return readers.read(what, work);
    }

    private static List<StoredMessage> messages(PreparedStatement select) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                messages.add(MessageRows.read(row));
            }
        }
        return messages;
    }

    /** SQLite reads {@code LIMIT -1} as "no limit": refuse it rather than read everything. */
    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
