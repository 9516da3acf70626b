package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
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
 * Images: a PNG, JPEG, GIF or WebP file (by its first bytes) whose header is readable and declares at most the
 * thumbnailer's pixel limit (40 MP) is stored as an image with its size; anything else, a larger "image" included, as
 * a file ({@link MediaTypes}), so that no client is asked to show a picture it could not decode safely either.
 * <p>
 * Threading: see {@link BlobStore}; uploads run in parallel, each on its caller's thread, with its thumbnail on the
 * thumbnailer's pool.
 */
final class FileBlobStore implements BlobStore {
    static final String DIRECTORY = "blobs";
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final int SECRET_BYTES = 32;
    private static final System.Logger LOG = System.getLogger(FileBlobStore.class.getName());

    private final BlobFiles files;
    private final BlobIndex index;
    private final Thumbnailer thumbnailer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private volatile boolean closed;

    private FileBlobStore(BlobFiles files, BlobIndex index, Thumbnailer thumbnailer, Clock clock) {
        this.files = files;
        this.index = index;
        this.thumbnailer = thumbnailer;
        this.clock = clock;
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
            return new FileBlobStore(files, index, thumbnailer, clock);
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
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
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
            Optional<ImageHeader> image = image(part, head, size);
            Optional<Thumbnailer.Thumbnail> thumbnail = Optional.empty();
            if (image.isPresent()) {
                thumbnail = thumbnailer.make(part, image.get(), uuid);
            }
            if (thumbnail.isPresent()) {
                files.write(thumbnailFile, thumbnail.get().bytes());
            }
            BlobFiles.publish(part, target);
            published = true;
            BlobFiles.sync(target.getParent());
            Blob blob = new Blob(uuid, newSecret(), upload.owner(), upload.filename(), size,
                    image.map(h -> h.format().mime()).orElseGet(() -> MediaTypes.forFile(upload.declaredMime())),
                    image.map(ImageHeader::displayWidth).orElse(0), image.map(ImageHeader::displayHeight).orElse(0),
                    thumbnail.map(Thumbnailer.Thumbnail::mime).orElse(""),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS), false);
            index.insert(blob);
            return blob;
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
        byte[] buffer = new byte[BUFFER_BYTES];
        long total = 0;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            while (true) {
                int n = content.read(buffer, 0, (int) Math.min(buffer.length, maxBytes + 1 - total));
                if (n < 0) {
                    break;
                }
                if (total < head.length) {
                    System.arraycopy(buffer, 0, head, (int) total, (int) Math.min(n, head.length - total));
                }
                total += n;
                if (total > maxBytes) {
                    throw new BlobException.TooLarge(maxBytes);
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
            }
            out.force(true);
        }
        return total;
    }

    /** The header of an image the store accepts as one: a known signature, a readable header, not too many pixels. */
    private Optional<ImageHeader> image(Path part, byte[] head, long size) throws IOException {
        Optional<ImageFormat> format = ImageFormat.sniff(head, (int) Math.min(size, head.length));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return ImageHeader.read(part, format.get()).filter(h -> h.pixels() <= thumbnailer.maxPixels());
    }

    private String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
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
        Blob blob = find(uuid).orElseThrow(() -> new BlobException.NotFound(uuid));
        if (!MessageDigest.isEqual(blob.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new BlobException.WrongSecret(uuid);
        }
        return blob;
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
        return index.markReferenced(uuids.stream().filter(Blob::isUuid).toList());
    }

    @Override
    public List<String> unreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        return index.unreferencedBefore(cutoff, requirePositive(limit));
    }

    @Override
    public List<String> deleteUnreferencedBefore(Instant cutoff, int limit) {
        requireOpen();
        return removeFiles(index.deleteUnreferencedBefore(cutoff, requirePositive(limit)));
    }

    @Override
    public List<String> deleteAll(Collection<String> uuids) {
        requireOpen();
        return removeFiles(index.delete(uuids.stream().filter(Blob::isUuid).toList()));
    }

    /** Deletes the files of blobs whose rows are gone; a file that cannot be deleted now is removed at next start. */
    private List<String> removeFiles(List<String> removed) {
        for (String uuid : removed) {
            BlobFiles.deleteQuietly(files.blob(uuid));
            BlobFiles.deleteQuietly(files.thumbnail(uuid));
        }
        return removed;
    }

    private static int requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return limit;
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
