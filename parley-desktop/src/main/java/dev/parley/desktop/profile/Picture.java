package dev.parley.desktop.profile;

import dev.parley.desktop.media.PixelSize;
import dev.parley.desktop.media.PngWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;

/**
 * A picture chosen to become the avatar, decoded: the {@link Image} the crop view shows and its pixels, from which
 * the chosen square is cut ({@link #writeAvatar}). Pictures larger than {@value #MAX_EDGE} pixels on a side (their
 * size read from the file's header, {@link PixelSize}) are scaled down while decoding, so that a camera photo does not
 * take hundreds of megabytes. Made off the FX thread (reading, decoding and encoding are slow); immutable afterwards.
 *
 * @param image  the decoded picture
 * @param argb   its pixels, row by row, as non-premultiplied ARGB
 * @param width  its width in pixels
 * @param height its height in pixels
 */
record Picture(Image image, int[] argb, int width, int height) {
    /** The side, in pixels, of the avatar that is uploaded. */
    static final int AVATAR_SIZE = 256;
    /** The longest edge a picture is decoded at. */
    static final int MAX_EDGE = 2048;
    /** The largest file that is read. */
    static final long MAX_FILE_BYTES = 32L << 20;

    Picture {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(argb, "argb");
    }

    /**
     * Reads and decodes {@code file} (PNG or JPEG; what JavaFX decodes). Off the FX thread.
     *
     * @throws IOException with a sentence for the user when it cannot be read, is too large or is not a picture
     */
    static Picture read(Path file) throws IOException {
        byte[] bytes;
        Optional<PixelSize> size;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new IOException("The picture is larger than " + (MAX_FILE_BYTES >> 20) + " MB.");
            }
            size = PixelSize.of(file);
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw e.getMessage() != null && e.getMessage().startsWith("The picture")
                    ? e : new IOException("The file " + file.getFileName() + " cannot be read.", e);
        }
        if (size.isEmpty()) {
            throw new IOException("This file is not a PNG or JPEG picture.");
        }
        // A requested size scales up as well as down: ask for one only when the picture is larger.
        boolean large = size.get().width() > MAX_EDGE || size.get().height() > MAX_EDGE;
        Image image = large ? new Image(new ByteArrayInputStream(bytes), MAX_EDGE, MAX_EDGE, true, true)
                : new Image(new ByteArrayInputStream(bytes));
        if (image.isError() || image.getPixelReader() == null || image.getWidth() < 1 || image.getHeight() < 1) {
            throw new IOException("This file is not a PNG or JPEG picture.");
        }
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        int[] argb = new int[width * height];
        image.getPixelReader().getPixels(0, 0, width, height, PixelFormat.getIntArgbInstance(), argb, 0, width);
        return new Picture(image, argb, width, height);
    }

    /**
     * An avatar as the server gave it, decoded for showing at no more than {@value #AVATAR_SIZE} pixels a side. Off
     * the FX thread.
     *
     * @throws IOException when the bytes are not a picture JavaFX decodes
     */
    static Image shown(byte[] avatar) throws IOException {
        Image image = new Image(new ByteArrayInputStream(avatar), AVATAR_SIZE, AVATAR_SIZE, true, true);
        if (image.isError()) {
            throw new IOException("the avatar is not a picture");
        }
        return image;
    }

    /** The crop's first square: the largest one in the middle. */
    CropSquare initialSquare() {
        return CropSquare.centred(width, height);
    }

    /**
     * Writes {@code square} of this picture, scaled to {@value #AVATAR_SIZE} × {@value #AVATAR_SIZE}, as a PNG file
     * ({@link PngWriter}); returns the scaled image, to show. Off the FX thread.
     */
    Image writeAvatar(CropSquare square, Path target) throws IOException {
        WritableImage avatar = new WritableImage(AVATAR_SIZE, AVATAR_SIZE);
        avatar.getPixelWriter().setPixels(0, 0, AVATAR_SIZE, AVATAR_SIZE, PixelFormat.getIntArgbInstance(),
                square.scale(argb, width, height, AVATAR_SIZE), 0, AVATAR_SIZE);
        PngWriter.write(avatar, target);
        return avatar;
    }
}
