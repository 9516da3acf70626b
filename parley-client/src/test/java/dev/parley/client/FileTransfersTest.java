package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads and downloads against a local HTTP server: the bytes, the headers, progress, cancel, errors, stalls. */
class FileTransfersTest {
    private static final String FILES = "/parley/test/chatfiles";
    private static final String UPLOADED =
            "{\"entities\":[{\"uuid\":\"u-1\",\"type\":\"chatfile\",\"share-secret\":\"sec\"}]}";

    @TempDir
    Path dir;
    private HttpStub stub;
    private RestApi rest;
    private FileTransfers transfers;
    private final List<long[]> progress = new CopyOnWriteArrayList<>();
    private final TransferListener recorder = (done, total) -> progress.add(new long[] {done, total});

    @BeforeEach
    void start() throws IOException {
        stub = new HttpStub();
        useRestTimeout(Duration.ofSeconds(10));
    }

    private void useRestTimeout(Duration timeout) {
        if (rest != null) {
            transfers.close();
            rest.close();
        }
        rest = new RestApi(ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .apiUrl(stub.url()).restTimeout(timeout).build());
        transfers = new FileTransfers(rest, Runnable::run);
    }

    @AfterEach
    void stop() {
        transfers.close();
        rest.close();
        stub.close();
    }

    private Path file(String name, int size) throws IOException {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    private static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static Throwable failureOf(CompletableFuture<?> future) {
        Throwable failure = future.handle((v, e) -> e).orTimeout(20, TimeUnit.SECONDS).join();
        assertThat(failure).as("the future failed").isNotNull();
        return failure instanceof CompletionException c ? c.getCause() : failure;
    }

    private void assertProgressRisesTo(long size) {
        assertThat(progress).isNotEmpty();
        for (int i = 1; i < progress.size(); i++) {
            assertThat(progress.get(i)[0]).isGreaterThanOrEqualTo(progress.get(i - 1)[0]);
        }
        assertThat(progress.getLast()).containsExactly(size, size);
        assertThat(progress.size()).isLessThanOrEqualTo(102); // about once per percent, and the final count
    }

    @Test
    void anUploadStreamsTheFileAsMultipartWithTheTokenAndReportsProgress() throws IOException {
        int size = 300_000;
        Path photo = file("photo.jpg", size);
        stub.json("POST", FILES, 200, UPLOADED);

        Attachment uploaded = await(transfers.upload("tok", photo, "photo.jpg", "image/jpeg", recorder).result());
        assertThat(uploaded).isEqualTo(Attachment.of("u-1", "sec", "photo.jpg", size, "image/jpeg"));

        HttpStub.Request request = stub.next();
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
        String contentType = request.header("Content-Type");
        assertThat(contentType).startsWith("multipart/form-data; boundary=");
        assertThat(request.header("Content-Length")).isEqualTo(Integer.toString(request.body().length));
        assertThat(request.header("Transfer-Encoding")).isNull();
        List<byte[][]> parts = MultipartBodyTest.parse(request.body(),
                contentType.substring(contentType.indexOf('=') + 1));
        assertThat(parts).hasSize(1);
        assertThat(new String(parts.getFirst()[0], StandardCharsets.UTF_8))
                .contains("name=\"file\"; filename=\"photo.jpg\"").contains("Content-Type: image/jpeg");
        assertThat(parts.getFirst()[1]).isEqualTo(Files.readAllBytes(photo));
        assertProgressRisesTo(size);
    }

    @Test
    void cancellingAnUploadStopsItsBytes() throws Exception {
        int size = 48 << 20;
        Path big = file("big.bin", size);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch cancelled = new CountDownLatch(1);
        AtomicLong received = new AtomicLong();
        stub.on("POST", FILES, exchange -> {
            InputStream in = exchange.getRequestBody();
            received.addAndGet(in.readNBytes(64 * 1024).length);
            started.countDown();
            try {
                cancelled.await(10, TimeUnit.SECONDS);
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    received.addAndGet(n);
                }
            } catch (IOException | InterruptedException e) {
                // the client went away: expected
            }
            stub.record(exchange, new byte[0]);
        });

        CompletableFuture<Attachment> upload = transfers.upload("tok", big, "big.bin", "application/octet-stream",
                recorder).result();
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(upload.cancel(true)).isTrue();
        cancelled.countDown();
        stub.next();
        assertThat(received.get()).as("bytes the server got of a %d MB upload", size >> 20).isLessThan(size);
        assertThat(upload).isCancelled();
    }

