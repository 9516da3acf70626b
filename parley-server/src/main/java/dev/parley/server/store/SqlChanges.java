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
 * Writes that change a conversation without adding a message: a read of the whole conversation, a recall, an edit.
 * Each stores its event for the members who must get it even if offline ({@link SqlEvents}) and answers the
 * notices that deliver it now.
 * <p>
 * Threading: confined to the thread of the transaction (SQLite: the one that holds the store's write lock).
 */
final class SqlChanges {
    private final StatementCache statements;
    private final SqlDialect dialect;
    private final SqlLookups lookups;
    private final SqlEvents events;
    private final Clock clock;

    SqlChanges(StatementCache statements, SqlDialect dialect, SqlLookups lookups, SqlEvents events, Clock clock) {
        this.statements = statements;
        this.dialect = dialect;
        this.lookups = lookups;
        this.events = events;
        this.clock = clock;
    }

    private static final String READ_ALL = """
            UPDATE members SET read_seq = c.last_seq, unread = 0 FROM conversations c
            WHERE c.conv = members.conv AND members.conv = ? AND members.member = ?
                AND (members.unread > 0 OR members.read_seq < c.last_seq)""";

    Write.ChangeOutcome readConversation(Write.ReadConversation read) throws SQLException {
        String user = read.user();
        boolean group = read.chatType() == ChatType.GROUP;
        String conv = group ? SqlLookups.groupKey(read.to()) : ConversationKey.single(user, read.to());
        if (conv != null) {
            dialect.lockConversation(statements, conv); // no append to it counts unread messages meanwhile
        }
        if (conv == null || lookups.readSeq(conv, user) == Long.MAX_VALUE) {
            return group ? new Write.Refused(ErrorCode.GROUP_NOT_MEMBER, "not a member of group " + read.to())
                    : new Write.Changed(Optional.empty(), 0, List.of()); // no conversation yet: nothing to read
        }
        if (lookups.execute(READ_ALL, conv, user) == 0) {
            return new Write.Changed(Optional.empty(), 0, List.of()); // all read already
        }
        long time = clock.millis();
        List<Write.Notice> notices = new ArrayList<>();
        notices.add(events.store(conv, SqlEvents.KIND_CHANNEL_ACK, 0, user, time,
                id -> new Frame.ChannelAck(read.chatType(), read.to(), user, Long.toString(id)), List.of(user),
                List.of(user)));
        if (!group && !read.to().equals(user)) {
            notices.add(Write.Notice.live(SqlEvents.encode(
                    new Frame.ChannelAck(ChatType.SINGLE, read.to(), user, "")), List.of(read.to())));
        }
        return new Write.Changed(Optional.empty(), group ? Long.parseLong(read.to()) : 0, notices);
    }

    private static final String RECALL = """
            UPDATE messages SET recalled = 1, body = '', content = '', edited_body = '' WHERE id = ?""";
    private static final String EDIT = "UPDATE messages SET edited_body = ?, edit_time = ? WHERE id = ?";
    /** The members who received a message: every member but its sender who joined before it. */
    private static final String RECEIVERS = "SELECT member FROM members WHERE conv = ? AND member <> ? AND joined_seq < ?";

    Write.ChangeOutcome recall(Write.Recall recall) throws SQLException {
        Optional<SqlLookups.Found> found = lookups.findToChange(recall.id());
        if (found.isEmpty()) {
            return new Write.Refused(ErrorCode.BAD_FRAME, "no such message: " + recall.id());
        }
        StoredMessage m = found.get().message();
        if (!m.sender().equals(recall.user())) {
            return new Write.Refused(ErrorCode.PERMISSION_DENIED, "only the sender can recall a message");
        }
        if (m.recalled()) {
            return new Write.Changed(Optional.of(m), 0, List.of());
        }
        if (m.time() < recall.notBefore()) {
            return new Write.Refused(ErrorCode.RECALL_WINDOW_PASSED, "the recall window has passed");
        }
        dialect.changing(m.id());
        lookups.execute(RECALL, recall.id());
        List<String> receivers = receivers(found.get().conv(), m);
        Write.Notice notice = events.store(found.get().conv(), SqlEvents.KIND_RECALLED, m.id(), m.sender(),
                clock.millis(), id -> new Frame.Recalled(Long.toString(m.id()), m.sender(), m.recipient(),
                        m.chatType()), receivers, withSender(receivers, m));
        return new Write.Changed(Optional.of(m), 0, List.of(notice));
    }

    Write.ChangeOutcome edit(Write.Edit edit) throws SQLException {
        Optional<SqlLookups.Found> found = lookups.findToChange(edit.id());
        if (found.isEmpty()) {
            return new Write.Refused(ErrorCode.BAD_FRAME, "no such message: " + edit.id());
        }
        StoredMessage m = found.get().message();
        if (!m.sender().equals(edit.user())) {
            return new Write.Refused(ErrorCode.PERMISSION_DENIED, "only the sender can edit a message");
        }
        if (!(m.content() instanceof Content.Text)) {
            return new Write.Refused(ErrorCode.BAD_FRAME, m.recalled() ? "a recalled message cannot be edited"
                    : "only text messages can be edited");
        }
        long time = clock.millis();
        dialect.changing(m.id());
        PreparedStatement update = prepare(EDIT);
        update.setString(1, edit.text());
        update.setLong(2, time);
        update.setLong(3, m.id());
        update.executeUpdate();
        List<String> receivers = receivers(found.get().conv(), m);
        Write.Notice notice = events.store(found.get().conv(), SqlEvents.KIND_EDITED, m.id(), m.sender(), time,
                id -> new Frame.Edited(Long.toString(m.id()), m.sender(), m.recipient(), m.chatType(), edit.text(),
                        time), receivers, withSender(receivers, m));
        StoredMessage edited = new StoredMessage(m.id(), m.seq(), m.sender(), m.localId(), m.chatType(),
                m.recipient(), m.content(), m.ext(), m.time(), m.state(), edit.text(), time);
        return new Write.Changed(Optional.of(edited), 0, List.of(notice));
    }

    private List<String> receivers(String conv, StoredMessage m) throws SQLException {
        PreparedStatement select = prepare(RECEIVERS);
        select.setString(1, conv);
        select.setString(2, m.sender());
        select.setLong(3, m.seq());
        List<String> receivers = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                receivers.add(row.getString(1));
            }
        }
        return receivers;
    }

    /** The receivers and the sender (whose other devices get the event live). */
    private static List<String> withSender(List<String> receivers, StoredMessage m) {
        List<String> all = new ArrayList<>(receivers);
        if (!all.contains(m.sender())) {
            all.add(m.sender());
        }
        return all;
    }

    private PreparedStatement prepare(String sql) throws SQLException {
        return statements.prepare(sql);
    }
}
