package dev.parley.server.store;

import dev.parley.server.store.StoredMessage.DeliveryState;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applies writes inside one open transaction on the writer connection; the caller begins, commits or rolls back.
 * Each statement is prepared once per transaction and closed with it.
 * <p>
 * Threading: confined to the thread that holds the store's write lock.
 */
final class SqliteTransaction implements AutoCloseable {

    private final Connection connection;
    private final Clock clock;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    SqliteTransaction(Connection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    Write.Result apply(Write write) throws SQLException {
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
    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (conv) DO UPDATE SET last_seq = excluded.last_seq, last_id = excluded.last_id""";

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

        boolean senderFirst = append.sender().compareTo(append.recipient()) <= 0;
        PreparedStatement upsert = prepare(UPSERT_CONVERSATION);
        upsert.setString(1, conv);
        upsert.setString(2, senderFirst ? append.sender() : append.recipient());
        upsert.setString(3, senderFirst ? append.recipient() : append.sender());
        upsert.setLong(4, seq);
        upsert.setLong(5, id);
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
        PreparedStatement select = prepare(LAST_SEQ);
        select.setString(1, conv);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    private static final String FIND_BY_ID = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE id = ?";
    private static final String SET_STATE = "UPDATE messages SET state = ? WHERE id = ?";

    /** Moves the message forward to {@code target} if it is the recipient's and still behind it. */
    private Write.Marked mark(long id, String recipient, DeliveryState target) throws SQLException {
        PreparedStatement find = prepare(FIND_BY_ID);
        find.setLong(1, id);
        StoredMessage message;
        try (ResultSet row = find.executeQuery()) {
            if (!row.next()) {
                return new Write.Marked(Optional.empty(), false);
            }
            message = MessageRows.read(row);
        }
        if (!message.recipient().equals(recipient)) {
            return new Write.Marked(Optional.empty(), false);
        }
        if (message.state().compareTo(target) >= 0) {
            return new Write.Marked(Optional.of(message), false);
        }
        PreparedStatement update = prepare(SET_STATE);
        update.setInt(1, MessageRows.code(target));
        update.setLong(2, id);
        update.executeUpdate();
        return new Write.Marked(Optional.of(new StoredMessage(message.id(), message.seq(), message.sender(),
                message.localId(), message.recipient(), message.body(), message.ext(), message.time(), target)), true);
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
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /** Closes every statement prepared in this transaction. */
    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : statements.values()) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        statements.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
