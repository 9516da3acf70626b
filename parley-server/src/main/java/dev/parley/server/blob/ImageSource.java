package dev.parley.server.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * The bytes of an upload being stored, readable again from the first byte as often as needed: the header reader
 * ({@link ImageHeader#read}) and the thumbnailer's decoder ({@link Thumbnailer#make}) each open their own stream. A
 * file store reads its {@code .part} file; the PostgreSQL store reads the chunks its open transaction wrote.
 * <p>
 * Threading: the streams opened are used by one thread each; the thumbnailer opens its stream on its own pool.
 */
interface ImageSource {

    /** The bytes from the first, in order; the caller closes it. */
    InputStream open() throws IOException;

    /** The bytes as the {@code javax.imageio} decoders read them (seeking back and forth); the caller closes it. */
    ImageInputStream openImage() throws IOException;

    /** The bytes of {@code file}. */
    static ImageSource of(Path file) {
        return new ImageSource() {
            @Override
            public InputStream open() throws IOException {
                return Files.newInputStream(file);
            }

            @Override
            public ImageInputStream openImage() throws IOException {
                return new FileImageInputStream(file.toFile());
            }
        };
    }
}
