package dev.parley.server.blob;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * Opens the {@link BlobStore} implementations.
 * <p>
 * Threading: the factory methods may be called from any thread; they block on disk.
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
}
