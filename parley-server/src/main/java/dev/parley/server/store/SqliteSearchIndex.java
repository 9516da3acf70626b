package dev.parley.server.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the search index ({@code messages_fts}) behind the commits that store messages, so that a send never pays for
 * indexing its text (the trigram index costs more to write than the message: it tripled the bytes written per
 * message and cut the durable knee from 7,500 to 2,000 messages a second, docs/benchmarks.md). Every
 * {@value #PERIOD_MILLIS} ms it indexes what was committed since {@code search_state.indexed_upto}, in transactions of
 * at most {@value #CHUNK} messages on the writer connection, under the store's write lock (so a commit waits at most
 * one chunk). A search first brings the index up to date ({@link #catchUp}), so it finds every message committed
 * before it. The cursor moves in the same transaction as the rows it covers: after a crash, indexing goes on from
 * where it was.
 * <p>
 * An edit re-indexes its message only when the cursor has passed it (else the indexer will read the new text); a
 * recalled message is never indexed; retention removes rows by id.
 * <p>
 * Threading: its own daemon thread; {@link #catchUp} from any thread.
 */
final class SqliteSearchIndex implements AutoCloseable {
    /** The most messages one indexing transaction covers. */
    static final int CHUNK = 512;
    static final long PERIOD_MILLIS = 250;

    private static final System.Logger LOG = System.getLogger(SqliteSearchIndex.class.getName());
    /** A failing disk fails every chunk: one line per minute says so. */
    private final dev.parley.server.limit.LogLimiter failures =
            new dev.parley.server.limit.LogLimiter(LOG, java.time.Duration.ofMinutes(1));
    private static final String CURSOR = "SELECT indexed_upto FROM search_state WHERE id = 1";
    private static final String MOVE_CURSOR = "UPDATE search_state SET indexed_upto = ? WHERE id = 1";
    private static final String NEXT = """
            SELECT id, recalled, CASE WHEN msg_type IN ('img', 'file') THEN json_extract(content, '$.filename')
                WHEN msg_type = 'txt' THEN (CASE WHEN edited_body <> '' THEN edited_body ELSE body END)
                ELSE '' END
            FROM messages WHERE id > ? ORDER BY id LIMIT ?""";
    private static final String INSERT = "INSERT INTO messages_fts (rowid, body) VALUES (?, ?)";

    /** Runs one chunk of indexing inside a transaction on the writer connection, under the write lock. */
    @FunctionalInterface
    interface ChunkRunner {
        int run(SqlChunk chunk);
    }

    /** A chunk's work, given the writer's statements. */
    @FunctionalInterface
    interface SqlChunk {
        int apply(StatementCache statements) throws SQLException;
    }

    private final ChunkRunner runner;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("parley-search-index").factory());

    SqliteSearchIndex(ChunkRunner runner) {
        this.runner = runner;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::indexQuietly, PERIOD_MILLIS, PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Indexes everything committed so far. */
    void catchUp() {
        while (runner.run(SqliteSearchIndex::indexChunk) == CHUNK) {
            // more to index
        }
    }

    private void indexQuietly() {
        try {
            catchUp();
        } catch (RuntimeException e) {
            if (!thread.isShutdown()) {
                failures.log(System.Logger.Level.WARNING, "search indexing failed, tried again later: {0}",
                        e.getMessage());
            }
        }
    }

    /** Indexes the next chunk after the cursor and moves it; returns how many messages it covered. */
    static int indexChunk(StatementCache statements) throws SQLException {
        long cursor;
        try (ResultSet row = statements.prepare(CURSOR).executeQuery()) {
            cursor = row.next() ? row.getLong(1) : Long.MAX_VALUE;
        }
        PreparedStatement next = statements.prepare(NEXT);
        next.setLong(1, cursor);
        next.setInt(2, CHUNK);
        PreparedStatement insert = statements.prepare(INSERT);
        int covered = 0;
        long last = cursor;
        try (ResultSet row = next.executeQuery()) {
            while (row.next()) {
                covered++;
                last = row.getLong(1);
                String text = row.getString(3);
                if (row.getInt(2) == 0 && text != null && !text.isEmpty()) {
                    insert.setLong(1, last);
                    insert.setString(2, text);
                    insert.addBatch();
                }
            }
        }
        if (covered > 0) {
            insert.executeBatch();
            PreparedStatement move = statements.prepare(MOVE_CURSOR);
            move.setLong(1, last);
            move.executeUpdate();
        }
        return covered;
    }

    /** Whether message {@code id} is covered by the index already (an edit then re-indexes it itself). */
    static boolean covers(StatementCache statements, long id) throws SQLException {
        try (ResultSet row = statements.prepare(CURSOR).executeQuery()) {
            return row.next() && id <= row.getLong(1);
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
    }
}
