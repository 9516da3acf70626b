package dev.parley.server.blob;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * Opens the {@link BlobStore} implementations.
 * <p>
 * Threading: the factory methods may be called from any thread; they block on disk or on the database.
 */
public final class BlobStores {

    private BlobStores() {
    }

    /**
     * Opens the store of a single server: files under {@code dataDir/blobs} (created 700 when missing), metadata in
     * {@code dataDir/blobs/blobs.db}; what a crash left behind is cleaned up before this returns.
     *
     * @param clock      stamps {@link Blob#created()}
     * @param thumbnails the bounded pool thumbnails are made on; when it refuses work, images get no thumbnail
     * @throws BlobException.Unavailable when the directory or its index cannot be opened
     */
    public static BlobStore openFiles(Path dataDir, Clock clock, Executor thumbnails) {
        return FileBlobStore.open(dataDir.resolve(FileBlobStore.DIRECTORY), clock, new Thumbnailer(thumbnails));
    }

    /**
     * Opens the store of a cluster: blobs in PostgreSQL, which every node reads and writes ({@link PostgresBlobStore}:
     * bytea chunks, and why). Its tables are created or updated before this returns, under an advisory lock, so that
     * nodes may start at once. The store borrows connections from {@code dataSource} and never closes it: pooling is
     * the caller's. An upload holds one connection while its client sends; nothing else holds one longer than a
     * query.
     *
     * @param clock      stamps {@link Blob#created()}
     * @param thumbnails the bounded pool thumbnails are made on; when it refuses work, images get no thumbnail
     * @throws BlobException.Unavailable when the database cannot be reached or its tables cannot be made
     */
    public static BlobStore openPostgres(DataSource dataSource, Clock clock, Executor thumbnails) {
        return PostgresBlobStore.open(dataSource, clock, new Thumbnailer(thumbnails));
    }
}
