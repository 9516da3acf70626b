package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The per-connection outbound queue: one writer at a time, offer order kept, bounded in bytes, failing once. */
class OutboundTest {

    @Test
    void framesFromManyThreadsLeaveOneAtATimeInEachThreadsOrder() throws Exception {
        ExecutorService completions = Executors.newSingleThreadExecutor();
        AtomicBoolean inSend = new AtomicBoolean();
        AtomicInteger overlaps = new AtomicInteger();
        List<String> written = new CopyOnWriteArrayList<>();
        Outbound out = new Outbound((frames, done) -> {
            if (!inSend.compareAndSet(false, true)) {
                overlaps.incrementAndGet();
            }
            String text = frames.getFirst().text();
            written.add(text);
            inSend.set(false);
            if (text.hashCode() % 2 == 0) {
                done.accept(null); // written at once, inside the send
            } else {
                completions.execute(() -> done.accept(null)); // written later, on another thread
            }
        }, 1L << 40, failure -> { });
        int threads = 4;
        int perThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<CompletableFuture<Void>> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            producers.add(CompletableFuture.runAsync(() -> {
                await(start);
                for (int i = 0; i < perThread; i++) {
                    assertThat(out.offer(Outbound.Encoded.of(thread + ":" + i))).isTrue();
                    out.flush();
                }
            }));
        }
        start.countDown();
        CompletableFuture.allOf(producers.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        CompletableFuture<Void> drained = new CompletableFuture<>();
        out.whenBelow(0, () -> drained.complete(null));
        drained.get(10, TimeUnit.SECONDS);
        completions.shutdown();

        assertThat(overlaps.get()).as("sends that overlapped").isZero();
        assertThat(written).hasSize(threads * perThread);
        int[] next = new int[threads];
        for (String text : written) {
            int thread = Integer.parseInt(text.substring(0, text.indexOf(':')));
            assertThat(Integer.parseInt(text.substring(text.indexOf(':') + 1))).isEqualTo(next[thread]++);
        }
        assertThat(out.queuedBytes()).isZero();
    }

    @Test
    void anOfferPastTheBoundInBytesIsRefusedUntilTheClientReads() {
        List<Consumer<Throwable>> pending = new ArrayList<>();
        Outbound out = new Outbound((frames, done) -> pending.add(done), 10, failure -> { });
        assertThat(out.offer(Outbound.Encoded.of("123456"))).isTrue();
        assertThat(out.offer(Outbound.Encoded.of("1234"))).isTrue();
        assertThat(out.offer(Outbound.Encoded.of("1"))).as("11 bytes > 10").isFalse();
        out.flush();
        assertThat(out.queuedBytes()).isEqualTo(10);
        AtomicBoolean below = new AtomicBoolean();
        out.whenBelow(4, () -> below.set(true));
        assertThat(below).isFalse();
        pending.getFirst().accept(null); // the client read the first frame
        assertThat(below).isTrue();
        assertThat(out.offer(Outbound.Encoded.of("1"))).isTrue();
    }

    @Test
    void aFailedSendFailsTheQueueOnceAndNeverThrows() {
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger sends = new AtomicInteger();
        Outbound out = new Outbound((frames, done) -> {
            sends.incrementAndGet();
            throw new IllegalStateException("The connection has been closed.");
        }, 1_000, failure -> failures.incrementAndGet());
        out.offer(Outbound.Encoded.of("a"));
        out.offer(Outbound.Encoded.of("b"));
        out.flush();
        assertThat(out.offer(Outbound.Encoded.of("c"))).isFalse();
        out.flush();
        assertThat(failures.get()).isEqualTo(1);
        assertThat(sends.get()).as("nothing more is tried after the first failure").isEqualTo(1);
        assertThat(out.failed()).isTrue();
        assertThat(out.queuedBytes()).isZero();
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void aGatheringSinkGetsWhatIsQueuedInOneSendUpToTheGatherLimit() {
        List<List<String>> sends = new ArrayList<>();
        List<Consumer<Throwable>> pending = new ArrayList<>();
        Outbound out = new Outbound(new Outbound.Sink() {
            @Override
            public void send(List<Outbound.Encoded> frames, Consumer<Throwable> done) {
                sends.add(frames.stream().map(Outbound.Encoded::text).toList());
                pending.add(done);
            }

            @Override
            public boolean gathers() {
                return true;
            }
        }, 1L << 30, failure -> { });
        String big = "x".repeat(Outbound.MAX_GATHER / 2);
        for (String text : List.of("a", "b", "c", big, big, "d")) {
            out.offer(Outbound.Encoded.of(text));
        }
        out.flush();

        // a, b, c and the first big one fit in 64 KiB; the second big one would not: it starts the next send
        assertThat(sends).containsExactly(List.of("a", "b", "c", big), List.of(big, "d"));
        assertThat(out.queuedBytes()).isEqualTo(4 + 2L * big.length());
        pending.forEach(done -> done.accept(null));
        assertThat(out.queuedBytes()).isZero();
    }

    @Test
    void aFrameIsFramedOnceWithTheShortestLengthHeader() {
        for (int n : new int[] {0, 125, 126, 65_535, 65_536}) {
          for (String text : List.of("é".repeat(n / 2) + "x".repeat(n % 2), "{\"".repeat(n / 2) + "x".repeat(n % 2))) {
            byte[] wire = Outbound.Encoded.of(text).wire();
            int header = n < 126 ? 2 : n <= 65_535 ? 4 : 10;
            assertThat(wire).hasSize(header + n);
            assertThat(java.util.Arrays.copyOfRange(wire, header, wire.length)).as("the payload, UTF-8")
                    .isEqualTo(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(wire[0]).as("FIN and text").isEqualTo((byte) 0x81);
            long length = switch (header) {
                case 2 -> wire[1];
                case 4 -> ((wire[2] & 0xFF) << 8) | (wire[3] & 0xFF);
                default -> java.nio.ByteBuffer.wrap(wire, 2, 8).getLong();
            };
            assertThat(length).as("length of %d", n).isEqualTo(n);
            assertThat(wire[1] & 0x80).as("a server frame is not masked").isZero();
          }
        }
    }
}
