package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.server.store.StoredMessage.DeliveryState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lookups that the writes of one transaction share: a message with its conversation, whether a user received it, a
 * member's read position, a group's key, and updates with plain parameters.
 * <p>
 * Threading: confined to the thread of the transaction (SQLite: the one that holds the store's write lock).
 */
final class SqlLookups {
    private static final String FIND_BY_ID = "SELECT " + MessageRows.COLUMNS + ", conv FROM messages WHERE id = ?";
    private static final String MEMBER = "SELECT read_seq, joined_seq FROM members WHERE conv = ? AND member = ?";

    private final StatementCache statements;
    private final SqlDialect dialect;

    SqlLookups(StatementCache statements, SqlDialect dialect) {
        this.statements = statements;
        this.dialect = dialect;
    }

    /** A message as found for a mark, with its conversation key. */
    record Found(StoredMessage message, String conv) {
    }

    long readSeq(String conv, String user) throws SQLException {
        PreparedStatement member = prepare(MEMBER);
        member.setString(1, conv);
        member.setString(2, user);
        try (ResultSet row = member.executeQuery()) {
            return row.next() ? row.getLong(1) : Long.MAX_VALUE;
        }
    }

    /**
     * The message, if {@code user} received it: the recipient of a one-to-one message, or a member of its group other
     * than its sender who joined before it.
     */
    Optional<Found> findFor(long id, String user) throws SQLException {
        Optional<Found> found = find(id);
        if (found.isEmpty()) {
            return found;
        }
        StoredMessage m = found.get().message();
        if (m.chatType() == ChatType.SINGLE) {
            return m.recipient().equals(user) ? found : Optional.empty();
        }
        if (m.sender().equals(user)) {
            return Optional.empty();
        }
        PreparedStatement member = prepare(MEMBER);
        member.setString(1, found.get().conv());
        member.setString(2, user);
        try (ResultSet row = member.executeQuery()) {
            return row.next() && row.getLong(2) < m.seq() ? found : Optional.empty();
        }
    }

    Optional<Found> find(long id) throws SQLException {
        return find(FIND_BY_ID, id);
    }

    /** The message, locked until the transaction ends (a recall or an edit changes it after reading it). */
    Optional<Found> findToChange(long id) throws SQLException {
        return find(FIND_BY_ID + dialect.forUpdate(), id);
    }

    private Optional<Found> find(String sql, long id) throws SQLException {
        PreparedStatement find = prepare(sql);
        find.setLong(1, id);
        try (ResultSet row = find.executeQuery()) {
            return row.next() ? Optional.of(new Found(MessageRows.read(row), row.getString(16))) : Optional.empty();
        }
    }

    /** The key of group {@code id}, or null when it is not a group id. */
    static String groupKey(String id) {
        try {
            long groupId = Long.parseLong(id);
            return groupId > 0 ? ConversationKey.group(groupId) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs an update with these parameters (strings and longs); returns the rows changed. */
    int execute(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = prepare(sql);
        for (int i = 0; i < parameters.length; i++) {
            if (parameters[i] instanceof Long l) {
                statement.setLong(i + 1, l);
            } else {
                statement.setString(i + 1, (String) parameters[i]);
            }
        }
        return statement.executeUpdate();
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return statements.prepare(sql);
    }
}
