package dev.parley.desktop.media;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;

/**
 * Writes a JavaFX {@link Image} (a pasted picture) as a PNG file: 8-bit RGBA, one IDAT chunk, deflated. Written here
 * because JavaFX has no image encoder and {@code javax.imageio} would need {@code javafx.swing}'s bridge; the format
 * is small (the PNG specification, sections 5 and 11). Reading the pixels of a loaded image and writing the file run
 * off the FX thread (blocking IO). Public for the settings pane's avatar.
 */
public final class PngWriter {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngWriter() {
    }

    /**
     * Writes {@code image} to {@code target}.
     *
     * @throws IOException if the image has no pixels to read or the file cannot be written
     */
    public static void write(Image image, Path target) throws IOException {
        PixelReader reader = image.getPixelReader();
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        if (reader == null || width < 1 || height < 1) {
            throw new IOException("the image has no pixels");
        }
        try (OutputStream file = Files.newOutputStream(target);
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file))) {
            out.write(SIGNATURE);
            ByteArrayOutputStream header = new ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(width);
            h.writeInt(height);
            h.writeByte(8); // bit depth
            h.writeByte(6); // colour type: RGBA
            h.writeByte(0); // deflate
            h.writeByte(0); // adaptive filtering
            h.writeByte(0); // no interlace
            chunk(out, "IHDR", header.toByteArray());
            chunk(out, "IDAT", pixels(reader, width, height));
            chunk(out, "IEND", new byte[0]);
        }
    }

    /** The image's rows, each with filter type 0, deflated. */
    private static byte[] pixels(PixelReader reader, int width, int height) throws IOException {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(data, deflater, 64 * 1024)) {
            int[] argb = new int[width];
            byte[] row = new byte[1 + 4 * width];
            for (int y = 0; y < height; y++) {
                reader.getPixels(0, y, width, 1, PixelFormat.getIntArgbInstance(), argb, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = argb[x];
                    int i = 1 + 4 * x;
                    row[i] = (byte) (p >> 16);
                    row[i + 1] = (byte) (p >> 8);
                    row[i + 2] = (byte) p;
                    row[i + 3] = (byte) (p >>> 24);
                }
                z.write(row);
            }
        } finally {
            deflater.end();
        }
        return data.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }
}
