package dev.parley.server.blob;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.sqlite.SQLiteConfig;

/**
 * The metadata of the blobs a {@link FileBlobStore} keeps: one row per blob in the SQLite file {@code blobs.db}, in
 * WAL mode with {@code synchronous=FULL}, so that a row written is on disk when the call returns. A row is written
 * only after its file is durably under its name, so a row always has its file; a file may lack its row only after a
 * crash, and {@link FileBlobStore} removes such files at start.
 * <p>
 * Schema versions are counted in {@code PRAGMA user_version}; each version's statements are applied once, in order.
 * <p>
 * Threading: one writer connection and one query-only reader connection, each used under its own lock, so reads go on
 * while a write waits for its sync. Any method may be called from any thread; all block on disk. Failures are
 * {@link BlobException.Unavailable}.
 */
final class BlobIndex implements AutoCloseable {
    static final String FILE_NAME = "blobs.db";
    /** The largest number of uuids bound into one statement. */
    private static final int CHUNK = 500;
    private static final List<String> SCHEMA = List.of("""
            CREATE TABLE blobs (
                uuid           TEXT    NOT NULL PRIMARY KEY,
                secret         TEXT    NOT NULL,
                owner          TEXT    NOT NULL,
                filename       TEXT    NOT NULL,
                size           INTEGER NOT NULL,
                mime           TEXT    NOT NULL,
                width          INTEGER NOT NULL,
                height         INTEGER NOT NULL,
                thumbnail_mime TEXT    NOT NULL,
                created        INTEGER NOT NULL,
                referenced     INTEGER NOT NULL
            ) WITHOUT ROWID""", """
            CREATE INDEX blobs_unreferenced ON blobs (created) WHERE referenced = 0""");

    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final Connection writer;
    private final Connection reader;
    private volatile boolean closed;

    private BlobIndex(Connection writer, Connection reader) {
        this.writer = writer;
        this.reader = reader;
    }

    /** Opens (creating mode 600 when missing) {@code file} and brings its schema up to date. */
    static BlobIndex open(Path file) {
        List<Connection> opened = new ArrayList<>(2);
        try {
            BlobFiles.createPrivateFile(file);
            String url = "jdbc:sqlite:" + file.toAbsolutePath();
            SQLiteConfig writing = new SQLiteConfig();
            writing.setJournalMode(SQLiteConfig.JournalMode.WAL);
            writing.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            writing.setBusyTimeout(5_000);
            Connection writer = writing.createConnection(url);
            opened.add(writer);
            requirePragma(writer, "journal_mode", "wal");
            requirePragma(writer, "synchronous", "2");
            migrate(writer);
            SQLiteConfig reading = new SQLiteConfig();
            reading.setBusyTimeout(5_000);
            Connection reader = reading.createConnection(url);
            opened.add(reader);
            try (Statement statement = reader.createStatement()) {
                statement.execute("PRAGMA query_only = 1");
            }
            for (String suffix : new String[] {"-wal", "-shm"}) {
                Path companion = file.resolveSibling(file.getFileName() + suffix);
                if (Files.exists(companion) && Files.getFileAttributeView(companion, PosixFileAttributeView.class,
                        LinkOption.NOFOLLOW_LINKS) != null) {
                    Files.setPosixFilePermissions(companion, BlobFiles.FILE);
                }
            }
            return new BlobIndex(writer, reader);
        } catch (SQLException | IOException | RuntimeException e) {
            for (Connection connection : opened.reversed()) {
                try {
                    connection.close();
                } catch (SQLException closing) {
                    e.addSuppressed(closing);
                }
            }
            throw e instanceof BlobException blob ? blob
                    : new BlobException.Unavailable("cannot open the blob index " + file, e);
        }
    }

