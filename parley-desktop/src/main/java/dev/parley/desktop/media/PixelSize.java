package dev.parley.desktop.media;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An image's size in pixels, read from the header of a PNG, JPEG, GIF or BMP file (the formats JavaFX decodes) without
 * decoding the picture, so a 10 MB photo costs a few kilobytes of reading. Whether a file has such a header is also
 * how a dropped or pasted file is told to be an image. Reading is file IO: call it off the FX thread.
 *
 * @param width  in pixels, at least 1
 * @param height in pixels, at least 1
 */
public record PixelSize(int width, int height) {
    /** The most bytes read looking for a JPEG's frame header (EXIF thumbnails come first). */
    private static final int MAX_JPEG_SCAN = 1 << 20;

    /** Checks the components. */
    public PixelSize {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image has at least one pixel each way");
        }
    }

    /** Width over height. */
    public double aspectRatio() {
        return (double) width / height;
    }

    /**
     * The size of the image in {@code file}, or empty when it is not a PNG, JPEG, GIF or BMP (or cannot be read).
     * Blocking file IO.
     */
    public static Optional<PixelSize> of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(30);
            if (head.length >= 24 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                ByteBuffer b = ByteBuffer.wrap(head);
                return size(b.getInt(16), b.getInt(20));
            }
            if (head.length >= 10 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
                ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
                return size(b.getShort(6) & 0xffff, b.getShort(8) & 0xffff);
            }
            if (head.length >= 26 && head[0] == 'B' && head[1] == 'M') {
                ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
                return size(b.getInt(18), Math.abs(b.getInt(22)));
            }
            if (head.length >= 4 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xd8) {
                return jpeg(head, in);
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Walks a JPEG's markers to its first start-of-frame (SOF0–SOF15, but not DHT, JPG or DAC). */
    private static Optional<PixelSize> jpeg(byte[] head, InputStream rest) throws IOException {
        InputStream in = new SequenceInputStream(new ByteArrayInputStream(head, 2, head.length - 2),
                rest);
        long read = 0;
        while (read < MAX_JPEG_SCAN) {
            int b = in.read();
            if (b < 0) {
                return Optional.empty();
            }
            read++;
            if (b != 0xff) {
                continue;
            }
            int marker = in.read();
            read++;
            while (marker == 0xff) {
                marker = in.read();
                read++;
            }
            if (marker < 0) {
                return Optional.empty();
            }
            if (marker == 0xd8 || marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
                continue; // markers without a length
            }
            byte[] len = in.readNBytes(2);
            if (len.length < 2) {
                return Optional.empty();
            }
            int length = ((len[0] & 0xff) << 8) | (len[1] & 0xff);
            if (marker >= 0xc0 && marker <= 0xcf && marker != 0xc4 && marker != 0xc8 && marker != 0xcc) {
                byte[] frame = in.readNBytes(5);
                if (frame.length < 5) {
                    return Optional.empty();
                }
                int height = ((frame[1] & 0xff) << 8) | (frame[2] & 0xff);
                int width = ((frame[3] & 0xff) << 8) | (frame[4] & 0xff);
                return size(width, height);
            }
            in.skipNBytes(Math.max(0, length - 2));
            read += length;
        }
        return Optional.empty();
    }

    private static Optional<PixelSize> size(int width, int height) {
        return width > 0 && height > 0 ? Optional.of(new PixelSize(width, height)) : Optional.empty();
    }
}
