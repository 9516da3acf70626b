package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed multipart body: what it writes parses back, and a large file never sits in memory. */
class MultipartBodyTest {
    @TempDir
    Path dir;

    private static Transfer<Void> transfer() {
        return new Transfer<>("a test upload", TransferListener.NONE, Runnable::run);
    }

    /** Everything the publisher publishes, one buffer at a time. */
    private static byte[] drain(HttpRequest.BodyPublisher publisher) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<Void> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                out.writeBytes(bytes);
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.orTimeout(30, TimeUnit.SECONDS).join();
        return out.toByteArray();
    }

    /** The parts of a multipart body: each part's header block and content, checking the delimiters. */
    static List<byte[][]> parse(byte[] body, String boundary) {
        byte[] first = ("--" + boundary + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        assertThat(Arrays.copyOf(body, first.length)).as("the body starts with the first delimiter").isEqualTo(first);
        List<byte[][]> parts = new ArrayList<>();
        int at = first.length;
        while (true) {
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), at);
            int next = indexOf(body, delimiter, headersEnd);
            assertThat(headersEnd).isPositive();
            assertThat(next).as("a closing delimiter").isPositive();
            parts.add(new byte[][] {Arrays.copyOfRange(body, at, headersEnd),
                    Arrays.copyOfRange(body, headersEnd + 4, next)});
            at = next + delimiter.length;
            if (body[at] == '-' && body[at + 1] == '-') {
                assertThat(Arrays.copyOfRange(body, at, body.length))
                        .as("the closing delimiter ends the body").isEqualTo("--\r\n".getBytes(StandardCharsets.US_ASCII));
                return parts;
            }
            assertThat(new String(body, at, 2, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
            at += 2;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void theBodyParsesBackToOneFilePartWithItsBytesAndLength() throws IOException {
        byte[] content = "line one\r\n--not a boundary\r\n\r\nbinary \0\1\2\u00ff end".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("cat.png"), content);
        MultipartBody body = new MultipartBody("file", "cat.png", "image/png", file, content.length);

        byte[] bytes = drain(body.publisher(transfer()));
        assertThat((long) bytes.length).isEqualTo(body.contentLength());
        assertThat(body.contentType()).isEqualTo("multipart/form-data; boundary=" + body.boundary());
        assertThat(body.boundary()).hasSizeBetween(1, 70).matches("[0-9A-Za-z'()+_,./:=?-]+");

        List<byte[][]> parts = parse(bytes, body.boundary());
        assertThat(parts).hasSize(1);
        assertThat(new String(parts.getFirst()[0], StandardCharsets.UTF_8).split("\r\n")).containsExactly(
                "Content-Disposition: form-data; name=\"file\"; filename=\"cat.png\"",
                "Content-Type: image/png");
        assertThat(parts.getFirst()[1]).isEqualTo(content);
    }

    @Test
    void namesAreWrittenAsUtf8WithQuotesAndLineBreaksEscaped() throws IOException {
        Path file = Files.writeString(dir.resolve("x"), "x");
        MultipartBody body = new MultipartBody("file", "caf\u00e9 \"menu\"\r\n.pdf", "application/pdf\r\nX: y", file, 1);
        String headers = new String(parse(drain(body.publisher(transfer())), body.boundary()).getFirst()[0],
                StandardCharsets.UTF_8);
        assertThat(headers.split("\r\n")).containsExactly(
                "Content-Disposition: form-data; name=\"file\"; filename=\"caf\u00e9 %22menu%22%0D%0A.pdf\"",
                "Content-Type: application/pdfX: y");
    }

    @Test
    void twoBodiesHaveDifferentBoundaries() throws IOException {
        Path file = Files.writeString(dir.resolve("x"), "x");
        assertThat(new MultipartBody("file", "x", "text/plain", file, 1).boundary())
                .isNotEqualTo(new MultipartBody("file", "x", "text/plain", file, 1).boundary());
    }

    @Test
    void readingCountsTheFilesBytesAndFailsOnceTheTransferIsStopped() throws IOException {
        Path file = Files.write(dir.resolve("data"), new byte[100_000]);
        AtomicLong reported = new AtomicLong();
        Transfer<Void> transfer = new Transfer<>("a test upload", (done, total) -> reported.set(done), Runnable::run);
        MultipartBody body = new MultipartBody("file", "data", "application/octet-stream", file, 100_000);
        try (InputStream in = body.open(transfer)) {
            in.readNBytes(50_000);
            assertThat(reported.get()).isBetween(40_000L, 50_000L);
            transfer.abort(new ChatException(ErrorCode.DISCONNECTED, "stop"));
            assertThatThrownBy(() -> in.readNBytes(60_000)).isInstanceOf(IOException.class);
        }
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void aTwentyMegabyteFileIsStreamedWithoutTheHeapGrowingByItsSize() throws IOException {
        int size = 20 << 20;
        Path file = dir.resolve("big.bin");
        CRC32 expected = new CRC32();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] chunk = new byte[1 << 20];
            for (int i = 0; i < 20; i++) {
                Arrays.fill(chunk, (byte) (i * 7 + 1));
                chunk[i] = (byte) i;
                out.write(chunk);
                expected.update(chunk);
            }
        }
        MultipartBody body = new MultipartBody("file", "big.bin", "application/octet-stream", file, size);
        System.gc();
        long before = usedHeap();
        long[] atHalf = {-1};
        CRC32 actual = new CRC32();
        long[] total = {0};
        int headLength = body.boundary().length() + 2 + 2
                + "Content-Disposition: form-data; name=\"file\"; filename=\"big.bin\"\r\n".length()
                + "Content-Type: application/octet-stream\r\n\r\n".length();
        CompletableFuture<Void> done = new CompletableFuture<>();
        body.publisher(transfer()).subscribe(new Flow.Subscriber<>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                while (item.hasRemaining()) { // the file's bytes lie between the head and the tail
                    byte b = item.get();
                    if (total[0] >= headLength && total[0] < headLength + size) {
                        actual.update(b);
                    }
                    total[0]++;
                }
                if (atHalf[0] < 0 && total[0] > size / 2) {
                    System.gc();
                    atHalf[0] = usedHeap();
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.orTimeout(60, TimeUnit.SECONDS).join();
        assertThat(total[0]).isEqualTo(body.contentLength());
        assertThat(actual.getValue()).isEqualTo(expected.getValue());
        assertThat(atHalf[0] - before).as("heap growth halfway through a %d MB body", size >> 20)
                .isLessThan(size / 4);
    }
}
