package dev.parley.server.blob;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored upload as the store describes it.
 *
 * @param uuid          random and unguessable (a version 4 UUID, lower case: URL-safe), chosen by the store
 * @param secret        the share secret: 256 random bits in base64url without padding (43 characters); whoever
 *                      reads the bytes must present it
 * @param owner         the user who uploaded it
 * @param filename      the client's file name, sanitised ({@link NewBlob}); only ever shown, never a path on the server
 * @param size          its length in bytes
 * @param mime          for an image, what its first bytes say ({@code image/png}, {@code image/jpeg}, {@code image/gif},
 *                      {@code image/webp}), whatever the client declared; otherwise the client's declared type when it is
 *                      a plain {@code type/subtype} that is neither an image nor active content, else
 *                      {@code application/octet-stream}
 * @param width         an image's width as displayed (its EXIF orientation applied); 0 for anything else
 * @param height        an image's height as displayed; 0 for anything else
 * @param thumbnailMime the type of its thumbnail ({@code image/jpeg}, or {@code image/png} when the image has
 *                      transparency); empty when the store made none
 * @param created       when the upload was stored (to the millisecond)
 * @param referenced    whether a message refers to it; an upload no message refers to is removed after a while
 */
public record Blob(String uuid, String secret, String owner, String filename, long size, String mime, int width,
                   int height, String thumbnailMime, Instant created, boolean referenced) {

    public Blob {
        if (!isUuid(uuid)) {
            throw new IllegalArgumentException("not a blob uuid");
        }
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(thumbnailMime, "thumbnailMime");
        Objects.requireNonNull(created, "created");
        if (size < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("size, width and height must not be negative");
        }
    }

    /** Whether the store read this upload as an image (its size is known then). */
    public boolean isImage() {
        return width > 0 && height > 0;
    }

    /** Whether the store made a thumbnail of it. */
    public boolean hasThumbnail() {
        return !thumbnailMime.isEmpty();
    }

    /** This blob, marked as referenced by a message. */
    Blob asReferenced() {
        return new Blob(uuid, secret, owner, filename, size, mime, width, height, thumbnailMime, created, true);
    }

    /** Without the secret: a blob is logged, the secret never is. */
    @Override
    public String toString() {
        return "Blob[uuid=" + uuid + ", owner=" + owner + ", size=" + size + ", mime=" + mime + ", width=" + width
                + ", height=" + height + ", thumbnailMime=" + thumbnailMime + ", created=" + created + ", referenced="
                + referenced + "]";
    }

    /** Whether {@code s} has the form of a blob uuid: 36 characters, lower-case hex digits and dashes in 8-4-4-4-12. */
    public static boolean isUuid(String s) {
        if (s == null || s.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            boolean ok = (i == 8 || i == 13 || i == 18 || i == 23) ? c == '-'
                    : (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
