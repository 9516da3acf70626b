package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * What every {@link BlobStore} does with an upload and a read, whatever keeps the bytes: reads the upload against
 * its limit in blocks, recognises an image by its first bytes and its header, has its thumbnail made, describes it
 * with a new share secret, and checks a share secret in constant time. The stores differ only in where the blocks
 * go and how the bytes are read back ({@link ImageSource}).
 * <p>
 * Images: a PNG, JPEG, GIF or WebP upload (by its first bytes) whose header is readable and declares at most the
 * thumbnailer's pixel limit (40 MP) is stored as an image with its size; anything else, a larger "image" included,
 * as a file ({@link MediaTypes}), so that no client is asked to show a picture it could not decode safely either.
 * <p>
 * Threading: every method may be called from any thread at the same time.
 */
final class BlobIntake {
    private static final int SECRET_BYTES = 32;

    private final Thumbnailer thumbnailer;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    BlobIntake(Thumbnailer thumbnailer, Clock clock) {
        this.thumbnailer = thumbnailer;
        this.clock = clock;
    }

    /** Where {@link #copy} hands each block read; {@code E} is what writing it may throw. */
    interface Sink<E extends Exception> {
        /** Takes {@code length} bytes from the start of {@code buffer}; the buffer is reused once this returns. */
        void accept(byte[] buffer, int length) throws E;
    }

    /**
     * Reads {@code content} to its end in blocks of {@code buffer.length}, handing each block to {@code sink} once it
     * is full (the last one when the content ends); its first bytes land in {@code head} too. Never reads more than
     * one byte past {@code maxBytes}, and hands no block on once it has.
     *
     * @return how many bytes the content held
     * @throws BlobException.TooLarge when it holds more than {@code maxBytes}
     */
    static <E extends Exception> long copy(InputStream content, long maxBytes, byte[] head, byte[] buffer,
                                           Sink<E> sink) throws IOException, E {
        long total = 0;
        int filled = 0;
        while (true) {
            int n = content.read(buffer, filled, (int) Math.min(buffer.length - filled, maxBytes + 1 - total));
            if (n < 0) {
                break;
            }
            if (total < head.length) {
                System.arraycopy(buffer, filled, head, (int) total, (int) Math.min(n, head.length - total));
            }
            total += n;
            filled += n;
            if (total > maxBytes) {
                throw new BlobException.TooLarge(maxBytes);
            }
            if (filled == buffer.length) {
                sink.accept(buffer, filled);
                filled = 0;
            }
        }
        if (filled > 0) {
            sink.accept(buffer, filled);
        }
        return total;
    }

    /** A described upload and the thumbnail made of it, if any. */
    record Described(Blob blob, Optional<Thumbnailer.Thumbnail> thumbnail) {
    }

    /**
     * Describes the upload {@code uuid} whose {@code size} bytes were copied, their first bytes in {@code head} and
     * all of them readable again in {@code source}: its type, an image's size and thumbnail (waiting for it a bounded
     * time), a new secret, created now, not referenced.
     */
    Described describe(String uuid, NewBlob upload, byte[] head, long size, ImageSource source) throws IOException {
        Optional<ImageHeader> image = image(source, head, size);
        Optional<Thumbnailer.Thumbnail> thumbnail = Optional.empty();
        if (image.isPresent()) {
            thumbnail = thumbnailer.make(source, image.get(), uuid);
        }
        Blob blob = new Blob(uuid, newSecret(), upload.owner(), upload.filename(), size,
                image.map(h -> h.format().mime()).orElseGet(() -> MediaTypes.forFile(upload.declaredMime())),
                image.map(ImageHeader::displayWidth).orElse(0), image.map(ImageHeader::displayHeight).orElse(0),
                thumbnail.map(Thumbnailer.Thumbnail::mime).orElse(""),
                clock.instant().truncatedTo(ChronoUnit.MILLIS), false);
        return new Described(blob, thumbnail);
    }

    /** The header of an image the store accepts as one: a known signature, a readable header, not too many pixels. */
    private Optional<ImageHeader> image(ImageSource source, byte[] head, long size) throws IOException {
        Optional<ImageFormat> format = ImageFormat.sniff(head, (int) Math.min(size, head.length));
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return ImageHeader.read(source, format.get()).filter(h -> h.pixels() <= thumbnailer.maxPixels());
    }

    private String newSecret() {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /**
     * The blob found for {@code uuid}, once {@code secret} was checked against its own in constant time.
     *
     * @throws BlobException.NotFound    when nothing was found
     * @throws BlobException.WrongSecret when the secret is not the blob's
     */
    static Blob authorized(Optional<Blob> found, String uuid, String secret) {
        Blob blob = found.orElseThrow(() -> new BlobException.NotFound(uuid));
        if (!MessageDigest.isEqual(blob.secret().getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8))) {
            throw new BlobException.WrongSecret(uuid);
        }
        return blob;
    }

    /** The well-formed uuids among {@code uuids} (a malformed one names no blob). */
    static List<String> wellFormed(Collection<String> uuids) {
        return uuids.stream().filter(Blob::isUuid).toList();
    }

    static int requirePositive(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        return limit;
    }

    static long requirePositive(long maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive");
        }
        return maxBytes;
    }
}
