package dev.parley.desktop.profile;

import dev.parley.desktop.media.PngWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/** Pictures for the tests: written as PNG files from pixels, and image files' bytes decoded back to pixels. */
final class TestPictures {
    private TestPictures() {
    }

    /** An image file's pixels as JavaFX decodes them. */
    record Pixels(int width, int height, int[] argb) {
        int at(int x, int y) {
            return argb[y * width + x];
        }
    }

    /** {@code width} × {@code height} pixels, left half {@code left} and right half {@code right}. */
    static int[] halves(int width, int height, int left, int right) {
        int[] argb = new int[width * height];
        for (int i = 0; i < argb.length; i++) {
            argb[i] = i % width < width / 2 ? left : right;
        }
        return argb;
    }

    /** Writes the pixels as a PNG file. */
    static Path png(Path file, int[] argb, int width, int height) throws IOException {
        WritableImage image = new WritableImage(width, height);
        image.getPixelWriter().setPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        PngWriter.write(image, file);
        return file;
    }

    /** Decodes an image file's bytes at their own size. */
    static Pixels decode(byte[] bytes) {
        Image image = new Image(new ByteArrayInputStream(bytes));
        if (image.isError()) {
            throw new AssertionError("not a picture: " + image.getException());
        }
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return new Pixels(w, h, argb);
    }
}
