package dev.parley.desktop.profile;

/**
 * The width and height a PNG or JPEG file declares in its header, read without decoding it, so that only pictures
 * larger than the decoding limit are decoded at a reduced size (JavaFX's requested size would also enlarge small
 * ones). Stateless; any thread.
 */
final class ImageHeaders {
    private ImageHeaders() {
    }

    /** {@code {width, height}}, or {@code null} when the bytes are neither a PNG nor a JPEG with a frame header. */
    static int[] size(byte[] b) {
        if (b.length >= 24 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G') {
            return new int[] {int32(b, 16), int32(b, 20)};
        }
        if (b.length < 4 || (b[0] & 0xff) != 0xff || (b[1] & 0xff) != 0xd8) {
            return null;
        }
        int at = 2;
        while (at + 9 < b.length) {
            if ((b[at] & 0xff) != 0xff) {
                return null;
            }
            int marker = b[at + 1] & 0xff;
            if (marker == 0xff) {
                at++;
                continue;
            }
            int length = int16(b, at + 2);
            boolean frame = marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc;
            if (frame) {
                return new int[] {int16(b, at + 7), int16(b, at + 5)};
            }
            at += 2 + length;
        }
        return null;
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xff) << 24 | (b[at + 1] & 0xff) << 16 | (b[at + 2] & 0xff) << 8 | (b[at + 3] & 0xff);
    }
}
