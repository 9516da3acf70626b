package dev.parley.server.blob;

import java.util.Optional;

/**
 * The image formats the server recognises, by their first bytes (never by the client's word). The JDK decodes PNG,
 * JPEG and GIF, so those get thumbnails; it has no WebP decoder, so a WebP image is stored as an image (type and size
 * read from its header) without a thumbnail.
 */
enum ImageFormat {
    PNG("image/png", "png", true),
    JPEG("image/jpeg", "jpeg", true),
    GIF("image/gif", "gif", true),
    WEBP("image/webp", "webp", false);

    /** How many first bytes {@link #sniff} and the headers of PNG, GIF and WebP need. */
    static final int HEAD_BYTES = 32;

    private final String mime;
    private final String imageIoName;
    private final boolean decodable;

    ImageFormat(String mime, String imageIoName, boolean decodable) {
        this.mime = mime;
        this.imageIoName = imageIoName;
        this.decodable = decodable;
    }

    String mime() {
        return mime;
    }

    /** The format name {@link javax.imageio.ImageIO} knows it by. */
    String imageIoName() {
        return imageIoName;
    }

    /** Whether the server can decode it, and so make a thumbnail. */
    boolean decodable() {
        return decodable;
    }

    /** The format whose signature {@code head} (the first {@code length} bytes of a file) starts with, if any. */
    static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (startsWith(head, length, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Optional.of(PNG);
        }
        if (startsWith(head, length, 0, 0xFF, 0xD8, 0xFF)) {
            return Optional.of(JPEG);
        }
        if (startsWith(head, length, 0, 'G', 'I', 'F', '8', '7', 'a')
                || startsWith(head, length, 0, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of(GIF);
        }
        if (startsWith(head, length, 0, 'R', 'I', 'F', 'F') && startsWith(head, length, 8, 'W', 'E', 'B', 'P')) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] head, int length, int offset, int... signature) {
        if (length < offset + signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if ((head[offset + i] & 0xFF) != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
