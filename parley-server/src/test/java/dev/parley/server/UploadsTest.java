package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.rest.UploadServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multipart building block of the REST layer ({@code Uploads} behind the real front, over real HTTP): a file part
 * is streamed to disk as it arrives, never held in memory, and a file over the limit is refused with 413 without
 * anything left behind. The uploads are sent over a raw socket, so that the test controls the pace and the client
 * holds nothing in memory either.
 */
class UploadsTest {
    private static final long LIMIT = 10L * 1024 * 1024;
    private static final long MB = 1024 * 1024;
    private static final String BOUNDARY = "parley-test-boundary-7f3a9c2e41d84b6f";

    @TempDir
    Path dir;

    private UploadServer server;

    @BeforeEach
    void start() throws IOException {
        server = new UploadServer(dir, LIMIT);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** Everything of the body before the file's bytes: a small field, then the file part's headers. */
    private static byte[] head() {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static String requestHead(String lengthOrChunked) {
        return "POST /upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=" + BOUNDARY
                + "\r\n" + lengthOrChunked + "\r\n\r\n";
    }

    /** File bytes that are the same for the same seed, made 64 KB at a time. */
    private static final class FileBytes {
        private final Random random = new Random(42);
        private final MessageDigest sha;

        FileBytes() throws Exception {
            sha = MessageDigest.getInstance("SHA-256");
        }

        byte[] next(int n) {
            byte[] b = new byte[n];
            random.nextBytes(b);
            sha.update(b);
            return b;
        }

        String digest() {
            return HexFormat.of().formatHex(sha.digest());
        }
    }

    @Test
    void anEightMegabyteFileIsStreamedToDiskAndNeverHeldInMemory() throws Exception {
        long size = 8 * MB;
        FileBytes file = new FileBytes();
        HeapSnapshot before = HeapSnapshot.take();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] head = head();
            byte[] tail = tail();
            out.write(requestHead("Content-Length: " + (head.length + size + tail.length))
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            long sent = 0;
            for (; sent < 6 * MB; sent += 64 * 1024) {
                out.write(file.next(64 * 1024));
            }
            out.flush();
            // the server writes the part to disk as it reads it: the stored file grows before the body is complete
            Eventually.await("5 MB of the file on disk before the upload is complete", Duration.ofSeconds(20),
                    () -> storedBytes() >= 5 * MB);
            HeapSnapshot during = HeapSnapshot.take();
            long grown = during.used() - before.used();
            System.out.printf("8 MB upload, 6 MB sent, %d MB on disk: heap %+.2f MB after GC%n",
                    storedBytes() / MB, grown / (double) MB);
            assertThat(grown).as("heap growth in the middle of the upload (the file is 8 MB)").isLessThan(3 * MB);
            for (; sent < size; sent += 64 * 1024) {
                out.write(file.next(64 * 1024));
            }
            out.write(tail);
            out.flush();
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"size\":" + size, "\"filename\":\"big.bin\"",
                    "\"contentType\":\"application/octet-stream\"");
        }
        List<Path> stored = files();
        assertThat(stored).singleElement();
        assertThat(Files.size(stored.getFirst())).isEqualTo(size);
        assertThat(sha256(stored.getFirst())).as("the stored file is the file sent").isEqualTo(file.digest());
    }

    @Test
    void elevenMegabytesAnnouncedAreRefusedWith413BeforeAnyIsRead() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(requestHead("Content-Length: " + 11 * MB)
                    .getBytes(StandardCharsets.US_ASCII));
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(413);
            assertThat(answer.body()).contains("\"error\":\"request_entity_too_large\"");
            assertThat(answer.head()).containsIgnoringCase("Connection: close");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AsSoonAsItPassesItAndNothingIsLeftBehind() throws Exception {
        // within the body's cap (the limit and 64 KB of multipart overhead), so the server starts reading it
        long size = LIMIT + 48 * 1024;
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] head = head();
            byte[] tail = tail();
            out.write(requestHead("Content-Length: " + (head.length + size + tail.length))
                    .getBytes(StandardCharsets.US_ASCII));
            FileBytes file = new FileBytes();
            // a thread of its own: on two cores the common pool has one, which another test may hold
            CompletableFuture<Long> sending = new CompletableFuture<>();
            Thread.ofPlatform().daemon().name("upload-writer").start(() -> sending.complete(writeAll(out, head, size, file, tail)));
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(413);
            assertThat(answer.body()).contains("\"error\":\"request_entity_too_large\"");
            assertThat(answer.head()).containsIgnoringCase("Connection: close");
            System.out.printf("a %d KB file against a %d KB limit: 413 after the client had written %d KB%n",
                    size / 1024, LIMIT / 1024, sending.get() / 1024);
        }
        Eventually.await("no file left behind", Duration.ofSeconds(5), () -> files().isEmpty());
    }

    /** Writes the body, 16 KB at a time; how many file bytes went out before the server closed the connection. */
    private static long writeAll(OutputStream out, byte[] head, long size, FileBytes file, byte[] tail) {
        long sent = 0;
        try {
            out.write(head);
            for (; sent < size; sent += 16 * 1024) {
                out.write(file.next(16 * 1024));
            }
            out.write(tail);
        } catch (IOException closed) {
            // the server refused the rest and closed the connection
        }
        return sent;
    }

    @Test
    void aClientThatPausesLongerThanTheTransportsReadTimeoutIsStillHeard() throws Exception {
        // Grizzly's blocking read gives up after the transport's read timeout (30 s by default, 300 ms here); the
        // upload deadline (60 s here) is what decides how long a client may pause
        server.close();
        server = new UploadServer(dir, LIMIT, Duration.ofMillis(300));
        long size = 2 * MB;
        FileBytes file = new FileBytes();
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            byte[] head = head();
            byte[] tail = tail();
            out.write(requestHead("Content-Length: " + (head.length + size + tail.length))
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(head);
            out.write(file.next((int) MB));
            out.flush();
            Eventually.await("the first megabyte on disk", Duration.ofSeconds(20), () -> storedBytes() >= MB - 64 * 1024);
            LockSupport.parkNanos(Duration.ofMillis(1200).toNanos()); // the client's pause: four read timeouts
            out.write(file.next((int) MB));
            out.write(tail);
            out.flush();
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.body()).contains("\"size\":" + size);
        }
        assertThat(files()).singleElement().satisfies(f -> assertThat(Files.size(f)).isEqualTo(size));
    }

    @Test
    void anUploadWithoutAContentLengthIs411() throws Exception {
        try (Socket socket = connect()) {
            socket.getOutputStream().write(requestHead("Transfer-Encoding: chunked")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(socket.getOutputStream(), head());
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(411);
            assertThat(answer.body()).contains("\"error\":\"length_required\"");
        }
        assertThat(files()).isEmpty();
    }

    @Test
    void aBodyWithoutAFilePartIs400() throws Exception {
        byte[] body = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--"
                + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = connect()) {
            socket.getOutputStream().write(requestHead("Content-Length: " + body.length)
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            Answer answer = read(socket.getInputStream());
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"error\":\"illegal_argument\"");
        }
        assertThat(files()).isEmpty();
    }

    private static void chunk(OutputStream out, byte[] data) throws IOException {
        out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(data);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private List<Path> files() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long storedBytes() {
        return files().stream().mapToLong(f -> f.toFile().length()).sum();
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                sha.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private record Answer(int status, String head, String body) {
    }

    /** One response: its head, and the body its Content-Length announces. */
    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("the connection closed before an answer: " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Answer(Integer.parseInt(text.split(" ")[1]), text, body);
    }
}
