package dev.parley.server.store;

import dev.parley.server.store.MessageStore.ConversationRef;
import dev.parley.server.store.MessageStore.ConversationSummary;

import dev.parley.protocol.ChatType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * The queries of the SQL stores (SQLite and PostgreSQL; {@link SqlDialect} says what differs), each on a connection
 * of the store's read pool; every one reads through an index (checked by {@code SqliteMessageStoreTest} and
 * {@code PostgresMessageStoreTest}). The semantics are {@link MessageStore}'s.
 * <p>
 * Threading: any thread; each query borrows a connection of its own.
 */
final class SqlReads {
    private final ReadConnections readers;
    private final SqlDialect dialect;

    SqlReads(ReadConnections readers, SqlDialect dialect) {
        this.readers = readers;
        this.dialect = dialect;
    }

    private static final String SELECT_USER =
            "SELECT username, nickname, password_hash, created, avatar FROM users WHERE username = ?";

    Optional<UserRecord> findUser(String username) {
        return read("find a user", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_USER)) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new UserRecord(row.getString(1), row.getString(2), row.getString(3),
                            row.getLong(4), row.getString(5)))
                            : Optional.empty();
                }
            }
        });
    }

    /**
     * A page of a user's inbox (its primary key: recipient, id) with each item's message or event; a message's
     * state column is 0 (pending) by definition.
     */
    static final String SELECT_PENDING = "SELECT i.id, i.kind, e.message_id, e.payload, "
            + MessageRows.COLUMNS.replace("CASE WHEN messages.chat_type = 1", "CASE WHEN 1 = 1 THEN 0 WHEN messages.chat_type = 1")
            + " FROM inbox i LEFT JOIN messages ON i.kind <> 1 AND messages.id = i.id"
            + " LEFT JOIN events e ON i.kind = 1 AND e.id = i.id"
            + " WHERE i.recipient = ? AND i.id > ? AND i.id <= ? ORDER BY i.id LIMIT ?";

    List<InboxItem> pendingFor(String user, long afterId, long upToId, int limit) {
        requireLimit(limit);
        return read("read pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
                select.setString(1, user);
                select.setLong(2, afterId);
                select.setLong(3, upToId);
                select.setInt(4, limit);
                List<InboxItem> items = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        if (row.getInt(2) == 1) {
                            if (row.getString(4) != null) {
                                items.add(new StoredEvent(row.getLong(1), row.getLong(3), row.getString(4)));
                            }
                        } else if (row.getObject(5) != null) { // retention may have removed it meanwhile
                            items.add(MessageRows.read(row, 4));
                        }
                    }
                }
                return items;
            }
        });
    }

    static final String COUNT_PENDING = "SELECT count(*) FROM inbox WHERE recipient = ? AND id <= ?";

    int countPending(String user, long upToId) {
        return read("count pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT_PENDING)) {
                select.setString(1, user);
                select.setLong(2, upToId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /** The largest id handed out, kept by the database's sequence even after retention deleted the newest rows. */
    long lastMessageId() {
        return read("read the newest message id", this::lastMessageId);
    }

    /**
     * As {@link #lastMessageId()}, with {@code held} locked while the query runs: taken once a connection is in hand,
     * so that whoever waits for the lock never waits for a connection too (while the database is away, a borrow waits
     * up to {@link PostgresPool#CONNECTION_TIMEOUT}).
     */
    long lastMessageId(Lock held) {
        return read("read the newest message id", connection -> {
            held.lock();
            try {
                return lastMessageId(connection);
            } finally {
                held.unlock();
            }
        });
    }

    private long lastMessageId(Connection connection) throws SQLException {
        try (Statement select = connection.createStatement();
             ResultSet row = select.executeQuery(dialect.lastIdQuery())) {
            row.next();
            return row.getLong(1);
        }
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
     * The newest message of each of the user's conversations with the user's unread count there, through the members
     * index (a conversation with oneself is listed once). A group without a message yet is not listed.
     */
    static final String SELECT_CONVERSATIONS = "SELECT " + MessageRows.COLUMNS + """
            , mb.unread FROM members mb
            JOIN conversations c ON c.conv = mb.conv
            JOIN messages ON messages.id = c.last_id
            WHERE mb.member = ?
            ORDER BY c.last_id DESC LIMIT ?""";

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
                        list.add(new ConversationSummary(last.chatType(), last.peerOf(user), last, row.getInt(16)));
                    }
                }
                return list;
            }
        });
    }

    /**
     * A conversation's ids and sequence numbers rise together, so its (conv, seq) index gives the id order; a member
     * sees a group's messages after the sequence number they joined at.
     */
    static final String SELECT_HISTORY = historyQuery("id < ?", "DESC", true);
    /** A one-to-one conversation is readable by its two users, whether or not its members rows exist yet. */
    static final String SELECT_SINGLE_HISTORY = historyQuery("id < ?", "DESC", false);
    /** A group's history read forwards ({@link MessageStore#historyAfter}), oldest first. */
    static final String SELECT_HISTORY_AFTER = historyQuery("id > ?", "ASC", true);
    static final String SELECT_SINGLE_HISTORY_AFTER = historyQuery("id > ?", "ASC", false);

    private static String historyQuery(String bound, String order, boolean group) {
        return "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE conv = ? AND " + bound
                + (group ? """

                AND seq > coalesce((SELECT joined_seq FROM members mb WHERE mb.conv = messages.conv AND mb.member = ?),
                    9223372036854775807)""" : "")
                + " ORDER BY seq " + order + " LIMIT ?";
    }

    List<StoredMessage> history(String user, ChatType chatType, String peer, Optional<Long> beforeId, int limit) {
        boolean group = chatType == ChatType.GROUP;
        return page(user, chatType, peer, group ? SELECT_HISTORY : SELECT_SINGLE_HISTORY,
                beforeId.orElse(Long.MAX_VALUE), limit);
    }

    List<StoredMessage> historyAfter(String user, ChatType chatType, String peer, long afterId, int limit) {
        boolean group = chatType == ChatType.GROUP;
        return page(user, chatType, peer, group ? SELECT_HISTORY_AFTER : SELECT_SINGLE_HISTORY_AFTER, afterId, limit);
    }

    /** A page of history by one of the queries above: {@code bound} is the id the page starts beyond. */
    private List<StoredMessage> page(String user, ChatType chatType, String peer, String sql, long bound, int limit) {
        requireLimit(limit);
        boolean group = chatType == ChatType.GROUP;
        String conv;
        if (group) {
            try {
                conv = ConversationKey.group(Long.parseLong(peer));
            } catch (NumberFormatException e) {
                return List.of();
            }
        } else {
            conv = ConversationKey.single(user, peer);
        }
        return read("read history", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int p = 1;
                select.setString(p++, conv);
                select.setLong(p++, bound);
                if (group) {
                    select.setString(p++, user);
                }
                select.setInt(p, limit);
                return messages(select);
            }
        });
    }

    /** The user's messages that search looks at, newest first (through the members and (conv, seq) indexes). */
    static final String SEARCH_SCAN = "SELECT " + MessageRows.COLUMNS + " FROM members mb"
            + " JOIN messages ON messages.conv = mb.conv AND messages.seq > mb.joined_seq"
            + " WHERE mb.member = ? AND messages.recalled = 0 AND messages.msg_type <> 'custom'";

    /**
     * The user's messages holding every word of the query ({@link MessageStore#search}): SQLite's store runs it for
     * words too short for its index (its other searches go through {@link SqliteSearchIndex}); PostgreSQL's for every
     * search, where a trigram index on {@code lower(}{@link SqlDialect#searchText}{@code )} serves the LIKEs.
     */
    List<StoredMessage> search(String user, SearchQuery query, Optional<MessageStore.ConversationRef> conversation,
                               int limit) {
        requireLimit(limit);
        StringBuilder sql = new StringBuilder(SEARCH_SCAN);
        conversation.ifPresent(c -> sql.append(" AND messages.conv = ?"));
        for (int i = 0; i < query.terms().size(); i++) {
            sql.append(" AND lower(").append(dialect.searchText()).append(") LIKE ? ESCAPE '\\'");
        }
        sql.append(" ORDER BY messages.id DESC LIMIT ?");
        return read("search messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
                int p = 1;
                select.setString(p++, user);
                if (conversation.isPresent()) {
                    ConversationRef c = conversation.get();
                    select.setString(p++, ConversationKey.of(user, c.chatType(), c.id()));
                }
                for (String term : query.terms()) {
                    select.setString(p++, SearchQuery.likePattern(term));
                }
                select.setInt(p, limit);
                return messages(select);
            }
        });
    }

    /** Through the time index: the uploads of the messages before a time. */
    static String filesBefore(SqlDialect dialect) {
        return "SELECT " + dialect.uploadUuid() + " FROM messages"
                + " WHERE time < ? AND msg_type IN ('img', 'file') AND recalled = 0";
    }

    List<String> filesBefore(long cutoffMillis) {
        return read("list files before a time", connection -> {
            try (PreparedStatement select = connection.prepareStatement(filesBefore(dialect))) {
                select.setLong(1, cutoffMillis);
                List<String> files = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        files.add(row.getString(1));
                    }
                }
                return files;
            }
        });
    }

    private static final String SELECT_GROUP = """
            SELECT id, name, description, owner, max_users, created FROM groups WHERE id = ? AND destroyed = 0""";
    private static final String SELECT_MEMBERS =
            "SELECT member, role FROM members WHERE conv = ? ORDER BY role DESC, joined_seq, member";
    private static final String SELECT_GROUPS_OF = """
            SELECT g.id, g.name, g.description, g.owner, g.max_users, g.created FROM members mb
            JOIN groups g ON mb.conv = '#' || g.id
            WHERE mb.member = ? AND substr(mb.conv, 1, 1) = '#' AND g.destroyed = 0 ORDER BY g.id DESC""";

    Optional<GroupRecord> findGroup(long groupId) {
        return read("find a group", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_GROUP)) {
                select.setLong(1, groupId);
                List<GroupRecord> groups = groups(connection, select);
                return groups.stream().findFirst();
            }
        });
    }

    List<GroupRecord> groupsOf(String user) {
        return read("list groups", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_GROUPS_OF)) {
                select.setString(1, user);
                return groups(connection, select);
            }
        });
    }

    private static List<GroupRecord> groups(Connection connection, PreparedStatement select)
            throws SQLException {
        List<GroupRecord> groups = new ArrayList<>();
        try (ResultSet row = select.executeQuery();
             PreparedStatement members = connection.prepareStatement(SELECT_MEMBERS)) {
            while (row.next()) {
                long id = row.getLong(1);
                members.setString(1, ConversationKey.group(id));
                List<GroupRecord.Member> list = new ArrayList<>();
                try (ResultSet m = members.executeQuery()) {
                    while (m.next()) {
                        list.add(new GroupRecord.Member(m.getString(1), GroupRecord.Role.of(m.getInt(2))));
                    }
                }
                groups.add(new GroupRecord(id, row.getString(2), row.getString(3), row.getString(4), row.getInt(5),
                        row.getLong(6), list));
            }
        }
        return groups;
    }

    private <T> T read(String what, SqlWork<T> work) {
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

    /** SQLite reads {@code LIMIT -1} as "no limit", PostgreSQL refuses it: refuse it here, in the same way. */
    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
