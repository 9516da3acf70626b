package dev.parley.server.store;

import java.nio.file.Path;
import java.time.Clock;

/**
 * Opens the {@link MessageStore} implementations: SQLite (embedded), PostgreSQL (a cluster's), memory.
 * <p>
 * Threading: the factory methods may be called from any thread; they block on disk.
 */
public final class Stores {

    private Stores() {
    }

    /**
     * Opens the embedded store: the SQLite file {@code parley.db} in {@code dataDir} (created with the directory when
     * missing), in WAL mode with {@code synchronous=FULL}, its schema brought up to date by the numbered migrations.
     *
     * @throws StoreException when the directory or database cannot be created or opened, or its schema is newer
     *                        than this server's
     */
    public static MessageStore openSqlite(Path dataDir) {
        return openSqlite(dataDir, Clock.systemUTC());
    }

    /** As {@link #openSqlite(Path)}, with the clock that stamps messages ({@link StoredMessage#time()}). */
    public static MessageStore openSqlite(Path dataDir, Clock clock) {
        return SqliteMessageStore.open(dataDir, clock);
    }

    /**
     * Opens the store of a cluster: the PostgreSQL database {@code settings} name, through a pool of at most
     * {@link PostgresSettings#poolSize()} connections, its schema brought up to date by the numbered migrations
     * (one node migrates while the others starting at the same time wait). Several nodes may open it at once.
     *
     * @throws StoreException when the database cannot be reached (within a few seconds), a migration fails, or its
     *                        schema is newer than this server's
     */
    public static MessageStore openPostgres(PostgresSettings settings, Clock clock) {
        return PostgresMessageStore.open(settings, clock);
    }

    /**
     * Opens another pool of connections to the cluster's PostgreSQL database, set up as the message store's own
     * (timeouts, broken connections dropped: {@link PostgresPool}), for a store that borrows from a
     * {@link javax.sql.DataSource} (the blob store). The caller closes it after the store that uses it.
     *
     * @throws StoreException when the database cannot be reached
     */
    public static PostgresPool openPostgresPool(PostgresSettings settings, String purpose) {
        return PostgresPool.open(settings, purpose);
    }

    /**
     * A store in the heap only: nothing survives {@link MessageStore#close()} or a restart. For tests, demos and the
     * load benchmark; every other promise of {@link MessageStore} holds.
     */
    public static MessageStore openMemory(Clock clock) {
        return new MemoryMessageStore(clock);
    }
}
