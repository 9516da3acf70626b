package dev.parley.server.store;

import dev.parley.server.limit.LogLimiter;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Copies committed pages from the WAL into the database file on a thread and connection of its own, so that no
 * commit waits for a checkpoint (SQLite's automatic checkpoint runs inside the commit that crosses its threshold, and
 * holds up every message behind it). The writer connection has {@code wal_autocheckpoint = 0}.
 * <p>
 * Every {@link #INTERVAL} a {@code PASSIVE} checkpoint copies what no reader still needs; SQLite starts the WAL over
 * from its beginning once it was copied whole. A WAL that grew past {@link #RESTART_PAGES} all the same (readers kept
 * old snapshots open) gets a {@code RESTART} checkpoint, which waits for them. Copying whole intervals at a time also
 * writes a page changed by many commits to the database file once instead of once per commit.
 * <p>
 * {@link #close()} stops the thread and truncates the WAL with a last checkpoint. Threading: {@link #checkpointNow}
 * and {@link #close} may be called from any thread; checkpoints never run at the same time.
 */
final class SqliteCheckpointer implements AutoCloseable {

    static final Duration INTERVAL = Duration.ofMillis(500);
    /** 256 MiB of 4 KiB pages. */
    static final int RESTART_PAGES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(SqliteCheckpointer.class.getName());
    private static final LogLimiter FAILURES = new LogLimiter(LOG, Duration.ofMinutes(1));

    /** What one checkpoint found: WAL pages in all, and pages copied into the database. */
    record Result(int walPages, int copiedPages) {
    }

    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stop = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private boolean closed;
    private final Thread thread;

    SqliteCheckpointer(Connection connection) {
        this.connection = connection;
        this.thread = Thread.ofPlatform().name("parley-checkpoint").daemon(true).unstarted(this::run);
        this.thread.start();
    }

    private void run() {
        lock.lock();
        try {
            while (!closed) {
                stop.awaitNanos(INTERVAL.toNanos());
                if (!closed) {
                    Result result = checkpoint("PASSIVE");
                    if (result.walPages() > RESTART_PAGES) {
                        checkpoint("RESTART");
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    /** Runs a {@code PASSIVE} checkpoint now (tests). */
    Result checkpointNow() {
        lock.lock();
        try {
            return checkpoint("PASSIVE");
        } finally {
            lock.unlock();
        }
    }

    /** Called under {@link #lock}. A failure is logged (at most once a minute) and the next interval tries again. */
    private Result checkpoint(String mode) {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            row.next();
            return new Result(row.getInt(2), row.getInt(3));
        } catch (SQLException e) {
            FAILURES.log(System.Logger.Level.WARNING, "checkpoint of the database failed (the WAL grows until one "
                    + "succeeds): {0}", e.getMessage());
            return new Result(0, 0);
        }
    }

    /** Stops the thread, truncates the WAL with a last checkpoint and closes the connection. Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            stop.signalAll();
            checkpoint("TRUNCATE");
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.log(System.Logger.Level.WARNING, "closing the checkpoint connection failed", e);
            }
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
