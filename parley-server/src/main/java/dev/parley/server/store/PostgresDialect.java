package dev.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL's side of {@link SqlDialect}, for a database that several nodes write at once: ids come from the
 * sequence {@code item_ids}; an append locks its conversation's row ({@code SELECT … FOR UPDATE}) and reads its last
 * sequence number there, every time (no cache: another node may have appended since).
 * <p>
 * Threading: stateless; each call runs on the connection of the transaction it belongs to.
 */
final class PostgresDialect implements SqlDialect {

    static final PostgresDialect INSTANCE = new PostgresDialect();

    /**
     * The text a message is found by (see {@link SqlDialect#searchText}). The index {@code messages_text} of
     * {@code V1__init.sql} is on {@code lower()} of this same expression: change both or neither.
     */
    static final String SEARCH_TEXT = "(CASE WHEN messages.msg_type IN ('img', 'file') AND messages.content <> ''"
            + " THEN messages.content::jsonb ->> 'filename' WHEN messages.edited_body <> ''"
            + " THEN messages.edited_body ELSE messages.body END)";

    private static final String NEXT_ID = "SELECT nextval('item_ids')";
    private static final String LOCK = "SELECT last_seq FROM conversations WHERE conv = ? FOR UPDATE";
    private static final String CREATE = """
            INSERT INTO conversations (conv, user_a, user_b, last_seq, last_id) VALUES (?, '', '', 0, 0)
            ON CONFLICT (conv) DO NOTHING""";

    private PostgresDialect() {
    }

    @Override
    public String searchText() {
        return SEARCH_TEXT;
    }

    @Override
    public String uploadUuid() {
        return "(messages.content::jsonb ->> 'uuid')";
    }

    /**
     * The sequence's last value, whichever session took it: an item with a smaller id may still be committing on
     * another node (see {@link PostgresMessageStore#lastMessageId}).
     */
    @Override
    public String lastIdQuery() {
        return "SELECT CASE WHEN is_called THEN last_value ELSE 0 END FROM item_ids";
    }

    @Override
    public String forUpdate() {
        return " FOR UPDATE";
    }

    @Override
    public long nextEventId(StatementCache statements) throws SQLException {
        try (ResultSet row = statements.prepare(NEXT_ID).executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * Locks the conversation's row (creating it first for a new one-to-one conversation) and reads its last number.
     * Two nodes creating the same conversation at once: the second insert waits for the first and then does nothing.
     */
    @Override
    public long lastSeq(StatementCache statements, String conv) throws SQLException {
        Long locked = lock(statements, conv);
        if (locked != null) {
            return locked;
        }
        PreparedStatement create = statements.prepare(CREATE);
        create.setString(1, conv);
        create.executeUpdate();
        locked = lock(statements, conv);
        if (locked == null) {
            throw new SQLException("the conversation row just made cannot be found");
        }
        return locked;
    }

    @Override
    public void lockConversation(StatementCache statements, String conv) throws SQLException {
        lock(statements, conv);
    }

    /** The conversation's last sequence number, its row locked; null when it has no row. */
    private static Long lock(StatementCache statements, String conv) throws SQLException {
        PreparedStatement lock = statements.prepare(LOCK);
        lock.setString(1, conv);
        try (ResultSet row = lock.executeQuery()) {
            return row.next() ? row.getLong(1) : null;
        }
    }

    @Override
    public void committed(Map<String, Long> lastSeqs, List<StoredMessage> appended) {
        // nothing cached: another node may append to the same conversations, and recall or edit the messages
    }

    @Override
    public Optional<StoredMessage> takeRecentAppend(long id) {
        return Optional.empty();
    }

    @Override
    public void changing(long id) {
        // nothing cached
    }
}
