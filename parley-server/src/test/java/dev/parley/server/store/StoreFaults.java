package dev.parley.server.store;

/**
 * Real SQLite faults on a running server's store, for tests outside this package: a full disk (the database may not
 * grow by a page) and a read-only database. Both act on the writer connection and last until cleared.
 */
public final class StoreFaults {
    private StoreFaults() {
    }

    /**
     * The database cannot grow: any write that needs a new page fails with SQLITE_FULL ("disk is full"). The pages
     * on the free list (left by dropped indexes, deleted rows) are taken first by a filler table, or a write would
     * use them instead of growing.
     */
    public static void fillTheDisk(MessageStore store) {
        sqlite(store).onWriteConnection(c -> {
            long free = Long.parseLong(StoreFixtures.query(c, "PRAGMA freelist_count"));
            long pageSize = Long.parseLong(StoreFixtures.query(c, "PRAGMA page_size"));
            StoreFixtures.execute(c, "CREATE TABLE fault_filler (x BLOB)");
            StoreFixtures.execute(c, "INSERT INTO fault_filler VALUES (zeroblob(" + (free + 1) * pageSize + "))");
            long pages = Long.parseLong(StoreFixtures.query(c, "PRAGMA page_count"));
            return StoreFixtures.execute(c, "PRAGMA max_page_count = " + pages);
        });
    }

    /** The database may grow again. */
    public static void freeTheDisk(MessageStore store) {
        sqlite(store).onWriteConnection(c -> {
            StoreFixtures.execute(c, "PRAGMA max_page_count = 1073741823");
            return StoreFixtures.execute(c, "DROP TABLE fault_filler");
        });
    }

    /** Every write fails with SQLITE_READONLY, as on a read-only file. */
    public static void makeReadOnly(MessageStore store) {
        sqlite(store).onWriteConnection(c -> StoreFixtures.execute(c, "PRAGMA query_only = 1"));
    }

    /** Writes work again. */
    public static void makeWritable(MessageStore store) {
        sqlite(store).onWriteConnection(c -> StoreFixtures.execute(c, "PRAGMA query_only = 0"));
    }

    private static SqliteMessageStore sqlite(MessageStore store) {
        return (SqliteMessageStore) store;
    }
}