    @Test
    void anUploadTheServerRefusesAsTooLargeFailsWith405AndTheErrorName() throws IOException {
        stub.json("POST", FILES, 413, "{\"error\":\"request_entity_too_large\",\"error_description\":\"over 10 MB\"}");
        Throwable failure = failureOf(transfers.upload("tok", file("a.bin", 1000), "a.bin", "x/y", recorder).result());
        assertThat(failure).isInstanceOfSatisfying(ChatRestException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(413);
            assertThat(e.error()).isEqualTo("request_entity_too_large");
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_TOO_LARGE.code());
        });
    }

    @Test
    void aFileThatCannotBeReadFailsWith400WithoutARequest() {
        Throwable failure = failureOf(transfers.upload("tok", dir.resolve("missing.png"), "missing.png", "image/png",
                recorder).result());
        assertThat(failure).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND.code()));
        assertThat(stub.all).isEmpty();
    }

    private void serveFile(String uuid, byte[] content) {
        stub.on("GET", FILES + "/" + uuid, exchange -> {
            stub.record(exchange, new byte[0]);
            if (!"sec".equals(exchange.getRequestHeaders().getFirst("share-secret"))) {
                HttpStub.respond(exchange, 401, "{\"error\":\"unauthorized\",\"error_description\":\"wrong secret\"}");
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, content.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(content);
            }
        });
    }

    @Test
    void aDownloadWritesTheFileWithTheShareSecretAndReportsProgress() throws IOException {
        byte[] content = Files.readAllBytes(file("source", 1 << 20));
        serveFile("u-1", content);
        Path target = dir.resolve("down").resolve("cat.png");
        Files.createDirectories(target.getParent());
        Attachment cat = Attachment.of("u-1", "sec", "cat.png", content.length, "image/png");

        assertThat(await(transfers.download("tok", cat, false, target, recorder).result())).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        HttpStub.Request request = stub.next();
        assertThat(request.header("share-secret")).isEqualTo("sec");
        assertThat(request.header("Authorization")).isEqualTo("Bearer tok");
        assertThat(request.query()).isEmpty();
        assertProgressRisesTo(content.length);
        try (Stream<Path> files = Files.list(target.getParent())) {
            assertThat(files).containsExactly(target); // no temporary file left
        }
    }

    @Test
    void aThumbnailIsAskedForWithTheQuery() throws IOException {
        serveFile("u-1", new byte[] {1, 2, 3});
        Path target = dir.resolve("thumb.png");
        await(transfers.download("tok", Attachment.of("u-1", "sec", "cat.png", 9, "image/png"), true, target,
                recorder).result());
        assertThat(stub.next().query()).isEqualTo("thumbnail=true");
        assertThat(Files.readAllBytes(target)).containsExactly(1, 2, 3);
    }

    @Test
    void downloadErrorsKeepTheStatusAndLeaveNoFile() throws IOException {
        serveFile("u-1", new byte[10]);
        Path target = dir.resolve("x.png");
        Throwable wrongSecret = failureOf(transfers.download("tok", Attachment.of("u-1", "nope", "x.png", 10, "x/y"),
                false, target, recorder).result());
        assertThat(wrongSecret).isInstanceOfSatisfying(ChatRestException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(401);
            assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILED.code());
        });
        Throwable unknown = failureOf(transfers.download("tok", Attachment.of("u-2", "sec", "x.png", 10, "x/y"),
                false, target, recorder).result());
        assertThat(unknown).isInstanceOfSatisfying(ChatRestException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.code()).isEqualTo(ErrorCode.FILE_NOT_FOUND.code());
        });
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    /** Sends the headers and {@code first} bytes of a larger body, then waits for {@code release}. */
    private void serveSlowly(int size, int first, CountDownLatch sent, CountDownLatch release) {
        stub.on("GET", FILES + "/u-9", (HttpExchange exchange) -> {
            stub.record(exchange, new byte[0]);
            exchange.sendResponseHeaders(200, size);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(new byte[first]);
                out.flush();
                sent.countDown();
                release.await(10, TimeUnit.SECONDS);
                out.write(new byte[size - first]);
            } catch (IOException | InterruptedException e) {
                // the client went away: expected
            }
        });
    }

    @Test
    void cancellingADownloadLeavesNoFile() throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serveSlowly(4 << 20, 256 * 1024, sent, release);
        Path target = dir.resolve("big.bin");
        CompletableFuture<Path> download = transfers.download("tok", Attachment.of("u-9", "sec", "big.bin", 4 << 20,
                "x/y"), false, target, recorder).result();
        assertThat(sent.await(10, TimeUnit.SECONDS)).isTrue();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (progress.isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(download.cancel(true)).isTrue();
        release.countDown();
        assertThat(failureOf(download)).isInstanceOf(CancellationException.class);
        awaitEmpty(dir);
        assertThat(target).doesNotExist();
    }

    @Test
    void aStalledDownloadFailsWithTimeoutAndLeavesNoFile() throws Exception {
        useRestTimeout(Duration.ofMillis(300));
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        serveSlowly(1 << 20, 64 * 1024, sent, release);
        Path target = dir.resolve("stalled.bin");
        Throwable failure = failureOf(transfers.download("tok", Attachment.of("u-9", "sec", "s.bin", 1 << 20, "x/y"),
                false, target, recorder).result());
        release.countDown();
        assertThat(failure).isInstanceOfSatisfying(ChatException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT.code()));
        awaitEmpty(dir);
    }

    /** Waits (on the file system's deletion events, 5 s at most) until nothing is left in {@code dir}. */
    private static void awaitEmpty(Path dir) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        try (java.nio.file.WatchService watcher = dir.getFileSystem().newWatchService()) {
            dir.register(watcher, java.nio.file.StandardWatchEventKinds.ENTRY_DELETE);
            while (true) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<Path> left = files.toList();
                    if (left.isEmpty()) {
                        return;
                    }
                    long remaining = deadline - System.nanoTime();
                    assertThat(remaining).as("files left: %s", left).isPositive();
                    java.nio.file.WatchKey key = watcher.poll(remaining, TimeUnit.NANOSECONDS);
                    if (key != null) {
                        key.pollEvents();
                        key.reset();
                    }
                }
            }
        }
    }
}
