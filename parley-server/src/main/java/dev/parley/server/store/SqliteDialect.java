package dev.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SQLite's side of {@link SqlDialect}: one writer does everything under the store's write lock, so nothing is
 * locked, and the last sequence numbers of recently written conversations are remembered ({@link SequenceCache}), as
 * are the one-to-one messages appended most recently, for their delivery marks ({@link RecentAppends});
 * ids come from the AUTOINCREMENT counter of {@code messages} in {@code sqlite_sequence}.
 * <p>
 * Threading: the write methods under the store's write lock.
 */
final class SqliteDialect implements SqlDialect {

    /** The text a message reads now, or its file's name (see {@link SqlDialect#searchText}). */
    static final String SEARCH_TEXT = "(CASE WHEN messages.msg_type IN ('img', 'file')"
            + " THEN json_extract(messages.content, '$.filename') WHEN messages.edited_body <> ''"
            + " THEN messages.edited_body ELSE messages.body END)";

    private static final String LAST_SEQ = "SELECT last_seq FROM conversations WHERE conv = ?";
    private static final String LAST_ID = "SELECT seq FROM sqlite_sequence WHERE name = 'messages'";
    private static final String SET_LAST_ID = "UPDATE sqlite_sequence SET seq = ? WHERE name = 'messages'";
    private static final String FIRST_ID = "INSERT INTO sqlite_sequence (name, seq) VALUES ('messages', ?)";

    /** The last sequence number of recently written conversations; guarded by the store's write lock. */
    private final SequenceCache sequences = new SequenceCache();
    /** The one-to-one messages appended most recently, for their delivery marks; guarded by the write lock. */
    private final RecentAppends recentAppends = new RecentAppends();

    @Override
    public String searchText() {
        return SEARCH_TEXT;
    }

    @Override
    public String uploadUuid() {
        return "json_extract(messages.content, '$.uuid')";
    }

    /**
     * AUTOINCREMENT keeps the largest id ever handed out in {@code sqlite_sequence}, even after retention deleted the
     * newest rows.
     */
    @Override
    public String lastIdQuery() {
        return "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0)";
    }

    @Override
    public String forUpdate() {
        return ""; // one writer
    }

    /** The next id of the message sequence, taken for an event (AUTOINCREMENT then goes on after it). */
    @Override
    public long nextEventId(StatementCache statements) throws SQLException {
        PreparedStatement select = statements.prepare(LAST_ID);
        long last;
        boolean exists;
        try (ResultSet row = select.executeQuery()) {
            exists = row.next();
            last = exists ? row.getLong(1) : 0;
        }
        PreparedStatement set = statements.prepare(exists ? SET_LAST_ID : FIRST_ID);
        set.setLong(1, last + 1);
        set.executeUpdate();
        return last + 1;
    }

    @Override
    public long lastSeq(StatementCache statements, String conv) throws SQLException {
        Long known = sequences.get(conv);
        if (known != null) {
            return known;
        }
        PreparedStatement select = statements.prepare(LAST_SEQ);
        select.setString(1, conv);
        try (ResultSet row = select.executeQuery()) {
            return row.next() ? row.getLong(1) : 0;
        }
    }

    @Override
    public void lockConversation(StatementCache statements, String conv) {
        // one writer: nothing to lock
    }

    @Override
    public void committed(Map<String, Long> lastSeqs, List<StoredMessage> appended) {
        sequences.putAll(lastSeqs);
        for (StoredMessage message : appended) {
            recentAppends.add(message);
        }
    }

    @Override
    public Optional<StoredMessage> takeRecentAppend(long id) {
        return recentAppends.take(id);
    }

    @Override
    public void changing(long id) {
        recentAppends.take(id);
    }
}
