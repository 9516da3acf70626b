package dev.parley.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The store's pool of query-only connections: a read borrows one (waiting at most {@value #WAIT_SECONDS} s) and gives
 * it back. Thread-safe. After {@link #close} no read starts, and a connection still lent out is closed when it comes
 * back.
 */
final class SqliteReaders implements ReadConnections {
    /** How many read connections the pool holds. */
    static final int SIZE = 4;
    private static final long WAIT_SECONDS = 30;
    private static final System.Logger LOG = System.getLogger(SqliteReaders.class.getName());

    private final BlockingQueue<Connection> idle = new ArrayBlockingQueue<>(SIZE);
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Opens the pool's connections. */
    void open(SqliteConnections connections) throws SQLException {
        for (int i = 0; i < SIZE; i++) {
            idle.add(connections.openReader());
        }
    }

    /** Runs {@code work} on a pooled read connection; {@code what} names it in errors ("cannot " + what). */
    @Override
    public <T> T read(String what, SqlWork<T> work) {
        Connection connection = borrow();
        try {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new StoreException("cannot " + what, e);
        } finally {
            giveBack(connection);
        }
    }

    /** Stops lending and hands back the idle connections, for the caller to close. */
    void close(List<Connection> toClose) {
        closed.set(true);
        idle.drainTo(toClose); // connections still lent out are closed when they come back
    }

    private Connection borrow() {
        if (closed.get()) {
            throw new StoreException("the store is closed");
        }
        try {
            Connection connection = idle.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (connection == null) {
                throw new StoreException("no database connection became free within " + WAIT_SECONDS + " s");
            }
            return connection;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException("interrupted while waiting for a database connection", e);
        }
    }

    private void giveBack(Connection connection) {
        if (!closed.get() && idle.offer(connection)) {
            // close() drains the pool after setting closed: if it may have missed this connection, close it here.
            if (!closed.get() || !idle.remove(connection)) {
                return;
            }
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The store is closed and the connection discarded: nothing is lost, but say so once.
            LOG.log(System.Logger.Level.WARNING, "closing a read connection of the closed store failed", e);
        }
    }
}
