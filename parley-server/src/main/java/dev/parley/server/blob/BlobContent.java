package dev.parley.server.blob;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Bytes to send: a blob or its thumbnail, opened for reading. Close it (it holds an open file).
 *
 * @param mime     its {@code Content-Type}
 * @param size     its length in bytes ({@code Content-Length})
 * @param filename the file name to offer ({@code Content-Disposition}), sanitised when stored
 * @param stream   the bytes, from the first
 */
public record BlobContent(String mime, long size, String filename, InputStream stream) implements Closeable {
    public BlobContent {
        Objects.requireNonNull(mime, "mime");
        Objects.requireNonNull(filename, "filename");
        Objects.requireNonNull(stream, "stream");
    }

    @Override
    public void close() throws IOException {
        stream.close();
    }
}
