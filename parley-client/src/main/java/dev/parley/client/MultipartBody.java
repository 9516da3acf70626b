package dev.parley.client;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Collections;

/**
 * A {@code multipart/form-data} body (RFC 7578) with one part, a file, streamed from disk: the part's headers, the
 * file's bytes as they are read, then the closing delimiter. Its length is known in advance, so the request carries a
 * {@code Content-Length} (no chunked encoding). The file is read in the HTTP client's buffers, never whole in memory,
 * and opened anew for each attempt.
 * <p>
 * The boundary is 24 random bytes in hex behind a fixed prefix (55 characters; RFC 2046 allows 70): the file's content
 * is not scanned for it (that would read the file twice), and the chance that a file holds it is 2<sup>-192</sup>. Field and file names are written as
 * the HTML standard writes them: UTF-8 in quotes, with {@code "}, CR and LF percent-encoded.
 */
final class MultipartBody {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CRLF = "\r\n";

    private final String boundary;
    private final byte[] head;
    private final byte[] tail;
    private final Path file;
    private final long fileSize;

    /**
     * A body of one file part.
     *
     * @param field    the part's name, such as {@code file}
     * @param filename the file name to send
     * @param mime     the file's media type
     * @param file     the file to stream
     * @param fileSize its size in bytes (read before, so that the length is known)
     */
    MultipartBody(String field, String filename, String mime, Path file, long fileSize) {
        this(newBoundary(), field, filename, mime, file, fileSize);
    }

    MultipartBody(String boundary, String field, String filename, String mime, Path file, long fileSize) {
        this.boundary = boundary;
        this.file = file;
        this.fileSize = fileSize;
        this.head = ("--" + boundary + CRLF
                + "Content-Disposition: form-data; name=\"" + escape(field) + "\"; filename=\"" + escape(filename)
                + "\"" + CRLF
                + "Content-Type: " + mime.replaceAll("[\\r\\n]", "") + CRLF
                + CRLF).getBytes(StandardCharsets.UTF_8);
        this.tail = (CRLF + "--" + boundary + "--" + CRLF).getBytes(StandardCharsets.US_ASCII);
    }

    /** The request's {@code Content-Type}. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    String boundary() {
        return boundary;
    }

    /** The body's length in bytes. */
    long contentLength() {
        return head.length + fileSize + tail.length;
    }

    /**
     * The whole body as a stream, reporting the file's bytes to {@code transfer} as they are read, and failing once
     * the transfer is stopped.
     */
    InputStream open(Transfer<?> transfer) throws IOException {
        transfer.checkNotStopped();
        InputStream content = new Counted(Files.newInputStream(file), transfer);
        transfer.begin(fileSize);
        transfer.stream(content);
        List<InputStream> parts = List.of(new ByteArrayInputStream(head), content, new ByteArrayInputStream(tail));
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    /** The body for the JDK's HTTP client, with its length; each subscription opens the file anew. */
    HttpRequest.BodyPublisher publisher(Transfer<?> transfer) {
        return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
            try {
                return open(transfer);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), contentLength());
    }

    private static String escape(String name) {
        return name.replace("\"", "%22").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String newBoundary() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return "parley-" + HexFormat.of().formatHex(random);
    }

    /** The file's bytes, counted, failing once the transfer is stopped. */
    private static final class Counted extends FilterInputStream {
        private final Transfer<?> transfer;

        Counted(InputStream in, Transfer<?> transfer) {
            super(in);
            this.transfer = transfer;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            transfer.checkNotStopped();
            int n = super.read(b, off, len);
            if (n > 0) {
                transfer.moved(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("a multipart body is not skipped");
        }
    }
}
