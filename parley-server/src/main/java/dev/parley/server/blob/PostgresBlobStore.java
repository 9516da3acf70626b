package dev.parley.server.blob;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * The blob store of a cluster: every node reads and writes the same blobs in PostgreSQL, in three tables made by its
 * own numbered migrations ({@link PostgresBlobSchema}): {@code blobs} (a row per blob, the columns of the file
 * store's index: {@link BlobRows}), {@code blob_chunks} (its bytes, 256 KiB a row: {@link BlobChunks}) and
 * {@code blob_thumbnails}.
 * <p>
 * <b>Why bytea chunks, not large objects.</b> A large object lives apart from the rows that name it: removing a
 * blob would need {@code lo_unlink} beside every {@code DELETE} (or the {@code lo_manage} trigger, or
 * {@code vacuumlo} runs), and a missed unlink leaks its bytes for good. Its bytes are read through a descriptor
 * valid only inside a transaction, so streaming a download would hold a pooled connection and an open transaction
 * for as long as the slowest client reads. Rows of {@code bytea} chunks have neither problem: removing the blob's
 * row removes its chunks ({@code ON DELETE CASCADE}), in the same transaction; each chunk of a download is fetched by
 * one short query of its own, on a connection borrowed for that query only; and they are plain rows for
 * {@code pg_dump}, replication and {@code VACUUM}. Chunks are stored uncompressed ({@code STORAGE EXTERNAL}).
 * <p>
 * <b>An upload</b> runs in one transaction on one connection: its chunks are inserted as they are read (one chunk
 * buffer in memory, counted against the limit as it comes); for an image, its header and thumbnail are read back
 * from those chunks through the same transaction (the only one that sees them); then its thumbnail and its row are
 * inserted and the transaction commits. A blob is durable when {@link #store} returns it; an upload refused, failed
 * or cut off by a crash of the node or of the database is rolled back and leaves nothing any node could see. An
 * upload holds its connection for as long as its client sends: give the store a pool sized for the uploads that may
 * run at once.
 * <p>
 * <b>A download</b> ({@link #open}) borrows a connection for each chunk it reaches, so a slow reader holds none
 * meanwhile. A blob removed while its stream is read ends that stream with an {@link IOException} at the next chunk
 * (the file store, whose open file outlives its name, would serve it to the end). Thumbnails are a few hundred KB at
 * most and are read whole.
 * <p>
 * <b>Removal</b> is one statement: the sweep chooses and removes its batch in one {@code DELETE} whose subquery
 * locks the rows it chooses and skips those another transaction holds, so two nodes sweeping at once never wait for
 * each other, and a blob being marked referenced meanwhile is either marked first (and not chosen) or removed first
 * (and the mark counts it as missing).
 * <p>
 * No call holds two connections at once (a download stream borrows one per chunk, between reads none), so no pool
 * is deadlocked by the store however small it is; a full one makes a call wait for the pool's timeout, then fail as
 * {@link BlobException.Unavailable}. The store does not own the {@link DataSource}: {@link #close} only stops taking
 * work, and streams already opened read on until closed (while the data source serves them).
 * <p>
 * Threading: see {@link BlobStore}.
 */
final class PostgresBlobStore implements BlobStore {
    private final DataSource dataSource;
    private final BlobIntake intake;
    private volatile boolean closed;

    private PostgresBlobStore(DataSource dataSource, BlobIntake intake) {
        this.dataSource = dataSource;
        this.intake = intake;
    }

    /**
     * Opens the store on {@code dataSource}, creating or updating its tables first.
     *
     * @throws BlobException.Unavailable when the database cannot be reached or its tables cannot be made
     */
    static PostgresBlobStore open(DataSource dataSource, Clock clock, Thumbnailer thumbnailer) {
        try (Connection connection = dataSource.getConnection()) {
            PostgresBlobSchema.migrate(connection);
        } catch (SQLException e) {
            throw new BlobException.Unavailable("cannot prepare the blob tables in PostgreSQL: " + e.getMessage(), e);
        }
        return new PostgresBlobStore(dataSource, new BlobIntake(thumbnailer, clock));
    }

    @Override
    public Blob store(NewBlob upload, InputStream content, long maxBytes) {
        BlobIntake.requirePositive(maxBytes);
        requireOpen();
        String uuid = UUID.randomUUID().toString();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Blob blob = write(connection, uuid, upload, content, maxBytes);
                connection.commit();
                return blob;
            } catch (IOException | SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            }
        } catch (IOException | SQLException e) {
            throw new BlobException.Unavailable("cannot store upload " + uuid + ": " + e.getMessage(), e);
        }
    }

    /** Inserts the chunks, the thumbnail and the row of the upload {@code uuid}, in the connection's transaction. */
    private Blob write(Connection connection, String uuid, NewBlob upload, InputStream content, long maxBytes)
            throws IOException, SQLException {
        byte[] head = new byte[ImageFormat.HEAD_BYTES];
        long size;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO blob_chunks (uuid, seq, bytes) VALUES (?::uuid, ?, ?)")) {
            int[] seq = {0};
            size = BlobIntake.copy(content, maxBytes, head, new byte[BlobChunks.CHUNK_BYTES], (buffer, length) -> {
                insert.setString(1, uuid);
                insert.setInt(2, seq[0]++);
                insert.setBinaryStream(3, new ByteArrayInputStream(buffer, 0, length), length);
                insert.executeUpdate();
            });
        }
        BlobIntake.Described described;
        try (TransactionChunks written = new TransactionChunks(connection, uuid)) {
            described = intake.describe(uuid, upload, head, size, BlobChunks.source(size, written));
        }
        if (described.thumbnail().isPresent()) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO blob_thumbnails (uuid, bytes) VALUES (?::uuid, ?)")) {
                insert.setString(1, uuid);
                insert.setBytes(2, described.thumbnail().get().bytes());
                insert.executeUpdate();
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO blobs (" + BlobRows.COLUMNS
                + ") VALUES (?::uuid, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            BlobRows.bind(insert, described.blob());
            insert.executeUpdate();
        }
        return described.blob();
    }

    /**
     * The chunks of an upload read back through its own transaction, the only one that sees them before the commit,
     * by one thread at a time: the thumbnailer decodes on its pool while the upload's thread waits for it. Closed
     * before the transaction goes on, so that a decode that outlived its wait can no longer touch the connection.
     */
    private static final class TransactionChunks implements BlobChunks.Fetch, AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();
        private final Connection connection;
        private final String uuid;
        private boolean closed; // guarded by lock

        TransactionChunks(Connection connection, String uuid) {
            this.connection = connection;
            this.uuid = uuid;
        }

        @Override
        public byte[] chunk(int seq) throws IOException {
            lock.lock();
            try {
                if (closed) {
                    throw new IOException("upload " + uuid + " went on without this read");
                }
                return PostgresBlobStore.chunk(connection, uuid, seq);
            } finally {
                lock.unlock();
            }
        }

        @Override
        public void close() {
            lock.lock();
            try {
                closed = true;
            } finally {
                lock.unlock();
            }
        }
    }

    /** A committed chunk, on a connection borrowed for this one query. */
    private byte[] committedChunk(String uuid, int seq) throws IOException {
        try (Connection connection = dataSource.getConnection()) {
            return chunk(connection, uuid, seq);
        } catch (SQLException e) {
            throw new IOException("cannot read blob " + uuid + ": " + e.getMessage(), e);
        }
    }

    private static byte[] chunk(Connection connection, String uuid, int seq) throws IOException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT bytes FROM blob_chunks WHERE uuid = ?::uuid AND seq = ?")) {
            select.setString(1, uuid);
            select.setInt(2, seq);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IOException("blob " + uuid + " was removed while it was being read");
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IOException("cannot read blob " + uuid + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<Blob> find(String uuid) {
        requireOpen();
        if (!Blob.isUuid(uuid)) {
            return Optional.empty();
        }
        return query("find blob " + uuid, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + BlobRows.COLUMNS + " FROM blobs WHERE uuid = ?::uuid")) {
                select.setString(1, uuid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(BlobRows.blob(row)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public BlobContent open(String uuid, String secret) {
        Blob blob = BlobIntake.authorized(find(uuid), uuid, secret);
        return new BlobContent(blob.mime(), blob.size(), blob.filename(),
                BlobChunks.stream(blob.size(), seq -> committedChunk(uuid, seq)));
    }

    @Override
    public Optional<BlobContent> openThumbnail(String uuid, String secret) {
        Blob blob = BlobIntake.authorized(find(uuid), uuid, secret);
        if (!blob.hasThumbnail()) {
            return Optional.empty();
        }
        byte[] bytes = query("read the thumbnail of blob " + uuid, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT bytes FROM blob_thumbnails WHERE uuid = ?::uuid")) {
                select.setString(1, uuid);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getBytes(1)) : Optional.<byte[]>empty();
                }
            }
        }).orElseThrow(() -> new BlobException.NotFound(uuid)); // removed since its row was read
        return Optional.of(new BlobContent(blob.thumbnailMime(), bytes.length, blob.filename(),
                new ByteArrayInputStream(bytes)));
    }

    @Override
    public int markReferenced(Collection<String> uuids) {
        requireOpen();
        List<String> named = BlobIntake.wellFormed(uuids);
        if (named.isEmpty()) {
            return 0;
        }
        return query("mark blobs referenced", connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE blobs SET referenced = true WHERE uuid = ANY (?::uuid[])")) {
                update.setArray(1, textArray(connection, named));
                return update.executeUpdate();
            }
        });
    }

    @Override
    public List<String> unreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        BlobIntake.requirePositive(limit);
        return query("list unreferenced blobs", connection -> {
            try (PreparedStatement select = connection.prepareStatement("SELECT uuid FROM blobs"
                    + " WHERE NOT referenced AND created < ? ORDER BY created LIMIT ?")) {
                select.setLong(1, BlobRows.millis(cutoff));
                select.setInt(2, limit);
                return BlobRows.uuids(select);
            }
        });
    }

    @Override
    public List<String> deleteUnreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        BlobIntake.requirePositive(limit);
        // The outer conditions repeat the inner ones: a row updated after the subquery read it is checked again.
        return query("remove unreferenced blobs", connection -> {
            try (PreparedStatement delete = connection.prepareStatement("""
                    WITH removed AS (
                        DELETE FROM blobs WHERE NOT referenced AND created < ? AND uuid IN (
                            SELECT uuid FROM blobs WHERE NOT referenced AND created < ?
                            ORDER BY created LIMIT ? FOR UPDATE SKIP LOCKED)
                        RETURNING uuid, created)
                    SELECT uuid FROM removed ORDER BY created""")) {
                long millis = BlobRows.millis(cutoff);
                delete.setLong(1, millis);
                delete.setLong(2, millis);
                delete.setInt(3, limit);
                return BlobRows.uuids(delete);
            }
        });
    }

    @Override
    public List<String> deleteAll(Collection<String> uuids) {
        requireOpen();
        List<String> named = BlobIntake.wellFormed(uuids);
        if (named.isEmpty()) {
            return List.of();
        }
        return query("remove blobs", connection -> {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM blobs WHERE uuid = ANY (?::uuid[]) RETURNING uuid")) {
                delete.setArray(1, textArray(connection, named));
                return BlobRows.uuids(delete);
            }
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    private static Array textArray(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray());
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on a connection borrowed for it, each statement committed on its own, even from a pool that
     * hands out connections in manual-commit mode (whose changes would be rolled back when they go back).
     */
    private <T> T query(String what, Work<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            return work.run(connection);
        } catch (SQLException e) {
            throw new BlobException.Unavailable("cannot " + what + ": " + e.getMessage(), e);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new BlobException.Unavailable("the blob store is closed");
        }
    }
}
