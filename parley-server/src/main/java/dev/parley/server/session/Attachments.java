package dev.parley.server.session;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.Content;
import dev.parley.server.AppKey;
import dev.parley.server.blob.Blob;
import dev.parley.server.blob.BlobStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The files of {@code img} and {@code file} messages: a send must name an upload of its sender (with its secret),
 * and the message keeps what the server found out about the upload (name, size, type, dimensions, whether it has a
 * thumbnail), never what the client said; the messages the server sends carry the file's address.
 * <p>
 * In a stored {@link Attachment}, {@code url} is empty and {@code thumbnailUrl} is {@value #HAS_THUMBNAIL} when the
 * upload has a thumbnail; {@link #withAddresses} turns both into the addresses a client fetches.
 * <p>
 * Threading: {@link #resolve} and {@link #delete} block on the blob store (call them on a store-read thread);
 * {@link #withAddresses} does not block.
 */
final class Attachments {
    /** What a stored attachment's {@code thumbnailUrl} holds when the upload has a thumbnail. */
    static final String HAS_THUMBNAIL = "thumbnail";

    private final BlobStore blobs;
    private final AppKey appKey;
    private final Supplier<String> apiUrl;

    /**
     * @param apiUrl the server's REST base URL (known once it listens)
     */
    Attachments(BlobStore blobs, AppKey appKey, Supplier<String> apiUrl) {
        this.blobs = blobs;
        this.appKey = appKey;
        this.apiUrl = apiUrl;
    }

    /** Whether the content names an upload. */
    static boolean hasFile(Content content) {
        return content instanceof Content.Image || content instanceof Content.File;
    }

    /**
     * The content as the server stores it, with the upload's own description, and the upload marked as used by a
     * message; empty when the upload does not exist, is not {@code sender}'s, has another secret, or is not an image
     * for an {@code img}.
     */
    Optional<Content> resolve(String sender, Content content) {
        Attachment named = switch (content) {
            case Content.Image i -> i.file();
            case Content.File f -> f.file();
            default -> null;
        };
        if (named == null) {
            return Optional.of(content);
        }
        Optional<Blob> found = blobs.find(named.uuid()).filter(b -> b.owner().equals(sender)
                && MessageDigest.isEqual(b.secret().getBytes(StandardCharsets.UTF_8),
                named.secret().getBytes(StandardCharsets.UTF_8)));
        if (found.isEmpty() || (content instanceof Content.Image && !found.get().isImage())) {
            return Optional.empty();
        }
        Blob blob = found.get();
        blobs.markReferenced(List.of(blob.uuid()));
        Attachment own = new Attachment(blob.uuid(), blob.secret(), blob.filename(), blob.size(), blob.mime(),
                blob.width(), blob.height(), "", blob.hasThumbnail() ? HAS_THUMBNAIL : "");
        return Optional.of(content instanceof Content.Image ? new Content.Image(own) : new Content.File(own));
    }

    /** Removes the upload of a recalled message's content (as it was before the recall). */
    void delete(Content content) {
        switch (content) {
            case Content.Image i -> blobs.deleteAll(List.of(i.file().uuid()));
            case Content.File f -> blobs.deleteAll(List.of(f.file().uuid()));
            default -> { }
        }
    }

    /** The content with its file's addresses, as clients get it. */
    Content withAddresses(Content content) {
        return switch (content) {
            case Content.Image i -> new Content.Image(addresses(i.file()));
            case Content.File f -> new Content.File(addresses(f.file()));
            default -> content;
        };
    }

    private Attachment addresses(Attachment stored) {
        String url = apiUrl.get() + "/" + appKey.org() + "/" + appKey.app() + "/chatfiles/" + stored.uuid();
        return stored.withUrls(url, stored.thumbnailUrl().isEmpty() ? "" : url + "?thumbnail=true");
    }
}
