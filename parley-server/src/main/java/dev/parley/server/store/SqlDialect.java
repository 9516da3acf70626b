package dev.parley.server.store;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the SQL databases the store runs on (SQLite embedded, PostgreSQL shared by several nodes),
 * so that one code writes and reads both ({@link SqlTransaction}, {@link SqlGroups}, {@link SqlChanges},
 * {@link SqlEvents}, {@link SqlReads}, {@link SqlRetention}): a few SQL expressions, where an event's id comes from,
 * and how a transaction learns and holds its conversations' sequence numbers.
 * <p>
 * Statements shared by the dialects use plain {@code ?} parameters (PostgreSQL's driver has no numbered ones) and
 * SQL both accept ({@code ON CONFLICT … DO NOTHING}, {@code RETURNING}, {@code UPDATE … FROM}).
 * <p>
 * Threading: the write methods run on the thread of the transaction that uses them (SQLite: under the write lock);
 * the expressions are constants.
 */
interface SqlDialect {

    /**
     * The text a message is found by, over the {@code messages.} columns: its file's name for an image or a file,
     * its text as it reads now otherwise.
     */
    String searchText();

    /** The uuid of the upload of an image or file message, from {@code messages.content}. */
    String uploadUuid();

    /** One row, one column: the largest id of a message or event handed out so far (0 when none). */
    String lastIdQuery();

    /**
     * What a {@code SELECT} of a row that the transaction then changes ends with, so that no other writer changes it
     * in between ({@code " FOR UPDATE"}); {@code ""} where one writer does everything.
     */
    String forUpdate();

    /** Takes the next id of the sequence that messages and events share, for an event. */
    long nextEventId(StatementCache statements) throws SQLException;

    /**
     * The last sequence number of {@code conv} (0 for a conversation without a row yet), for an append. Where several
     * writers share the database, the conversation's row exists and is locked once this returns, until the
     * transaction ends, so that appends to one conversation take their numbers (and ids) one after the other.
     */
    long lastSeq(StatementCache statements, String conv) throws SQLException;

    /**
     * Locks the row of an existing conversation until the transaction ends, before its members are read or changed
     * (a group change, a group append, a read); nothing where one writer does everything.
     */
    void lockConversation(StatementCache statements, String conv) throws SQLException;

    /**
     * A transaction committed, having given out these last sequence numbers and appended these one-to-one messages
     * (as stored: pending, neither recalled nor edited).
     */
    void committed(Map<String, Long> lastSeqs, List<StoredMessage> appended);

    /**
     * The one-to-one message {@code id} as {@link #committed} told of it, if its row has not changed since; a
     * delivery mark's, which takes it out of the inbox (so it is not kept any longer). Empty where several writers
     * share the database: another may have recalled or edited it.
     */
    Optional<StoredMessage> takeRecentAppend(long id);

    /** The row of message {@code id} is about to change (a recall, an edit). */
    void changing(long id);
}
