package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
 * by {@link #deleteOlderThan} (in chunks, {@link SqlRetention}, so retention never holds up commits for long); a
 * pool of {@value SqliteReaders#SIZE} query-only connections ({@link SqliteReaders}) serves the reads
 * ({@link SqlReads}) from any thread; the
 * {@link SqliteCheckpointer} copies the WAL into the database file on its own thread. WAL lets all of them run at once.
 */
final class SqliteMessageStore implements SqlStoreReads {

    static final String FILE_NAME = "parley.db";
    private static final System.Logger LOG = System.getLogger(SqliteMessageStore.class.getName());

    private final SqliteConnections connections;
    private final Clock clock;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final SqliteReaders readers = new SqliteReaders();
    /** SQLite's side of the SQL shared with PostgreSQL; its sequence cache is guarded by {@link #writeLock}. */
    private final SqliteDialect dialect = new SqliteDialect();
    private final SqlReads reads = new SqlReads(readers, dialect);
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Guarded by {@link #writeLock}; reopened at the next write when a failure left it closed. */
    private Connection writer;
    /** The writer connection's statements; guarded by {@link #writeLock}, replaced with the connection. */
    private StatementCache writerStatements;
    /** Set once at open. */
    private SqliteCheckpointer checkpointer;
    /** Set once at open: indexes messages for search behind the commits. */
    private SqliteSearchIndex searchIndex;
    private final AtomicLong syncedCommits = new AtomicLong();
    private final AtomicLong unsyncedCommits = new AtomicLong();

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
            store.searchIndex = SqliteSearchIndex.open(dataDir);
            store.searchIndex.start(); // catches up on its own thread: a large upgraded data dir does not delay the start
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
            SqlTransaction transaction = new SqlTransaction(writerStatements, dialect, clock);
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
                        transaction.finish();
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

    @Override
    public SqlReads reads() {
        return reads;
    }

    @Override
    public long lastMessageId() {
        return reads.lastMessageId();
    }

    @Override
    public List<StoredMessage> search(String user, SearchQuery query, Optional<ConversationRef> conversation,
                                      int limit) {
        if (query.indexed().isEmpty()) { // no word the index can find: the user's messages are scanned
            return reads.search(user, query, conversation, limit);
        }
        return searchIndex.search(user, query, conversation.map(c -> ConversationKey.of(user, c.chatType(), c.id())),
                limit);
    }

    /**
     * Deletes in transactions of at most {@value SqlRetention#CHUNK} messages, taking the write lock for each, so
     * group commits go on in between. Conversation rows stay, so sequence numbers keep counting; the unread counts lose
     * the unread messages deleted.
     */
    @Override
    public int deleteOlderThan(Instant cutoff) {
        long cutoffMillis = cutoff.toEpochMilli();
        int total = 0;
        int deleted;
        do {
            deleted = onWriteConnection(connection -> {
                try {
                    return inTransaction(connection, () -> SqlRetention.deleteChunk(connection, dialect, cutoffMillis));
                } catch (SQLException e) {
                    throw new StoreException("deleting messages older than " + cutoff + " failed", e);
                }
            });
            total += deleted;
        } while (deleted == SqlRetention.CHUNK);
        return total;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (searchIndex != null) {
            searchIndex.close();
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


}
