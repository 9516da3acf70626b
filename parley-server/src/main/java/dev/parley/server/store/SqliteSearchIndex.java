package dev.parley.server.store;

import dev.parley.server.limit.LogLimiter;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.sqlite.SQLiteConfig;

/**
 * The search index: a contentless FTS5 table with the trigram tokenizer, in a database file of its own,
 * {@code search.db}, beside {@code parley.db}. Any substring of three characters or more is found through it,
 * case-insensitively, in any script; its rowid is the message id, its text the message's as it reads now (or its
 * file's name).
 * <p>
 * Why a file of its own: writing the trigram index costs more than storing the message (it tripled the bytes written
 * per message and cut the durable knee from 7,500 to 2,000 messages a second when done in the commit; still to 5,000
 * when done behind the commits on the writer connection; docs/benchmarks.md). In its own file it has its own writer
 * and its own WAL, so it runs on the other core and never holds a commit up. Its one connection attaches
 * {@code parley.db} (reading it as any WAL reader does) and every {@value #PERIOD_MILLIS} ms indexes the messages
 * committed since its cursor and re-indexes those edited since its edit cursor, in transactions of at most
 * {@value #CHUNK}; the cursors move in the same transactions as the rows, so after a crash indexing resumes where the
 * disk says (the file is rebuilt from the messages when it is lost). A search first brings the index up to date, so
 * it finds every message committed before it; it joins the index with the messages and the user's memberships, so a
 * recalled message (never found) or one removed by retention (its row is cleaned up later) is filtered out there.
 * <p>
 * Threading: its own thread indexes, at a lower CPU priority than delivery ({@link BackgroundPriority}: on a busy
 * machine the index lags behind and catches up afterwards); {@link #search} from any thread; one connection, used
 * under this object's lock.
 */
final class SqliteSearchIndex implements AutoCloseable {
    static final String FILE_NAME = "search.db";
    /** The most messages one indexing transaction covers. */
    static final int CHUNK = 8_192;
    static final long PERIOD_MILLIS = 2_000;
    /** The index thread's nice value (Linux): below delivery, not starved (a search may wait for one chunk). */
    static final int BACKGROUND_NICE = 10;
    /** How often rows of messages removed by retention are cleaned out. */
    private static final Duration CLEANUP = Duration.ofMinutes(10);

    private static final System.Logger LOG = System.getLogger(SqliteSearchIndex.class.getName());

    private static final String[] SCHEMA = {
        "CREATE VIRTUAL TABLE IF NOT EXISTS messages_fts USING fts5(body, content='', contentless_delete=1,"
                + " tokenize='trigram')",
        "CREATE TABLE IF NOT EXISTS search_state (id INTEGER PRIMARY KEY CHECK (id = 1),"
                + " indexed_upto INTEGER NOT NULL, edited_since INTEGER NOT NULL)",
        "INSERT OR IGNORE INTO search_state (id, indexed_upto, edited_since) VALUES (1, 0, 0)"};
    private static final String CURSORS = "SELECT indexed_upto, edited_since FROM search_state WHERE id = 1";
    private static final String TEXT = "CASE WHEN msg_type IN ('img', 'file') THEN json_extract(content, '$.filename')"
            + " WHEN msg_type = 'txt' THEN (CASE WHEN edited_body <> '' THEN edited_body ELSE body END) ELSE '' END";
    private static final String NEXT = "SELECT id, recalled, " + TEXT
            + " FROM m.messages WHERE id > ? ORDER BY id LIMIT " + CHUNK;
    private static final String EDITED = "SELECT id, recalled, " + TEXT + ", edit_time"
            + " FROM m.messages WHERE edit_time > ? AND id <= ? ORDER BY edit_time LIMIT " + CHUNK;
    private static final String INSERT = "INSERT INTO messages_fts (rowid, body) VALUES (?, ?)";
    private static final String DELETE = "DELETE FROM messages_fts WHERE rowid = ?";
    private static final String MOVE = "UPDATE search_state SET indexed_upto = ?, edited_since = ? WHERE id = 1";
    private static final String CLEAN = "DELETE FROM messages_fts WHERE rowid < (SELECT coalesce(min(id), 0)"
            + " FROM m.messages)";

    private final Connection connection;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-search-index").factory());
    /** A failing disk fails every pass: one line a minute says so. */
    private final LogLimiter failures = new LogLimiter(LOG, Duration.ofMinutes(1));
    private long lastCleanup = System.nanoTime();

    private SqliteSearchIndex(Connection connection) {
        this.connection = connection;
    }

    /** Opens (creating if needed) {@code search.db} in {@code dataDir}, attaching {@code parley.db} of the same dir. */
    static SqliteSearchIndex open(Path dataDir) throws SQLException, IOException {
        Path file = dataDir.resolve(FILE_NAME);
        DataDirectory.createPrivateFile(file);
        SQLiteConfig config = new SQLiteConfig();
        config.setGetGeneratedKeys(false); // no SELECT last_insert_rowid() prepared after every indexed message
        Connection connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA journal_mode = WAL");
            s.execute("PRAGMA synchronous = NORMAL"); // the index is rebuilt from the messages: no sync of its own
            s.execute("PRAGMA busy_timeout = 5000");
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
            try (PreparedStatement attach = connection.prepareStatement("ATTACH DATABASE ? AS m")) {
                attach.setString(1, dataDir.resolve(SqliteMessageStore.FILE_NAME).toAbsolutePath().toString());
                attach.execute();
            }
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
        for (String suffix : new String[] {"-wal", "-shm"}) {
            DataDirectory.makePrivate(file.resolveSibling(FILE_NAME + suffix));
        }
        return new SqliteSearchIndex(connection);
    }

