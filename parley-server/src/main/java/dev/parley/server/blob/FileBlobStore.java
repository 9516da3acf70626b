package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The blob store of a single server: files under {@code <data-dir>/blobs} ({@link BlobFiles}: fanned out by uuid
 * prefix, written through synced {@code .part} files and atomic renames, owner-only) and their metadata in the SQLite
 * file {@code blobs/blobs.db} ({@link BlobIndex}).
 * <p>
 * An upload is stored in this order: its bytes streamed to {@code <uuid>.part} (64 KiB at a time, counted against
 * the limit as they come) and synced; its type sniffed and, for an image, its header read and its thumbnail made and
 * written; the file renamed to {@code <uuid>} and the directory synced; and only then its row committed. So a row
 * always has its whole file, and a crash at any earlier step leaves only files without rows, which {@link #open}
 * removes ({@link BlobRecovery}) together with the {@code .part} files of uploads that were cut off. A blob is
 * removed row first, then files: a crash in between leaves files without a row, removed at the next start.
 * <p>
 * What an upload is (its type, an image's size and thumbnail, its secret) is settled by {@link BlobIntake}, as in
 * every store.
 * <p>
 * Threading: see {@link BlobStore}; uploads run in parallel, each on its caller's thread, with its thumbnail on the
 * thumbnailer's pool.
 */
final class FileBlobStore implements BlobStore {
    static final String DIRECTORY = "blobs";
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final System.Logger LOG = System.getLogger(FileBlobStore.class.getName());

    private final BlobFiles files;
    private final BlobIndex index;
    private final BlobIntake intake;
    private volatile boolean closed;

    private FileBlobStore(BlobFiles files, BlobIndex index, BlobIntake intake) {
        this.files = files;
        this.index = index;
        this.intake = intake;
    }

    /**
     * Opens the store in {@code root} (created 700 when missing), then removes what a crash left: {@code .part}
     * files, files without a row, and rows whose file is gone.
     *
     * @throws BlobException.Unavailable when the directory or the index cannot be opened or cleaned
     */
    static FileBlobStore open(Path root, Clock clock, Thumbnailer thumbnailer) {
        BlobFiles files;
        try {
            files = new BlobFiles(root);
        } catch (IOException e) {
            throw new BlobException.Unavailable("cannot create the blob directory " + root, e);
        }
        BlobIndex index = BlobIndex.open(root.resolve(BlobIndex.FILE_NAME));
        try {
            BlobRecovery.Result recovered = BlobRecovery.run(files, index);
            if (recovered.changedAnything()) {
                LOG.log(System.Logger.Level.WARNING, "blob store recovered from an earlier crash: {0}", recovered);
            }
            return new FileBlobStore(files, index, new BlobIntake(thumbnailer, clock));
        } catch (IOException | RuntimeException e) {
            try {
                index.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof BlobException blob ? blob
                    : new BlobException.Unavailable("cannot clean the blob directory " + root, e);
        }
    }

    @Override
    public Blob store(NewBlob upload, InputStream content, long maxBytes) {
        BlobIntake.requirePositive(maxBytes);
        requireOpen();
        String uuid = UUID.randomUUID().toString();
        Path target = files.blob(uuid);
        Path thumbnailFile = files.thumbnail(uuid);
        Path part = null;
        boolean published = false;
        try {
            part = files.newPart(target);
            byte[] head = new byte[ImageFormat.HEAD_BYTES];
            long size = copy(content, part, maxBytes, head);
            BlobIntake.Described described = intake.describe(uuid, upload, head, size, ImageSource.of(part));
            if (described.thumbnail().isPresent()) {
                files.write(thumbnailFile, described.thumbnail().get().bytes());
            }
            BlobFiles.publish(part, target);
            published = true;
            BlobFiles.sync(target.getParent());
            index.insert(described.blob());
            return described.blob();
        } catch (IOException | RuntimeException e) {
            if (part != null) {
                BlobFiles.deleteQuietly(published ? target : part);
                BlobFiles.deleteQuietly(thumbnailFile);
            }
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new BlobException.Unavailable("cannot store upload " + uuid + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies {@code content} into {@code part} and syncs it; the first bytes land in {@code head} too. Never reads
     * more than one byte past {@code maxBytes}.
     */
    private static long copy(InputStream content, Path part, long maxBytes, byte[] head) throws IOException {
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            long size = BlobIntake.copy(content, maxBytes, head, new byte[BUFFER_BYTES], (buffer, length) -> {
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, length);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            });
            out.force(true);
            return size;
        }
    }

    @Override
    public Optional<Blob> find(String uuid) {
        requireOpen();
        return Blob.isUuid(uuid) ? index.find(uuid) : Optional.empty();
    }

    @Override
    public BlobContent open(String uuid, String secret) {
        Blob blob = authorized(uuid, secret);
        return content(files.blob(uuid), uuid, blob.mime(), blob.filename());
    }

    @Override
    public Optional<BlobContent> openThumbnail(String uuid, String secret) {
        Blob blob = authorized(uuid, secret);
        if (!blob.hasThumbnail()) {
            return Optional.empty();
        }
        return Optional.of(content(files.thumbnail(uuid), uuid, blob.thumbnailMime(), blob.filename()));
    }

    /** The blob, once its secret was checked (in constant time). */
    private Blob authorized(String uuid, String secret) {
        return BlobIntake.authorized(find(uuid), uuid, secret);
    }

    private static BlobContent content(Path file, String uuid, String mime, String filename) {
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException removed) {
            throw new BlobException.NotFound(uuid); // removed since its row was read
        } catch (IOException e) {
            throw new BlobException.Unavailable("cannot read blob " + uuid, e);
        }
        try {
            return new BlobContent(mime, channel.size(), filename, Channels.newInputStream(channel));
        } catch (IOException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw new BlobException.Unavailable("cannot read blob " + uuid, e);
        }
    }

    @Override
    public int markReferenced(Collection<String> uuids) {
        requireOpen();
        return index.markReferenced(BlobIntake.wellFormed(uuids));
    }

    @Override
    public List<String> unreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        return index.unreferencedBefore(cutoff, BlobIntake.requirePositive(limit));
    }

    @Override
    public List<String> deleteUnreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        return removeFiles(index.deleteUnreferencedBefore(cutoff, BlobIntake.requirePositive(limit)));
    }

    @Override
    public List<String> deleteAll(Collection<String> uuids) {
        requireOpen();
        return removeFiles(index.delete(BlobIntake.wellFormed(uuids)));
    }

    /** Deletes the files of blobs whose rows are gone; a file that cannot be deleted now is removed at next start. */
    private List<String> removeFiles(List<String> removed) {
        for (String uuid : removed) {
            BlobFiles.deleteQuietly(files.blob(uuid));
            BlobFiles.deleteQuietly(files.thumbnail(uuid));
        }
        return removed;
    }

    private void requireOpen() {
        if (closed) {
            throw new BlobException.Unavailable("the blob store is closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        index.close();
    }
}
