package dev.parley.server.blob;

import java.io.InputStream;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Durable storage of uploads (chat files, images, avatars) and their thumbnails. Implementations: files in the data
 * dir ({@link BlobStores#openFiles}); PostgreSQL, shared by the nodes of a cluster ({@link BlobStores#openPostgres}).
 * Nothing here names a path: bytes go in and come out as streams.
 * <p>
 * An upload is streamed to storage and never held whole in memory. Each blob has a random uuid, a share secret that
 * every read must present, an owner, and a flag saying whether a message refers to it: the server marks it when a
 * message naming it is stored, removes unreferenced uploads after a while ({@link BlobSweeper}), and removes the
 * blobs of messages that retention or a recall removes ({@link #deleteAll}).
 * <p>
 * Threading: every method may be called from any thread at the same time, and blocks on disk or the database (and
 * {@link #store} on its client and its thumbnail): never call one from a network selector thread. Failures are
 * {@link BlobException}s; a closed store throws {@link BlobException.Unavailable}.
 */
public interface BlobStore extends AutoCloseable {

    /**
     * Streams {@code content} to storage (read to its end; not closed) and returns the new blob once it is durable: a
     * blob returned here survives a crash of the process right after. The store sniffs the first bytes: a PNG, JPEG,
     * GIF or WebP image is stored as an image, with its size, and gets a thumbnail when the server can make one
     * (PNG, JPEG and GIF, up to the store's pixel limit). The call waits for the thumbnail (a bounded time), so that
     * whether a blob has one is settled when it is returned.
     *
     * @param upload   who uploads it, its file name and declared type
     * @param maxBytes the most bytes it may have: reading stops at the first byte past it
     * @throws BlobException.TooLarge    when {@code content} holds more than {@code maxBytes}; nothing is kept
     * @throws BlobException.Unavailable when reading {@code content} or writing fails; nothing is kept
     */
    Blob store(NewBlob upload, InputStream content, long maxBytes);

    /** The blob with this uuid, if it exists (for the server itself, e.g. to check who owns it); no secret needed. */
    Optional<Blob> find(String uuid);

    /**
     * The bytes of a blob, for whoever holds its share secret; the caller closes the content. The secret is compared
     * in constant time.
     *
     * @throws BlobException.NotFound    when no blob has this uuid (whatever the secret)
     * @throws BlobException.WrongSecret when the blob exists but {@code secret} is not its own
     */
    BlobContent open(String uuid, String secret);

    /**
     * The thumbnail of a blob, for whoever holds its share secret; empty when the blob has none.
     *
     * @throws BlobException.NotFound    when no blob has this uuid
     * @throws BlobException.WrongSecret when {@code secret} is not the blob's
     */
    Optional<BlobContent> openThumbnail(String uuid, String secret);

    /**
     * Marks the blobs as referenced by a message, so that the sweep of unreferenced uploads leaves them; returns how
     * many of them exist (the caller refuses a message naming one that does not).
     */
    int markReferenced(Collection<String> uuids);

    /** Up to {@code limit} blobs no message refers to that were created before {@code cutoff}, oldest first. */
    List<String> unreferencedBefore(Instant cutoff, int limit);

    /**
     * Removes up to {@code limit} blobs no message refers to that were created before {@code cutoff}, oldest first;
     * returns their uuids. Choosing and removing is one step: a blob marked referenced meanwhile is never removed.
     */
    List<String> deleteUnreferencedBefore(Instant cutoff, int limit);

    /** Removes the blobs (and thumbnails) with these uuids, referenced or not; returns the uuids that existed. */
    List<String> deleteAll(Collection<String> uuids);

    /** Removes one blob; returns whether it existed. */
    default boolean delete(String uuid) {
        return !deleteAll(List.of(uuid)).isEmpty();
    }

    /** Releases what the store holds. Streams already opened stay readable until closed. Idempotent. */
    @Override
    void close();
}
