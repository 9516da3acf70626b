package dev.parley.server.store;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Stores events inside the writer's transaction: each gets an id from the sequence of message ids (so that a user's
 * inbox orders messages and events as they happened), a row in {@code events} holding the frame, and an inbox entry
 * for each user who must get it even if offline now.
 * <p>
 * Threading: confined to the thread of the transaction (SQLite: the one that holds the store's write lock).
 */
final class SqlEvents {
    static final int KIND_RECALLED = 1;
    static final int KIND_EDITED = 2;
    static final int KIND_GROUP = 3;
    static final int KIND_CHANNEL_ACK = 4;

    /** Encodes frames only (no JSON-B): shared. */
    private static final FrameCodec CODEC = new FrameCodec();

    private final StatementCache statements;
    private final SqlDialect dialect;

    SqlEvents(StatementCache statements, SqlDialect dialect) {
        this.statements = statements;
        this.dialect = dialect;
    }

    private static final String INSERT_EVENT =
            "INSERT INTO events (id, conv, kind, message_id, actor, payload, time) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_INBOX =
            "INSERT INTO inbox (recipient, id, kind) VALUES (?, ?, 1) ON CONFLICT DO NOTHING";

    /**
     * Stores an event and returns it as the notice that delivers it now.
     *
     * @param frame     the frame, given the event's id
     * @param storedFor the users for whom it is pending until acknowledged
     * @param notify    the users whose sessions get it now: {@code storedFor}, and the actor's other devices
     * @param actor     who caused it: not in {@code storedFor}, unless the event is for their own other devices
     */
    Write.Notice store(String conv, int kind, long messageId, String actor, long time, LongFunction<Frame> frame,
                       List<String> storedFor, List<String> notify) throws SQLException {
        long id = dialect.nextEventId(statements);
        String text = CODEC.encode(frame.apply(id));
        PreparedStatement insert = statements.prepare(INSERT_EVENT);
        insert.setLong(1, id);
        insert.setString(2, conv);
        insert.setInt(3, kind);
        insert.setLong(4, messageId);
        insert.setString(5, actor);
        insert.setString(6, text);
        insert.setLong(7, time);
        insert.executeUpdate();
        PreparedStatement inbox = statements.prepare(INSERT_INBOX);
        for (String user : storedFor) {
            inbox.setString(1, user);
            inbox.setLong(2, id);
            inbox.addBatch();
        }
        inbox.executeBatch();
        return new Write.Notice(id, text, notify, storedFor.contains(actor) ? "" : actor);
    }

    /** Encodes a frame that is delivered now and not stored. */
    static String encode(Frame frame) {
        return CODEC.encode(frame);
    }
}
