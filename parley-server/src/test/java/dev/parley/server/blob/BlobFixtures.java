package dev.parley.server.blob;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Images and streams for the blob tests: real encoded images, hand-made headers, and generated streams. */
final class BlobFixtures {
    private BlobFixtures() {
    }

    /** A PNG of random noise (so it hardly compresses: about 3 bytes a pixel), opaque. */
    static byte[] noisePng(int width, int height, long seed) {
        return encode(noise(width, height, seed, false), "png");
    }

    /** A PNG whose pixels are half transparent. */
    static byte[] translucentPng(int width, int height) {
        return encode(noise(width, height, 7, true), "png");
    }

    /** A JPEG of random noise. */
    static byte[] noiseJpeg(int width, int height) {
        return encode(noise(width, height, 11, false), "jpeg");
    }

    /** A JPEG of a gradient, baseline or progressive. */
    static byte[] jpeg(int width, int height, boolean progressive) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 8 | (y * 255 / height));
            }
        }
        javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (javax.imageio.stream.MemoryCacheImageOutputStream stream =
                     new javax.imageio.stream.MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
            }
            writer.write(null, new javax.imageio.IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A GIF (ImageIO quantises the noise to its palette). */
    static byte[] gif(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (x * 255 / width) << 16 | (y * 255 / height) << 8);
            }
        }
        return encode(image, "gif");
    }

    /**
     * A JPEG {@code width × height} with an EXIF APP1 segment naming {@code orientation}: the picture is stored left
     * half red, right half blue.
     */
    static byte[] jpegWithOrientation(int width, int height, int orientation) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, x < width / 2 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = encode(image, "jpeg");
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        // "Exif\0\0", then a big-endian TIFF header and IFD0 with one entry: Orientation (0x0112), SHORT, 1 value.
        tiff.writeBytes("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1));
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
                (byte) orientation, 0, 0, 0, 0, 0, 0});
        byte[] app1 = tiff.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        out.write((app1.length + 2) >> 8);
        out.write((app1.length + 2) & 0xFF);
        out.writeBytes(app1);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The first bytes of a lossless WebP image declaring {@code width × height} (enough for its header). */
    static byte[] webpHeader(int width, int height) {
        long bits = (width - 1) | (long) (height - 1) << 14;
        byte[] b = new byte[40];
        System.arraycopy("RIFF".getBytes(StandardCharsets.US_ASCII), 0, b, 0, 4);
        b[4] = 32;
        System.arraycopy("WEBPVP8L".getBytes(StandardCharsets.US_ASCII), 0, b, 8, 8);
        b[16] = 20;
        b[20] = 0x2F;
        for (int i = 0; i < 4; i++) {
            b[21 + i] = (byte) (bits >> (8 * i));
        }
        return b;
    }

    /**
     * A valid grayscale PNG {@code width × height}, all black: its pixels compress about 1,000 to 1, so a few tens of
     * kilobytes declare tens of megapixels (a decompression bomb, if it were decoded whole). Made row by row.
     */
    static byte[] blackPng(int width, int height) {
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(compressed)) {
            byte[] row = new byte[width + 1]; // filter byte 0, then zeros
            for (int y = 0; y < height; y++) {
                deflate.write(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png(width, height, compressed.toByteArray());
    }

    /** A PNG signature and IHDR declaring {@code width × height} (8-bit grayscale), then {@code idat} and IEND. */
    static byte[] png(int width, int height, byte[] idat) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        try (DataOutputStream ihdr = new DataOutputStream(header)) {
            ihdr.writeInt(width);
            ihdr.writeInt(height);
            ihdr.writeByte(8); // bit depth
            ihdr.writeByte(0); // grayscale
            ihdr.writeByte(0);
            ihdr.writeByte(0);
            ihdr.writeByte(0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        chunk(out, "IHDR", header.toByteArray());
        chunk(out, "IDAT", idat);
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        writeInt(out, data.length);
        out.writeBytes(name);
        out.writeBytes(data);
        writeInt(out, (int) crc.getValue());
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    private static BufferedImage noise(int width, int height, long seed, boolean alpha) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        SplittableRandom random = new SplittableRandom(seed);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = random.nextInt() & 0xFFFFFF | (alpha ? 0x80 << 24 : 0xFF << 24);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no " + format + " writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes an image (a thumbnail) the test got back. */
    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("not an image");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code size} pseudo-random bytes made as they are read, never held: the digest of what was read so far and the
     * count are kept, so a test can compare what was stored with what was sent.
     */
    static class GeneratedStream extends InputStream {
        private final long size;
        private final SplittableRandom random;
        private final MessageDigest digest = digest();
        private long read;

        GeneratedStream(long size, long seed) {
            this.size = size;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (read == size) {
                return -1;
            }
            int n = (int) Math.min(len, size - read);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) random.nextInt();
            }
            digest.update(b, off, n);
            read += n;
            onRead(read);
            return n;
        }

        /** Called after each read with the bytes read so far (tests look at the heap from here). */
        void onRead(long soFar) {
        }

        long bytesRead() {
            return read;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
