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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies writes inside one open transaction, on SQLite's writer connection or a PostgreSQL connection alike
 * ({@link SqlDialect} says what differs); the caller begins, commits or rolls back. The statements come from the
 * connection's {@link StatementCache}.
 * <p>
 * An append writes its message row, adds one to each recipient's unread count and puts the message in each
 * recipient's inbox; its conversation's row (last sequence number and id) is rewritten once per transaction, for all
 * its appends, by {@link #finish} (and before a write that reads conversation rows: a conversation read, a group
 * change). A delivery mark takes a message out of the inbox, a read mark moves the reader's read position. Recalls, edits, conversation reads and group changes store
 * events ({@link SqlChanges}, {@link SqlEvents}); group changes are {@link SqlGroups}'.
 * <p>
 * Threading: confined to the thread of the transaction (SQLite: the one that holds the store's write lock).
 */
final class SqlTransaction {

    private final StatementCache statements;
    private final SqlDialect dialect;
    /**
     * The last sequence numbers this transaction knows: given out by it, or read under its locks beforehand
     * ({@link #knowLastSeqs}); the dialect learns them only with the commit.
     */
    private final Map<String, Long> assigned = new HashMap<>();
    /** The conversations appended to whose rows are still to be rewritten: their last sequence number and id. */
    private final Map<String, long[]> unwritten = new LinkedHashMap<>();
    /** The one-to-one messages this transaction appended, for {@link SqlDialect#takeRecentAppend}. */
    private final List<StoredMessage> appendedOneToOne = new ArrayList<>();
    private final Clock clock;
    private final SqlEvents events;
    private final SqlGroups groups;
    private final SqlLookups lookups;
    private final SqlChanges changes;

    SqlTransaction(StatementCache statements, SqlDialect dialect, Clock clock) {
        this.statements = statements;
        this.dialect = dialect;
        this.clock = clock;
        this.events = new SqlEvents(statements, dialect);
        this.groups = new SqlGroups(statements, dialect, events, clock);
        this.lookups = new SqlLookups(statements, dialect);
        this.changes = new SqlChanges(statements, dialect, lookups, events, clock);
    }

    /**
     * The last sequence numbers of conversations whose rows this transaction locked before its writes (no other
     * writer changes them until it ends), so that an append to one of them need not read its row again.
     */
    void knowLastSeqs(Map<String, Long> lastSeqs) {
        assigned.putAll(lastSeqs);
    }

    /** Writes what the writes left for the end of the transaction; call it once they are all applied, before COMMIT. */
    void finish() throws SQLException {
        writeConversations();
    }

    /** The transaction is committed: the dialect learns the sequence numbers it knows and its one-to-one appends. */
    void committed() {
        dialect.committed(assigned, appendedOneToOne);
    }

    Write.Result apply(Write<?> write) throws SQLException {
        if (write instanceof Write.ReadConversation || write instanceof Write.ChangeGroup) {
            writeConversations(); // they read conversation rows
        }
        return switch (write) {
            case Write.Append append -> append(append);
            case Write.MarkDelivered mark -> delivered(mark.id(), mark.user());
            case Write.MarkRead mark -> read(mark.id(), mark.user());
            case Write.ReadConversation read -> changes.readConversation(read);
            case Write.Recall recall -> changes.recall(recall);
            case Write.Edit edit -> changes.edit(edit);
            case Write.ChangeGroup change -> groups.apply(change.change());
            case Write.CreateUser create -> createUser(create.user());
            case Write.UpdateProfile update -> updateProfile(update);
        };
    }

    // ---- messages -------------------------------------------------------------------------------------------------

    /** Inserts unless (sender, local_id) exists; returns the new id, or no row for a duplicate. */
    private static final String INSERT_MESSAGE = """
            INSERT INTO messages (conv, seq, sender, local_id, recipient, body, ext, time, state, chat_type, msg_type,
                content)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?)
            ON CONFLICT (sender, local_id) DO NOTHING
            RETURNING id""";
    private static final String FIND_BY_LOCAL_ID =
            "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE sender = ? AND local_id = ?";
    private static final String UPSERT_CONVERSATION = """
            INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id) VALUES (?, '', '', ?, ?)
            ON CONFLICT (conv) DO UPDATE SET last_seq = excluded.last_seq, last_id = excluded.last_id""";
    private static final String ADD_MEMBER = "INSERT INTO members (conv, member) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String COUNT_UNREAD_ONE = "UPDATE members SET unread = unread + 1 WHERE conv = ? AND member = ?";
    private static final String COUNT_UNREAD_OTHERS =
            "UPDATE members SET unread = unread + 1 WHERE conv = ? AND member <> ?";
    private static final String INBOX_ONE = "INSERT INTO inbox (recipient, id, kind) VALUES (?, ?, 0)";
    private static final String INBOX_OTHERS =
            "INSERT INTO inbox (recipient, id, kind) SELECT member, ?, 2 FROM members WHERE conv = ? AND member <> ?";

    private Write.AppendOutcome append(Write.Append append) throws SQLException {
        boolean group = append.chatType() == ChatType.GROUP;
        String conv = group ? SqlLookups.groupKey(append.to()) : ConversationKey.single(append.sender(), append.to());
        if (conv == null) {
            return new Write.Refused(ErrorCode.GROUP_INVALID_ID, "invalid group id: " + append.to());
        }
        List<String> recipients;
        if (group) {
            dialect.lockConversation(statements, conv); // its members stay as they are read until the commit
            List<String> members = groups.members(conv);
            if (members.isEmpty()) {
                return new Write.Refused(ErrorCode.GROUP_NOT_FOUND, "no such group: " + append.to());
            }
            if (!members.contains(append.sender())) {
                return new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + append.to());
            }
            recipients = new ArrayList<>(members);
            recipients.remove(append.sender());
        } else {
            recipients = List.of(append.to());
        }
        // Where several writers share the database, this locks the conversation until the commit: the insert below
        // takes its id from the shared sequence after the lock, so a conversation's ids rise with its numbers.
        long seq = lastSeq(conv) + 1;
        long time = clock.millis();

        PreparedStatement insert = prepare(INSERT_MESSAGE);
        insert.setString(1, conv);
        insert.setLong(2, seq);
        insert.setString(3, append.sender());
        insert.setString(4, append.localId());
        insert.setString(5, append.to());
        insert.setString(6, MessageRows.body(append.content()));
        insert.setString(7, append.ext());
        insert.setLong(8, time);
        insert.setInt(9, MessageRows.code(append.chatType()));
        insert.setString(10, append.content().msgType());
        insert.setString(11, MessageRows.json(append.content()));
        long id;
        try (ResultSet row = insert.executeQuery()) {
            if (!row.next()) {
                return new Write.Appended(existing(append), true, List.of());
            }
            id = row.getLong(1);
        }
        assigned.put(conv, seq);
        unwritten.put(conv, new long[] {seq, id});
        if (group) {
            lookups.execute(COUNT_UNREAD_OTHERS, conv, append.sender());
            PreparedStatement inbox = prepare(INBOX_OTHERS);
            inbox.setLong(1, id);
            inbox.setString(2, conv);
            inbox.setString(3, append.sender());
            inbox.executeUpdate();
        } else {
            if (seq == 1) { // a new conversation: its two members
                lookups.execute(ADD_MEMBER, conv, append.sender());
                lookups.execute(ADD_MEMBER, conv, append.to());
            }
            if (!append.to().equals(append.sender())) {
                lookups.execute(COUNT_UNREAD_ONE, conv, append.to());
            }
            PreparedStatement inbox = prepare(INBOX_ONE);
            inbox.setString(1, append.to());
            inbox.setLong(2, id);
            inbox.executeUpdate();
        }
        StoredMessage message = new StoredMessage(id, seq, append.sender(), append.localId(), append.chatType(),
                append.to(), append.content(), append.ext(), time,
                group ? DeliveryState.DELIVERED : DeliveryState.PENDING, "", 0);
        if (!group) {
            appendedOneToOne.add(message);
        }
        return new Write.Appended(message, false, recipients);
    }

    /** Rewrites the rows of the conversations appended to since the last time, in one batch. */
    private void writeConversations() throws SQLException {
        if (unwritten.isEmpty()) {
            return;
        }
        PreparedStatement upsert = prepare(UPSERT_CONVERSATION);
        for (Map.Entry<String, long[]> conversation : unwritten.entrySet()) {
            upsert.setString(1, conversation.getKey());
            upsert.setLong(2, conversation.getValue()[0]);
            upsert.setLong(3, conversation.getValue()[1]);
            upsert.addBatch();
        }
        upsert.executeBatch();
        unwritten.clear();
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
        return known != null ? known : dialect.lastSeq(statements, conv);
    }

    // ---- marks ----------------------------------------------------------------------------------------------------

    private static final String TAKE_FROM_INBOX = "DELETE FROM inbox WHERE recipient = ? AND id = ? RETURNING kind";
    private static final String TAKE_EVENTS_FROM_INBOX = """
            DELETE FROM inbox WHERE recipient = ? AND id IN (SELECT id FROM events WHERE message_id = ?)""";
    private static final String MOVE_READ = """
            UPDATE members SET read_seq = ?,
                unread = (SELECT count(*) FROM messages m WHERE m.conv = members.conv AND m.seq > ? AND m.sender <> ?)
            WHERE conv = ? AND member = ?""";

    private Write.Marked delivered(long id, String user) throws SQLException {
        PreparedStatement take = prepare(TAKE_FROM_INBOX);
        take.setLong(2, id);
        take.setString(1, user);
        Integer kind = null;
        try (ResultSet row = take.executeQuery()) {
            if (row.next()) {
                kind = row.getInt(1);
            }
        }
        if (kind != null && kind == 1) { // an event
            return new Write.Marked(Optional.empty(), true);
        }
        if (kind != null && kind == 2) { // a group message: no receipt goes to its sender, so no need to read it
            lookups.execute(TAKE_EVENTS_FROM_INBOX, user, id);
            return new Write.Marked(Optional.empty(), true);
        }
        if (kind != null) { // a one-to-one message to this user, pending until now: it is delivered
            Optional<StoredMessage> recent = dialect.takeRecentAppend(id);
            if (recent.isPresent()) { // as appended: neither recalled nor edited, so no events to take
                return new Write.Marked(Optional.of(recent.get().withState(DeliveryState.DELIVERED)), true);
            }
            PreparedStatement find = prepare(FIND_DELIVERED);
            find.setLong(1, id);
            StoredMessage m;
            try (ResultSet row = find.executeQuery()) {
                if (!row.next()) {
                    return new Write.Marked(Optional.empty(), true);
                }
                m = MessageRows.read(row);
            }
            if (m.recalled() || m.edited()) { // only such a message has recall or edit events
                lookups.execute(TAKE_EVENTS_FROM_INBOX, user, id);
            }
            return new Write.Marked(Optional.of(m), true);
        }
        lookups.execute(TAKE_EVENTS_FROM_INBOX, user, id);
        return new Write.Marked(lookups.findFor(id, user).map(SqlLookups.Found::message), false);
    }

    private static final String FIND_DELIVERED = "SELECT " + MessageRows.COLUMNS_DELIVERED
            + " FROM messages WHERE id = ?";

    private static final String MARK_MESSAGE_READ =
            "UPDATE messages SET state = 2 WHERE id = ? AND state < 2 AND chat_type = 0";

    private Write.Marked read(long id, String user) throws SQLException {
        Optional<SqlLookups.Found> found = lookups.findFor(id, user);
        if (found.isEmpty()) {
            return new Write.Marked(Optional.empty(), false);
        }
        StoredMessage message = found.get().message();
        String conv = found.get().conv();
        PreparedStatement take = prepare(TAKE_FROM_INBOX);
        take.setString(1, user);
        take.setLong(2, id);
        try (ResultSet ignored = take.executeQuery()) {
            // read implies delivered
        }
        lookups.execute(TAKE_EVENTS_FROM_INBOX, user, id);
        // A one-to-one message is marked read by itself too, so that its sender gets one receipt for each message
        // the reader marks, even for one already read by the read position (read on from a later page, say).
        boolean receipt = lookups.execute(MARK_MESSAGE_READ, id) == 1;
        dialect.lockConversation(statements, conv); // no other writer moves the position or adds unread meanwhile
        long readSeq = lookups.readSeq(conv, user);
        if (message.seq() <= readSeq) {
            return new Write.Marked(Optional.of(message.withState(DeliveryState.READ)), receipt);
        }
        lookups.execute(MOVE_READ, message.seq(), message.seq(), user, conv, user);
        return new Write.Marked(Optional.of(message.withState(DeliveryState.READ)), true);
    }

    // ---- users ----------------------------------------------------------------------------------------------------

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

    private static final String SELECT_PROFILE =
            "SELECT username, nickname, password_hash, created, avatar FROM users WHERE username = ?";
    private static final String UPDATE_PROFILE = "UPDATE users SET nickname = ?, avatar = ? WHERE username = ?";

    private Write.ProfileUpdated updateProfile(Write.UpdateProfile update) throws SQLException {
        PreparedStatement select = prepare(SELECT_PROFILE + dialect.forUpdate()); // no other writer's update lost
        select.setString(1, update.user());
        UserRecord before;
        try (ResultSet row = select.executeQuery()) {
            if (!row.next()) {
                return new Write.ProfileUpdated(Optional.empty(), "");
            }
            before = new UserRecord(row.getString(1), row.getString(2), row.getString(3), row.getLong(4),
                    row.getString(5));
        }
        UserRecord after = new UserRecord(before.username(), update.nickname().orElse(before.nickname()),
                before.passwordHash(), before.created(), update.avatar().orElse(before.avatar()));
        PreparedStatement write = prepare(UPDATE_PROFILE);
        write.setString(1, after.nickname());
        write.setString(2, after.avatar());
        write.setString(3, after.username());
        write.executeUpdate();
        return new Write.ProfileUpdated(Optional.of(after), before.avatar());
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return statements.prepare(sql);
    }
}
