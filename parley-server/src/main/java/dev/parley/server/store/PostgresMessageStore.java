package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store of a cluster: one PostgreSQL database that several nodes write and read at once, each through its own
 * connection pool ({@link PostgresConnections}) and its own group-commit writer. The writes and reads are the SQL the
 * SQLite store runs too ({@link SqlTransaction}, {@link SqlReads}, {@link SqlRetention}); {@link PostgresDialect}
 * says what differs; the schema is {@link PostgresMigrations}'.
 * <p>
 * What several writers change:
 * <ul>
 *   <li>Ids come from one sequence, taken as transactions run: different nodes' transactions do not commit in id
 *   order (see {@link #lastMessageId}). Within one conversation they do: an append locks its conversation's row
 *   before it takes an id, so a conversation's sequence numbers and ids rise together.</li>
 *   <li>A batch ({@link #commit}) is one transaction. It first locks the existing rows of the conversations its
 *   appends, read marks, conversation reads and group changes are about, in key order, so that two nodes' batches
 *   over the same conversations queue rather than deadlock. What may still deadlock (a new conversation's row, made
 *   on the way; recalls and edits, which lock their message) is rolled back by PostgreSQL, and the whole batch runs
 *   again ({@link PostgresConnections#transaction}).</li>
 *   <li>(sender, localId) is unique in the table: an append of a pair another node has just stored finds the
 *   existing message ({@code ON CONFLICT DO NOTHING}, then a read), as a retry does.</li>
 * </ul>
 * A batch of nothing but delivery marks commits with {@code synchronous_commit = off}: PostgreSQL writes it to its
 * log in order, and the next synced commit's flush covers it (see {@link MessageStore#commit}).
 * <p>
 * Threading: as {@link MessageStore} says; {@link #commit} runs on the node's one writer thread, everything else on
 * any thread, each call on a pooled connection of its own.
 */
final class PostgresMessageStore implements SqlStoreReads {

    private static final SqlDialect DIALECT = PostgresDialect.INSTANCE;
    /** The conversations named, and those of the messages marked read, locked in key order. */
    static final String LOCK_CONVERSATIONS = """
            SELECT conv, last_seq FROM conversations
            WHERE conv IN (SELECT unnest(?::text[]) UNION SELECT m.conv FROM messages m WHERE m.id = ANY (?))
            ORDER BY conv FOR UPDATE""";

    /** The advisory lock a chunk of retention holds until it commits (the migrations' is another). */
    static final long RETENTION_LOCK = PostgresMigrations.LOCK + 1;

    private final PostgresConnections connections;
    private final Clock clock;
    private final SqlReads reads;
    /**
     * Held by a commit that may take ids, and by {@link #lastMessageId} while its query runs (taken once it has a
     * connection: with the database away a borrow waits for seconds, and the writer must not wait for it too, nor a
     * message's sender for both): the last id is then never one of this node's
     * own uncommitted batch, so that on a single node a sign-in sync's bound covers only what is committed (a message
     * of a batch in flight would otherwise be dropped as covered when it fans out, and wait for the next sign-in). It
     * costs a sync's start at most one batch's wait. Fair: a writer committing back to back does not starve it.
     */
    private final ReentrantLock idsInFlight = new ReentrantLock(true);

    private PostgresMessageStore(PostgresConnections connections, Clock clock) {
        this.connections = connections;
        this.clock = clock;
        this.reads = new SqlReads(connections, DIALECT);
    }

    /**
     * Opens the pool and brings the schema up to date (waiting while another node does).
     *
     * @throws StoreException when the database cannot be reached, a migration fails, or the schema is newer
     */
    static PostgresMessageStore open(PostgresSettings settings, Clock clock) {
        PostgresConnections connections = PostgresConnections.open(settings);
        try {
            connections.read("migrate the database schema", PostgresMigrations::migrate);
            return new PostgresMessageStore(connections, clock);
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
    }

    @Override
    public List<Write.Result> commit(List<? extends Write<?>> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        boolean marksOnly = writes.stream().allMatch(Write.MarkDelivered.class::isInstance);
        String[] conversations = conversationsOf(writes);
        Long[] readMessages = writes.stream().filter(Write.MarkRead.class::isInstance)
                .map(w -> ((Write.MarkRead) w).id()).toArray(Long[]::new);
        if (marksOnly) { // takes no id
            return commitBatch(writes, true, conversations, readMessages);
        }
        idsInFlight.lock();
        try {
            return commitBatch(writes, false, conversations, readMessages);
        } finally {
            idsInFlight.unlock();
        }
    }

    private List<Write.Result> commitBatch(List<? extends Write<?>> writes, boolean marksOnly, String[] conversations,
                                           Long[] readMessages) {
        return connections.transaction("commit " + writes.size() + " writes", connection -> {
            try (StatementCache statements = new StatementCache(connection)) {
                if (marksOnly) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("SET LOCAL synchronous_commit = off");
                    }
                }
                SqlTransaction transaction = new SqlTransaction(statements, DIALECT, clock);
                if (!marksOnly && (conversations.length > 0 || readMessages.length > 0)) {
                    transaction.knowLastSeqs(lockConversations(connection, conversations, readMessages));
                }
                List<Write.Result> results = new ArrayList<>(writes.size());
                for (Write<?> write : writes) {
                    results.add(transaction.apply(write));
                }
                transaction.finish();
                return List.copyOf(results);
            }
        });
    }

    /** The conversations a batch names before it runs (those of read marks are looked up by the lock). */
    private static String[] conversationsOf(List<? extends Write<?>> writes) {
        TreeSet<String> keys = new TreeSet<>();
        for (Write<?> write : writes) {
            switch (write) {
                case Write.Append a when a.chatType() == ChatType.GROUP -> groupKey(a.to()).ifPresent(keys::add);
                case Write.Append a -> keys.add(ConversationKey.single(a.sender(), a.to()));
                case Write.ReadConversation r when r.chatType() == ChatType.GROUP ->
                        groupKey(r.to()).ifPresent(keys::add);
                case Write.ReadConversation r -> keys.add(ConversationKey.single(r.user(), r.to()));
                case Write.ChangeGroup(GroupChange.Update u) -> keys.add(ConversationKey.group(u.groupId()));
                case Write.ChangeGroup(GroupChange.Destroy d) -> keys.add(ConversationKey.group(d.groupId()));
                case Write.ChangeGroup(GroupChange.AddMembers m) -> keys.add(ConversationKey.group(m.groupId()));
                case Write.ChangeGroup(GroupChange.RemoveMember m) -> keys.add(ConversationKey.group(m.groupId()));
                default -> {
                    // marks, recalls, edits (which lock their message), new groups, users
                }
            }
        }
        return keys.toArray(String[]::new);
    }

    private static Optional<String> groupKey(String id) {
        return Optional.ofNullable(SqlLookups.groupKey(id));
    }

    /** Locks the conversations; returns their last sequence numbers, read under the lock. */
    private static Map<String, Long> lockConversations(Connection connection, String[] conversations,
                                                       Long[] readMessages) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(LOCK_CONVERSATIONS)) {
            lock.setArray(1, connection.createArrayOf("text", conversations));
            lock.setArray(2, connection.createArrayOf("bigint", readMessages));
            Map<String, Long> lastSeqs = new HashMap<>();
            try (ResultSet row = lock.executeQuery()) {
                while (row.next()) {
                    lastSeqs.put(row.getString(1), row.getLong(2));
                }
            }
            return lastSeqs;
        }
    }

    @Override
    public SqlReads reads() {
        return reads;
    }

    /**
     * The last id the shared sequence handed out, to this node or another, read between two of this node's commits.
     * In a cluster this is best-effort: ids are taken as transactions run, not as they commit, so an item with a
     * smaller id may still be committing on another node and become visible after this returns, and such an item
     * commits after this call without a larger id (a cluster's connections drop the copies they were sent, and so
     * take such an item live: see {@code SyncWindow}). What holds: ids taken after this call are larger, everything
     * this node's writer committed before the call is visible, and none of its own uncommitted ids is at or below it.
     * What another node commits late is still pending in its recipients' inboxes, and the next sign-in sync or the
     * recovery of pending items finds it.
     */
    @Override
    public long lastMessageId() {
        return reads.lastMessageId(idsInFlight);
    }

    /**
     * Every word as a case-insensitive substring ({@code lower(text) LIKE '%word%'}), served by the trigram index
     * {@code messages_text}; words shorter than a trigram (a two-character Chinese word) are matched too, by the
     * same LIKE, on the messages the other words or the user's conversations narrow down to.
     */
    @Override
    public List<StoredMessage> search(String user, SearchQuery query, Optional<ConversationRef> conversation,
                                      int limit) {
        return reads.search(user, query, conversation, limit);
    }

    /**
     * Deletes in transactions of at most {@value SqlRetention#CHUNK} messages, beside the commits of every node
     * (each chunk locks the conversations whose unread counts it makes again). Two nodes running retention at once
     * take turns chunk by chunk ({@link #RETENTION_LOCK}): each chooses its chunk after the other's committed, so
     * that no chunk changes between the statements that delete it and count unread messages again.
     */
    @Override
    public int deleteOlderThan(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int total = 0;
        int deleted;
        do {
            deleted = connections.transaction("delete messages older than " + cutoff, connection -> {
                try (Statement lock = connection.createStatement()) {
                    lock.execute("SELECT pg_advisory_xact_lock(" + RETENTION_LOCK + ")");
                }
                return SqlRetention.deleteChunk(connection, DIALECT, cutoffMillis);
            });
            total += deleted;
        } while (deleted == SqlRetention.CHUNK);
        return total;
    }

    @Override
    public void close() {
        connections.close();
    }
}
