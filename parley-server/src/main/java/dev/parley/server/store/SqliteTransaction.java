package dev.parley.server.store;

import dev.parley.server.store.StoredMessage.DeliveryState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies writes inside one open transaction on the writer connection; the caller begins, commits or rolls back.
 * The statements come from the writer connection's {@link StatementCache}.
 * <p>
 * Each append writes its message row and rewrites its conversation's row (last sequence number, last id, and the
 * recipient's unread count); a read mark decrements that count again. Unread counts are thus kept with the
 * conversation instead of counted over an index of every unread message.
 * <p>
 * Threading: confined to the thread that holds the store's write lock.
 */
final class SqliteTransaction {

    private final StatementCache statements;
    private final SequenceCache sequences;
    /** Sequence numbers given out in this transaction; they reach the cache only with its commit. */
    private final Map<String, Long> assigned = new HashMap<>();
    private final Clock clock;

    SqliteTransaction(StatementCache statements, SequenceCache sequences, Clock clock) {
        this.statements = statements;
        this.sequences = sequences;
        this.clock = clock;
    }

    /** The transaction is committed: the sequence numbers it gave out become the cache's. */
    void committed() {
        sequences.putAll(assigned);
    }

    Write.Result apply(Write<?> write) throws SQLException {
        return switch (write) {
            case Write.Append append -> append(append);
            case Write.MarkDelivered mark -> mark(mark.id(), mark.recipient(), DeliveryState.DELIVERED);
            case Write.MarkRead mark -> mark(mark.id(), mark.recipient(), DeliveryState.READ);
            case Write.CreateUser create -> createUser(create.user());
        };
    }

    private static final String LAST_SEQ = "SELECT last_seq FROM conversations WHERE conv = ?";
    /** Inserts unless (sender, local_id) exists; returns the new id, or no row for a duplicate. */
    private static final String INSERT_MESSAGE = """
            INSERT INTO messages (conv, seq, sender, local_id, recipient, body, ext, time, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)
            ON CONFLICT (sender, local_id) DO NOTHING
            RETURNING id""";
    private static final String FIND_BY_LOCAL_ID =
            "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE sender = ? AND local_id = ?";
    /** The recipient's unread count goes up by one: unread_a when the recipient is user_a, else unread_b. */
    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id, unread_a, unread_b)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6 = ?2, ?6 <> ?2)
            ON CONFLICT (conv) DO UPDATE SET last_seq = excluded.last_seq, last_id = excluded.last_id,
                unread_a = unread_a + excluded.unread_a, unread_b = unread_b + excluded.unread_b""";

    private Write.Appended append(Write.Append append) throws SQLException {
        String conv = MessageRows.conversationKey(append.sender(), append.recipient());
        long seq = lastSeq(conv) + 1;
        long time = clock.millis();

        PreparedStatement insert = prepare(INSERT_MESSAGE);
        insert.setString(1, conv);
        insert.setLong(2, seq);
        insert.setString(3, append.sender());
        insert.setString(4, append.localId());
        insert.setString(5, append.recipient());
        insert.setString(6, append.body());
        insert.setString(7, append.ext());
        insert.setLong(8, time);
        long id;
        try (ResultSet row = insert.executeQuery()) {
            if (!row.next()) {
                return new Write.Appended(existing(append), true);
            }
            id = row.getLong(1);
        }
        assigned.put(conv, seq);

        boolean senderFirst = append.sender().compareTo(append.recipient()) <= 0;
        PreparedStatement upsert = prepare(UPSERT_CONVERSATION);
        upsert.setString(1, conv);
        upsert.setString(2, senderFirst ? append.sender() : append.recipient());
        upsert.setString(3, senderFirst ? append.recipient() : append.sender());
        upsert.setLong(4, seq);
        upsert.setLong(5, id);
        upsert.setString(6, append.recipient());
        upsert.executeUpdate();

        return new Write.Appended(new StoredMessage(id, seq, append.sender(), append.localId(), append.recipient(),
                append.body(), append.ext(), time, DeliveryState.PENDING), false);
    }

    /** The message an earlier write stored under the same (sender, localId). */
    private StoredMessage existing(Write.Append append) throws SQLException {
        PreparedStatement find = prepare(FIND_BY_LOCAL_ID);
        find.setString(1, append.sender());
        find.setString(2, append.localId());
        try (ResultSet row = find.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the insert of a message was skipped, but no message has its local id");
            }
            return MessageRows.read(row);
        }
    }

    private long lastSeq(String conv) throws SQLException {
        Long known = assigned.get(conv);
        if (known == null) {
            known = sequences.get(conv);
        }
        if (known != null) {
            return known;
        }
        PreparedStatement select = prepare(LAST_SEQ);
        select.setString(1, conv);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static final String FIND_BY_ID = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE id = ?";
    /** Moves the state forward and returns the row as it is now; no row when it was not the recipient's or not behind. */
    private static final String ADVANCE_STATE = "UPDATE messages SET state = ?1 WHERE id = ?2 AND recipient = ?3"
            + " AND state < ?1 RETURNING " + MessageRows.COLUMNS;
    /** One message to {@code recipient} fewer is unread in the conversation. */
    private static final String DECREMENT_UNREAD = """
            UPDATE conversations SET unread_a = unread_a - (user_a = ?2), unread_b = unread_b - (user_a <> ?2)
            WHERE conv = ?1""";

    /** Moves the message forward to {@code target} if it is the recipient's and still behind it. */
    private Write.Marked mark(long id, String recipient, DeliveryState target) throws SQLException {
        PreparedStatement advance = prepare(ADVANCE_STATE);
        advance.setInt(1, MessageRows.code(target));
        advance.setLong(2, id);
        advance.setString(3, recipient);
        StoredMessage advanced = null;
        try (ResultSet row = advance.executeQuery()) {
            if (row.next()) {
                advanced = MessageRows.read(row);
            }
        }
        if (advanced != null) {
            if (target == DeliveryState.READ) { // it was pending or delivered: unread until now
                PreparedStatement decrement = prepare(DECREMENT_UNREAD);
                decrement.setString(1, MessageRows.conversationKey(advanced.sender(), advanced.recipient()));
                decrement.setString(2, recipient);
                decrement.executeUpdate();
            }
            return new Write.Marked(Optional.of(advanced), true);
        }
        // Unchanged: say whether the message is the recipient's (already at or past the target) or not at all.
        PreparedStatement find = prepare(FIND_BY_ID);
        find.setLong(1, id);
        try (ResultSet row = find.executeQuery()) {
            if (row.next()) {
                StoredMessage message = MessageRows.read(row);
                if (message.recipient().equals(recipient)) {
                    return new Write.Marked(Optional.of(message), false);
                }
            }
        }
        return new Write.Marked(Optional.empty(), false);
    }

    private static final String INSERT_USER = """
            INSERT INTO users (username, nickname, password_hash, created) VALUES (?, ?, ?, ?)
            ON CONFLICT (username) DO NOTHING""";

    private Write.UserCreated createUser(UserRecord user) throws SQLException {
        PreparedStatement insert = prepare(INSERT_USER);
        insert.setString(1, user.username());
        insert.setString(2, user.nickname());
        insert.setString(3, user.passwordHash());
        insert.setLong(4, user.created());
        return new Write.UserCreated(insert.executeUpdate() == 1);
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return statements.prepare(sql);
    }
}
