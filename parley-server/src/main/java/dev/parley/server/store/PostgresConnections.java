package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL message store's connections (a {@link PostgresPool} of its own), with what the store does when a
 * statement fails.
 * <ul>
 *   <li>Nobody waits long: a caller gets a connection within {@link PostgresPool#CONNECTION_TIMEOUT} or a
 *   {@link StoreException} that says whether the database cannot be reached or the pool is only busy.</li>
 *   <li>A read whose connection broke runs again on another (the pool drops broken ones).</li>
 *   <li>A transaction that lost its connection before its COMMIT was sent is run again on another (the server rolled
 *   it back); one whose COMMIT failed is not (its outcome is unknown: the caller is told it failed, and a retry of
 *   a message is recognised by its local id). A transaction that deadlocked (40P01) or failed serialization (40001)
 *   is run again after a short random pause, up to {@value #CONFLICT_ATTEMPTS} times.</li>
 * </ul>
 * Exception messages carry no row data (see {@link PostgresPool}).
 * <p>
 * Threading: thread-safe; each call borrows a connection of its own.
 */
final class PostgresConnections implements ReadConnections, AutoCloseable {
    /** How often a transaction that conflicts with another node's is tried. */
    static final int CONFLICT_ATTEMPTS = 5;

    private final PostgresPool pool;
    private final int poolSize;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresConnections(PostgresPool pool) {
        this.pool = pool;
        this.poolSize = pool.size();
    }

    /**
     * Opens the pool and one connection (so that a wrong URL, user or password fails here).
     *
     * @throws StoreException when the database cannot be reached
     */
    static PostgresConnections open(PostgresSettings settings) {
        return new PostgresConnections(PostgresPool.open(settings, "messages"));
    }

    /** Runs {@code work} on a connection (in autocommit mode); a read is tried again when its connection broke. */
    @Override
    public <T> T read(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = borrow(what)) {
                return work.apply(connection);
            } catch (SQLException e) {
                if (!connectionLost(e) || attempt > poolSize) {
                    throw failure(what, e);
                }
            }
        }
    }

    /**
     * Runs {@code work} in one transaction and commits it; tried again as the class comment says. The work must
     * start afresh each time it is called (it builds its results anew).
     */
    <T> T transaction(String what, SqlWork<T> work) {
        int conflicts = 0;
        for (int attempt = 1; ; attempt++) {
            SQLException failed;
            try (Connection connection = borrow(what)) {
                connection.setAutoCommit(false);
                T result;
                try {
                    result = work.apply(connection);
                } catch (SQLException | RuntimeException e) {
                    rollback(connection, e);
                    throw e;
                }
                try {
                    connection.commit();
                } catch (SQLException e) {
                    rollback(connection, e);
                    if (!isConflict(e)) { // a connection lost during the COMMIT: the outcome is unknown
                        throw failure(what, e);
                    }
                    throw e;
                }
                return result;
            } catch (SQLException e) {
                failed = e;
            }
            boolean conflict = isConflict(failed);
            if (conflict) {
                conflicts++;
            }
            if (conflict ? conflicts >= CONFLICT_ATTEMPTS : !connectionLost(failed) || attempt > poolSize) {
                throw failure(what, failed);
            }
            if (conflict) {
                pause(conflicts);
            }
        }
    }

    private Connection borrow(String what) {
        if (closed.get()) {
            throw new StoreException("the store is closed");
        }
        try {
            return pool.dataSource().getConnection();
        } catch (SQLException e) {
            throw closed.get() ? new StoreException("the store is closed") : failure(what, e);
        }
    }

    private static void rollback(Connection connection, Exception failure) {
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    /** A pause of a few milliseconds, longer after each conflict, random so that two nodes do not meet again. */
    private static void pause(int conflicts) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(2, 10) * conflicts);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while retrying a transaction", e);
        }
    }

    /** A deadlock or a serialization failure: the transaction was rolled back and may simply run again. */
    static boolean isConflict(SQLException e) {
        String state = e.getSQLState();
        return "40P01".equals(state) || "40001".equals(state);
    }

    /** The connection broke or the server ended the session: nothing of an uncommitted transaction remains. */
    static boolean connectionLost(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || state.startsWith("57P0"));
    }

    /** The exception a failed operation becomes: a sentence, with the driver's reason when the database is away. */
    private StoreException failure(String what, SQLException e) {
        if (closed.get()) {
            return new StoreException("the store is closed", e);
        }
        if (connectionLost(e) || e instanceof SQLTransientConnectionException && e.getCause() != null) {
            return new StoreException("cannot " + what + ": the database cannot be reached ("
                    + PostgresPool.rootMessage(e) + ")", e);
        }
        if (e instanceof SQLTransientConnectionException) { // the pool's timeout, with no connection failure behind it
            return new StoreException("cannot " + what + ": no database connection became free within "
                    + PostgresPool.CONNECTION_TIMEOUT.toSeconds() + " s (all " + poolSize + " in use)", e);
        }
        return new StoreException("cannot " + what, e);
    }

    /** Closes the pool: connections lent out are closed when they come back. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            pool.close();
        }
    }
}