    void start() {
        // Indexing may lag behind a burst of messages and catch up after it: it yields the CPU to delivery.
        thread.execute(() -> BackgroundPriority.lowerCurrentThread(BACKGROUND_NICE));
        thread.scheduleWithFixedDelay(this::indexQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Indexes everything committed so far. */
    synchronized void catchUp() {
        try {
            while (indexChunk() == CHUNK) {
                // more to index
            }
            cleanUpNowAndThen();
        } catch (SQLException e) {
            throw new StoreException("search indexing failed", e);
        }
    }

    /**
     * The periodic pass, on the index's own (low-priority) thread: as {@link #catchUp}, but taking the lock for one
     * chunk at a time, so that a search, which catches up at its own thread's priority, waits for one chunk at most.
     */
    private void catchUpInChunks() {
        try {
            int indexed;
            do {
                synchronized (this) {
                    indexed = indexChunk();
                }
            } while (indexed == CHUNK);
            synchronized (this) {
                cleanUpNowAndThen();
            }
        } catch (SQLException e) {
            throw new StoreException("search indexing failed", e);
        }
    }

    /** Every {@link #CLEANUP}: drops the rows of messages that retention removed. Under this object's lock. */
    private void cleanUpNowAndThen() throws SQLException {
        if (System.nanoTime() - lastCleanup > CLEANUP.toNanos()) {
            lastCleanup = System.nanoTime();
            try (Statement s = connection.createStatement()) {
                s.executeUpdate(CLEAN);
            }
        }
    }

    private void indexQuietly() {
        try {
            catchUpInChunks();
        } catch (RuntimeException e) {
            if (!thread.isShutdown()) {
                failures.log(System.Logger.Level.WARNING, "search indexing failed, tried again later: {0}",
                        e.getMessage());
            }
        }
    }

    /** Indexes the next chunk of new messages and re-indexes edited ones, in one transaction; how many were new. */
    private int indexChunk() throws SQLException {
        connection.setAutoCommit(false);
        try {
            long upTo;
            long editedSince;
            try (Statement s = connection.createStatement(); ResultSet row = s.executeQuery(CURSORS)) {
                row.next();
                upTo = row.getLong(1);
                editedSince = row.getLong(2);
            }
            int fresh = 0;
            try (PreparedStatement next = connection.prepareStatement(NEXT);
                 PreparedStatement insert = connection.prepareStatement(INSERT)) {
                next.setLong(1, upTo);
                try (ResultSet row = next.executeQuery()) {
                    while (row.next()) {
                        fresh++;
                        upTo = row.getLong(1);
                        add(insert, row);
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement edited = connection.prepareStatement(EDITED);
                 PreparedStatement insert = connection.prepareStatement(INSERT);
                 PreparedStatement delete = connection.prepareStatement(DELETE)) {
                edited.setLong(1, editedSince);
                edited.setLong(2, upTo);
                try (ResultSet row = edited.executeQuery()) {
                    while (row.next()) {
                        delete.setLong(1, row.getLong(1));
                        delete.executeUpdate();
                        add(insert, row);
                        editedSince = Math.max(editedSince, row.getLong(4));
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement move = connection.prepareStatement(MOVE)) {
                move.setLong(1, upTo);
                move.setLong(2, editedSince);
                move.executeUpdate();
            }
            connection.commit();
            return fresh;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static void add(PreparedStatement insert, ResultSet row) throws SQLException {
        String text = row.getString(3);
        if (row.getInt(2) == 0 && text != null && !text.isEmpty()) {
            insert.setLong(1, row.getLong(1));
            insert.setString(2, text);
            insert.addBatch();
        }
    }

    /** Through the index: the matches of the indexed words among the user's conversations. */
    static final String SEARCH_INDEXED = "SELECT " + MessageRows.COLUMNS + " FROM messages_fts f"
            + " JOIN m.messages messages ON messages.id = f.rowid"
            + " JOIN m.members mb ON mb.conv = messages.conv AND mb.member = ?"
            + " WHERE messages_fts MATCH ? AND messages.seq > mb.joined_seq AND messages.recalled = 0";

    /** Messages of the user's own conversations with every word of the query (see {@link MessageStore#search}). */
    synchronized List<StoredMessage> search(String user, SearchQuery query, Optional<String> conv, int limit) {
        catchUp();
        StringBuilder sql = new StringBuilder(SEARCH_INDEXED);
        conv.ifPresent(c -> sql.append(" AND messages.conv = ?"));
        for (int i = 0; i < query.unindexed().size(); i++) {
            sql.append(" AND lower(").append(SqliteDialect.SEARCH_TEXT).append(") LIKE ? ESCAPE '\\'");
        }
        sql.append(" ORDER BY messages.id DESC LIMIT ?");
        try (PreparedStatement select = connection.prepareStatement(sql.toString())) {
            int p = 1;
            select.setString(p++, user);
            select.setString(p++, query.ftsExpression());
            if (conv.isPresent()) {
                select.setString(p++, conv.get());
            }
            for (String term : query.unindexed()) {
                select.setString(p++, SearchQuery.likePattern(term));
            }
            select.setInt(p, limit);
            List<StoredMessage> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    found.add(MessageRows.read(row));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("search failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the search index failed: " + e.getMessage());
            }
        }
    }
}
