package dev.parley.server.blob;

import dev.parley.server.ParleyServerException;

/**
 * A blob store refused or failed an operation. The subtype says how to answer it: {@link TooLarge} (HTTP 413),
 * {@link NotFound} (404), {@link WrongSecret} (401), {@link Unavailable} (500: the disk or the index failed). Messages
 * name the blob by its uuid at most: never its secret, its owner's content or its file name.
 */
public abstract sealed class BlobException extends ParleyServerException {

    private BlobException(String message) {
        super(message);
    }

    private BlobException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The upload passed its size limit; nothing of it was kept. */
    public static final class TooLarge extends BlobException {
        private final long limit;

        public TooLarge(long limit) {
            super("the upload is larger than " + limit + " bytes");
            this.limit = limit;
        }

        /** The limit that was passed, in bytes. */
        public long limit() {
            return limit;
        }
    }

    /** No blob has this uuid (never had, or it was removed). */
    public static final class NotFound extends BlobException {
        public NotFound(String uuid) {
            super("no blob " + printable(uuid));
        }
    }

    /** The blob exists but the share secret given is not its own. */
    public static final class WrongSecret extends BlobException {
        public WrongSecret(String uuid) {
            super("wrong share secret for blob " + printable(uuid));
        }
    }

    /** The store could not read or write (disk full, I/O error, closed store…); nothing of the operation is kept. */
    public static final class Unavailable extends BlobException {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** A uuid as it may appear in a message: one the client chose may hold anything, so only a bounded, plain form. */
    private static String printable(String uuid) {
        return Blob.isUuid(uuid) ? uuid : "(malformed uuid)";
    }
}
