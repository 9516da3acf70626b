package dev.parley.server.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The embedded store: one SQLite file {@code parley.db} in WAL mode with {@code synchronous=FULL}, so that a returned
 * {@link #commit} is on disk; a batch of nothing but delivery marks is committed with {@code synchronous=NORMAL} and
 * reaches the disk with the next synced commit (see {@link MessageStore#commit}).
 * <p>
 * Threading: one writer connection, used under {@link #writeLock} by {@link #commit} (the group-commit thread) and
 * by {@link #deleteOlderThan} (in chunks, so retention never holds up commits for long); a pool of
 * {@value SqliteReaders#SIZE} query-only connections ({@link SqliteReaders}) serves the reads from any thread; the
 * {@link SqliteCheckpointer} copies the WAL into the database file on its own thread. WAL lets all of them run at once.
 */
final class SqliteMessageStore implements MessageStore {

    static final String FILE_NAME = "parley.db";
    private static final System.Logger LOG = System.getLogger(SqliteMessageStore.class.getName());
    private static final int DELETE_CHUNK = 1_000;

    private final SqliteConnections connections;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SqliteReaders readers = new SqliteReaders();
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by {@link #writeLock}; reopened at the next write when a failure left it closed. */
    private Connection writer;
    /** The writer connection's statements; guarded by {@link #writeLock}, replaced with the connection. */
    private StatementCache writerStatements;
    /** Set once at open. */
    private SqliteCheckpointer checkpointer;
    private final AtomicLong syncedCommits = new AtomicLong();
    private final AtomicLong unsyncedCommits = new AtomicLong();
    /** The last sequence number of recently written conversations; guarded by {@link #writeLock}. */
    private final SequenceCache sequences = new SequenceCache();

    private SqliteMessageStore(Path file, Clock clock) {
        this.connections = new SqliteConnections(file);
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) {@code parley.db} in {@code dataDir} and brings its schema up to date. The directory
     * is made private first ({@link DataDirectory}), and the file is created mode 600 before SQLite opens it, so that
     * the {@code -wal} and {@code -shm} files SQLite creates beside it are 600 too.
     */
    static SqliteMessageStore open(Path dataDir, Clock clock) {
        Path file = dataDir.resolve(FILE_NAME);
        DataDirectory.secure(dataDir);
        try {
            DataDirectory.createPrivateFile(file);
        } catch (IOException e) {
            throw new StoreException("cannot create the database file " + file, e);
        }
        SqliteMessageStore store = new SqliteMessageStore(file, clock);
        try {
            store.writer = store.connections.openWriter();
            store.writerStatements = new StatementCache(store.writer);
            SqliteMigrations.migrate(store.writer);
            store.readers.open(store.connections);
            store.checkpointer = new SqliteCheckpointer(store.connections.openCheckpointer());
            for (String suffix : new String[] {"-wal", "-shm"}) {
                DataDirectory.makePrivate(file.resolveSibling(FILE_NAME + suffix));
            }
            return store;
        } catch (SQLException | IOException | RuntimeException e) {
            try {
                store.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof StoreException storeException ? storeException
                    : new StoreException("cannot open the database in " + dataDir, e);
        }
    }

    @Override
    public List<Write.Result> commit(List<? extends Write<?>> writes) {
        if (writes.isEmpty()) {
            return List.of();
        }
        boolean marksOnly = writes.stream().allMatch(Write.MarkDelivered.class::isInstance);
        return onWriteConnection(connection -> {
            SqliteTransaction transaction = new SqliteTransaction(writerStatements, sequences, clock);
            try {
                if (marksOnly) {
                    // Not synced by itself: the WAL is appended to in order, so the next durable commit's sync covers
                    // it; a crash before that loses only marks, and a lost mark is a redelivery clients drop by id.
                    writerStatements.prepare("PRAGMA synchronous = NORMAL").execute();
                }
                List<Write.Result> results;
                try {
                    results = inTransaction(connection, () -> {
                        List<Write.Result> applied = new ArrayList<>(writes.size());
                        for (Write<?> write : writes) {
                            applied.add(transaction.apply(write));
                        }
                        return List.copyOf(applied);
                    });
                } finally {
                    if (marksOnly && !connection.isClosed()) {
                        writerStatements.prepare("PRAGMA synchronous = FULL").execute();
                    }
                }
                transaction.committed();
                (marksOnly ? unsyncedCommits : syncedCommits).incrementAndGet();
                return results;
            } catch (SQLException | RuntimeException e) {
                // The driver may leave a statement that failed unusable: prepare them all afresh for the next batch;
                // and a connection whose synchronous setting may not be FULL again is not used again.
                closeStatements();
                if (marksOnly) {
                    connection.close();
                } else if (!connection.isClosed()) {
                    writerStatements = new StatementCache(connection);
                }
                throw e instanceof SQLException sql ? new StoreException("commit of " + writes.size()
                        + " writes failed", sql) : (RuntimeException) e;
            }
        });
    }

    /** Commits synced to disk before they returned, and batches of delivery marks committed without a sync (tests). */
    long[] commits() {
        return new long[] {syncedCommits.get(), unsyncedCommits.get()};
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    private interface TransactionWork<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code work} between {@code BEGIN IMMEDIATE} and {@code COMMIT} (durable on return). When the work or the
     * COMMIT fails, rolls back; when even that fails (also when SQLite already ended the transaction itself), closes
     * the connection, which discards whatever is left, and the next write opens a new one.
     */
    private <T> T inTransaction(Connection connection, TransactionWork<T> work) throws SQLException {
        // Under the write lock, on the writer connection: its cached statements (preparing costs as much as running)
        writerStatements.prepare("BEGIN IMMEDIATE").execute(); // when this fails, no transaction is open
        try {
            T result = work.run();
            writerStatements.prepare("COMMIT").execute();
            return result;
        } catch (SQLException | RuntimeException e) {
            try {
                writerStatements.prepare("ROLLBACK").execute();
            } catch (SQLException rollback) {
                e.addSuppressed(rollback);
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e;
        }
    }

    private static final String SELECT_USER =
            "SELECT username, nickname, password_hash, created FROM users WHERE username = ?";

    @Override
    public Optional<UserRecord> findUser(String username) {
        return read("find a user", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_USER)) {
                select.setString(1, username);
                try (ResultSet row = select.executeQuery()) {
                    return row.next()
                            ? Optional.of(new UserRecord(row.getString(1), row.getString(2), row.getString(3),
                            row.getLong(4)))
                            : Optional.empty();
                }
            }
        });
    }

    /** A page of a recipient's pending messages (index messages_pending: recipient, state, id). */
    static final String SELECT_PENDING = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE recipient = ? AND state = 0 AND id > ? AND id <= ? ORDER BY id LIMIT ?";

    @Override
    public List<StoredMessage> pendingFor(String recipient, long afterId, long upToId, int limit) {
        requireLimit(limit);
        return read("read pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_PENDING)) {
                select.setString(1, recipient);
                select.setLong(2, afterId);
                select.setLong(3, upToId);
                select.setInt(4, limit);
                return messages(select);
            }
        });
    }

    static final String COUNT_PENDING =
            "SELECT count(*) FROM messages WHERE recipient = ? AND state = 0 AND id <= ?";

    @Override
    public int countPending(String recipient, long upToId) {
        return read("count pending messages", connection -> {
            try (PreparedStatement select = connection.prepareStatement(COUNT_PENDING)) {
                select.setString(1, recipient);
                select.setLong(2, upToId);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    return row.getInt(1);
                }
            }
        });
    }

    /**
     * AUTOINCREMENT keeps the largest id ever handed out in {@code sqlite_sequence}, even after retention deleted the
     * newest rows.
     */
    static final String SELECT_LAST_ID = "SELECT coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'messages'), 0)";

    @Override
    public long lastMessageId() {
        return read("read the newest message id", connection -> {
            try (Statement select = connection.createStatement(); ResultSet row = select.executeQuery(SELECT_LAST_ID)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    private static final String SELECT_MESSAGE = "SELECT " + MessageRows.COLUMNS + " FROM messages WHERE id = ?";

    @Override
    public Optional<StoredMessage> findMessage(long id) {
        return read("find a message", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_MESSAGE)) {
                select.setLong(1, id);
                return messages(select).stream().findFirst();
            }
        });
    }

    /**
     * The newest message of each of the user's conversations with the user's unread count there, through the
     * conversations table's indexes (a conversation with oneself is listed once, under user_a).
     */
    static final String SELECT_CONVERSATIONS = "SELECT " + MessageRows.COLUMNS + """
            , c.unread FROM (
                SELECT last_id, unread_a AS unread FROM conversations WHERE user_a = ?1
                UNION ALL
                SELECT last_id, unread_b FROM conversations WHERE user_b = ?1 AND user_a <> ?1) c
            JOIN messages ON messages.id = c.last_id
            ORDER BY messages.id DESC LIMIT ?2""";

    @Override
    public List<ConversationSummary> conversations(String user, int limit) {
        requireLimit(limit);
        return read("list conversations", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_CONVERSATIONS)) {
                select.setString(1, user);
                select.setInt(2, limit);
                List<ConversationSummary> list = new ArrayList<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        StoredMessage last = MessageRows.read(row);
                        list.add(new ConversationSummary(last.peerOf(user), last, row.getInt(10)));
                    }
                }
                return list;
            }
        });
    }

    /** A conversation's ids and sequence numbers rise together, so its (conv, seq) index gives the id order. */
    static final String SELECT_HISTORY = "SELECT " + MessageRows.COLUMNS
            + " FROM messages WHERE conv = ? AND id < ? ORDER BY seq DESC LIMIT ?";

    @Override
    public List<StoredMessage> history(String user, String peer, Optional<Long> beforeId, int limit) {
        requireLimit(limit);
        return read("read history", connection -> {
            try (PreparedStatement select = connection.prepareStatement(SELECT_HISTORY)) {
                select.setString(1, MessageRows.conversationKey(user, peer));
                select.setLong(2, beforeId.orElse(Long.MAX_VALUE));
                select.setInt(3, limit);
                return messages(select);
            }
        });
    }

    /** One chunk of retention: the oldest messages go first (index messages_time). */
    static final String OLD_CHUNK = "SELECT id FROM messages WHERE time < ?1 ORDER BY time LIMIT " + DELETE_CHUNK;
    /** The unread messages of a chunk, per conversation and recipient, whose counts go down with them. */
    static final String UNREAD_IN_OLD_CHUNK = "SELECT conv, recipient, count(*) FROM messages WHERE id IN ("
            + OLD_CHUNK + ") AND state < 2 GROUP BY conv, recipient";
    static final String DELETE_OLD_CHUNK = "DELETE FROM messages WHERE id IN (" + OLD_CHUNK + ")";
    private static final String SUBTRACT_UNREAD = """
            UPDATE conversations SET unread_a = unread_a - ?3 * (user_a = ?2), unread_b = unread_b - ?3 * (user_a <> ?2)
            WHERE conv = ?1""";

    /**
     * Deletes in transactions of at most {@value #DELETE_CHUNK} messages, taking the write lock for each, so group
     * commits go on in between. Conversation rows stay, so sequence numbers keep counting; the unread counts lose the
     * unread messages deleted.
     */
    @Override
    public int deleteOlderThan(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int total = 0;
        int deleted;
        do {
            deleted = onWriteConnection(connection -> {
                try {
                    return inTransaction(connection, () -> deleteChunk(connection, cutoffMillis));
                } catch (SQLException e) {
                    throw new StoreException("deleting messages older than " + cutoff + " failed", e);
                }
            });
            total += deleted;
        } while (deleted == DELETE_CHUNK);
        return total;
    }

    private static int deleteChunk(Connection connection, long cutoffMillis) throws SQLException {
        try (PreparedStatement unread = connection.prepareStatement(UNREAD_IN_OLD_CHUNK);
             PreparedStatement subtract = connection.prepareStatement(SUBTRACT_UNREAD);
             PreparedStatement delete = connection.prepareStatement(DELETE_OLD_CHUNK)) {
            unread.setLong(1, cutoffMillis);
            try (ResultSet row = unread.executeQuery()) {
                while (row.next()) {
                    subtract.setString(1, row.getString(1));
                    subtract.setString(2, row.getString(2));
                    subtract.setInt(3, row.getInt(3));
                    subtract.executeUpdate();
                }
            }
            delete.setLong(1, cutoffMillis);
            return delete.executeUpdate();
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (checkpointer != null) {
            checkpointer.close(); // waits for a checkpoint in progress, then truncates the WAL
        }
        List<Connection> connections = new ArrayList<>();
        writeLock.lock();
        try {
            if (writer != null) {
                closeStatements();
                connections.add(writer);
                writer = null;
            }
        } finally {
            writeLock.unlock();
        }
        readers.close(connections);
        StoreException failure = null;
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = new StoreException("closing the database failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** The checkpointer (tests run a checkpoint when they need one). */
    SqliteCheckpointer checkpointer() {
        return checkpointer;
    }

    /** Work on a connection that may throw {@link SQLException}. */
    @FunctionalInterface
    interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on the writer connection under the write lock, (re)opening the connection if needed. Also the
     * hook through which tests inject real SQLite faults ({@code PRAGMA query_only}, temporary triggers).
     */
    <T> T onWriteConnection(SqlWork<T> work) {
        writeLock.lock();
        try {
            if (closed.get()) {
                throw new StoreException("the store is closed");
            }
            if (writer == null || writer.isClosed()) {
                closeStatements();
                writer = connections.openWriter();
                writerStatements = new StatementCache(writer);
            }
            return work.apply(writer);
        } catch (SQLException e) {
            throw new StoreException("the database write connection failed", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** Closes the old writer connection's statements; a failure only means they were closed with it. */
    private void closeStatements() {
        if (writerStatements != null) {
            try {
                writerStatements.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.DEBUG, "closing the statements of a failed write connection", e);
            }
            writerStatements = null;
        }
    }

    private <T> T read(String what, SqlWork<T> work) {
        return readers.read(what, work);
    }

    private static List<StoredMessage> messages(PreparedStatement select) throws SQLException {
        List<StoredMessage> messages = new ArrayList<>();
        try (ResultSet row = select.executeQuery()) {
            while (row.next()) {
                messages.add(MessageRows.read(row));
            }
        }
        return messages;
    }

    /** SQLite reads {@code LIMIT -1} as "no limit": refuse it rather than read everything. */
    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + limit);
        }
    }
}
