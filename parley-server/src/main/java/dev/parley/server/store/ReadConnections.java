package dev.parley.server.store;

/**
 * Where {@link SqlReads} borrow a connection for one query: SQLite's pool of query-only connections
 * ({@link SqliteReaders}), PostgreSQL's connection pool ({@link PostgresConnections}).
 * <p>
 * Threading: any thread.
 */
interface ReadConnections {
    /**
     * Runs {@code work} on a connection of the pool and gives it back.
     *
     * @param what names the work in errors ("cannot " + what)
     * @throws StoreException when the work fails, no connection is free in time, or the store is closed
     */
    <T> T read(String what, SqlWork<T> work);
}