    private static void migrate(Connection connection) throws SQLException {
        int version;
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA user_version")) {
            version = row.next() ? row.getInt(1) : 0;
        }
        if (version > 1) {
            throw new BlobException.Unavailable("the blob index has schema version " + version
                    + ", newer than this server's 1: upgrade the server");
        }
        if (version == 1) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                for (String sql : SCHEMA) {
                    statement.execute(sql);
                }
                statement.execute("PRAGMA user_version = 1");
                statement.execute("COMMIT");
            } catch (SQLException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        }
    }

    void insert(Blob blob) {
        write("store blob " + blob.uuid(), connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO blobs (" + BlobRows.COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                BlobRows.bind(insert, blob);
                insert.executeUpdate();
            }
            return null;
        });
    }

    Optional<Blob> find(String uuid) {
        return read("find blob " + uuid, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + BlobRows.COLUMNS + " FROM blobs WHERE uuid = ?")) {
                select.setString(1, uuid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(BlobRows.blob(row)) : Optional.empty();
                }
            }
        });
    }

    /** Marks the rows referenced; returns how many of them exist. */
    int markReferenced(Collection<String> uuids) {
        return write("mark blobs referenced", connection -> inTransaction(connection, () -> {
            int found = 0;
            for (List<String> chunk : chunks(uuids)) {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE blobs SET referenced = 1 WHERE uuid IN (" + marks(chunk) + ")")) {
                    bind(update, 1, chunk);
                    found += update.executeUpdate();
                }
            }
            return found;
        }));
    }

    /** The oldest unreferenced blobs created before {@code cutoff}, oldest first. */
    List<String> unreferencedBefore(Instant cutoff, int limit) {
        return read("list unreferenced blobs", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT uuid FROM blobs"
                    + " WHERE referenced = 0 AND created < ? ORDER BY created LIMIT ?")) {
                select.setLong(1, BlobRows.millis(cutoff));
                select.setInt(2, limit);
                return BlobRows.uuids(select);
            }
        });
    }

    /** Deletes up to {@code limit} unreferenced rows created before {@code cutoff}, in one statement; returns them. */
    List<String> deleteUnreferencedBefore(Instant cutoff, int limit) {
        return write("remove unreferenced blobs", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM blobs WHERE uuid IN ("
                    + "SELECT uuid FROM blobs WHERE referenced = 0 AND created < ? ORDER BY created LIMIT ?)"
                    + " RETURNING uuid")) {
                delete.setLong(1, BlobRows.millis(cutoff));
                delete.setInt(2, limit);
                return BlobRows.uuids(delete);
            }
        });
    }

    /** Deletes the rows of {@code uuids} in one transaction; returns those that existed. */
    List<String> delete(Collection<String> uuids) {
        return write("remove blobs", connection -> inTransaction(connection, () -> {
            List<String> deleted = new ArrayList<>();
            for (List<String> chunk : chunks(uuids)) {
                try (PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM blobs WHERE uuid IN (" + marks(chunk) + ") RETURNING uuid")) {
                    bind(delete, 1, chunk);
                    deleted.addAll(BlobRows.uuids(delete));
                }
            }
            return deleted;
        }));
    }

    /** Every row whose uuid starts with the two characters {@code prefix}: uuid → whether it has a thumbnail. */
    Map<String, Boolean> withPrefix(String prefix) {
        return read("list blobs " + prefix, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT uuid, thumbnail_mime FROM blobs WHERE uuid >= ? AND uuid < ?")) {
                select.setString(1, prefix);
                select.setString(2, prefix.substring(0, 1) + (char) (prefix.charAt(1) + 1));
                Map<String, Boolean> rows = new HashMap<>();
                try (ResultSet row = select.executeQuery()) {
                    while (row.next()) {
                        rows.put(row.getString(1), !row.getString(2).isEmpty());
                    }
                }
                return rows;
            }
        });
    }

    /** The first two characters of every uuid in the index. */
    Set<String> prefixes() {
        return read("list blob prefixes", connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT substr(uuid, 1, 2) FROM blobs")) {
                return new HashSet<>(BlobRows.uuids(select));
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        synchronized (writeLock) {
            synchronized (readLock) {
                try {
                    reader.close();
                    writer.close(); // the last connection: SQLite checkpoints and removes the WAL
                } catch (SQLException e) {
                    throw new BlobException.Unavailable("cannot close the blob index", e);
                }
            }
        }
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private interface Body<T> {
        T run() throws SQLException;
    }

    private <T> T write(String what, Work<T> work) {
        synchronized (writeLock) {
            return run(what, writer, work);
        }
    }

    private <T> T read(String what, Work<T> work) {
        synchronized (readLock) {
            return run(what, reader, work);
        }
    }

    private <T> T run(String what, Connection connection, Work<T> work) {
        if (closed) {
            throw new BlobException.Unavailable("the blob store is closed");
        }
        try {
            return work.run(connection);
        } catch (SQLException e) {
            throw new BlobException.Unavailable("cannot " + what, e);
        }
    }

    private static <T> T inTransaction(Connection connection, Body<T> body) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            try {
                T result = body.run();
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    statement.execute("ROLLBACK");
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        }
    }

    private static List<List<String>> chunks(Collection<String> uuids) {
        List<String> all = List.copyOf(new HashSet<>(uuids));
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < all.size(); i += CHUNK) {
            chunks.add(all.subList(i, Math.min(all.size(), i + CHUNK)));
        }
        return chunks;
    }

    private static String marks(List<String> chunk) {
        return String.join(", ", java.util.Collections.nCopies(chunk.size(), "?"));
    }

    private static void bind(PreparedStatement statement, int first, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(first + i, values.get(i));
        }
    }

    private static void requirePragma(Connection connection, String pragma, String expected) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("PRAGMA " + pragma)) {
            String actual = row.next() ? row.getString(1) : "";
            if (!expected.equalsIgnoreCase(actual)) {
                throw new BlobException.Unavailable("SQLite refused " + pragma + " = " + expected + " (it is " + actual
                        + ")");
            }
        }
    }
}
