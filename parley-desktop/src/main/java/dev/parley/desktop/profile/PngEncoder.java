package dev.parley.desktop.profile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes pixels as a PNG file (8-bit RGBA, no interlace, every row filtered with "Sub"), with the JDK's
 * {@link Deflater} and {@link CRC32}. JavaFX has no image encoder of its own (only through {@code javafx.swing}, which
 * the app does not link), and the avatar upload needs one. Stateless and thread-safe; call it off the FX thread.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_SUB = 1;

    private PngEncoder() {
    }

    /**
     * The PNG of an image of {@code width} × {@code height} pixels given row by row as ARGB ints (JavaFX's
     * {@code PixelFormat.getIntArgbInstance()}, not premultiplied).
     *
     * @throws IllegalArgumentException if the sizes are not positive or do not match the array
     */
    static byte[] encode(int[] argb, int width, int height) {
        if (width <= 0 || height <= 0 || (long) width * height != argb.length) {
            throw new IllegalArgumentException("expected " + width + " × " + height + " pixels, got " + argb.length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = 8;  // bits per channel
        header[9] = 6;  // colour type: RGBA
        chunk(out, "IHDR", header);
        chunk(out, "IDAT", deflate(rows(argb, width, height)));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    /** The filtered scanlines: each row starts with its filter type; each byte is the difference to the left one. */
    private static byte[] rows(int[] argb, int width, int height) {
        int stride = 1 + width * 4;
        byte[] raw = new byte[stride * height];
        for (int y = 0; y < height; y++) {
            int row = y * stride;
            raw[row] = FILTER_SUB;
            int previous = 0;
            for (int x = 0; x < width; x++) {
                int p = argb[y * width + x];
                int rgba = (p << 8) | (p >>> 24);
                int at = row + 1 + x * 4;
                for (int c = 0; c < 4; c++) {
                    int shift = 24 - 8 * c;
                    raw[at + c] = (byte) (((rgba >>> shift) - (previous >>> shift)) & 0xff);
                }
                previous = rgba;
            }
        }
        return raw;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[16 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        out.writeBytes(length);
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] sum = new byte[4];
        putInt(sum, 0, (int) crc.getValue());
        out.writeBytes(sum);
    }

    private static void putInt(byte[] into, int at, int value) {
        into[at] = (byte) (value >>> 24);
        into[at + 1] = (byte) (value >>> 16);
        into[at + 2] = (byte) (value >>> 8);
        into[at + 3] = (byte) value;
    }
}
