package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The fan-out thread: what follows commits runs in order, and a connection written to by a burst of tasks gets its
 * frames in one gathered write at the end of the burst, not one write each.
 */
class FanOutTest {
    private final FanOut fanOut = new FanOut("test-fanout");
    /** The frames of each write to the socket, in order. */
    private final List<List<String>> writes = new CopyOnWriteArrayList<>();
    private final Outbound out = recording(writes);
    private final FanOut.Flushable connection = out::flush;

    /** A connection's queue on a socket that gathers frames, records each write's frames and completes it at once. */
    private static Outbound recording(List<List<String>> writes) {
        return new Outbound(new Outbound.Sink() {
            @Override
            public void send(List<Outbound.Encoded> frames, Consumer<Throwable> done) {
                writes.add(frames.stream().map(Outbound.Encoded::text).toList());
                done.accept(null);
            }

            @Override
            public boolean gathers() {
                return true;
            }
        }, 1L << 30, failure -> { });
    }

    @AfterEach
    void stop() {
        fanOut.shutdown();
    }

    /** What a connection does with a frame: queues it, then writes at once unless the fan-out writes it later. */
    private void send(String text) {
        out.offer(Outbound.Encoded.of(text));
        if (!FanOut.flushesLater(connection)) {
            connection.flushNow();
        }
    }

    /**
     * Returns once everything submitted before has run and the connections it wrote to are flushed. A task registers
     * a marker to be flushed; a flush takes the connections in the order they were registered, so when the marker is
     * flushed the earlier ones are. A flush may go on with connections written to inside it: a second marker, whose
     * task runs only after that flush has ended, waits for those too.
     */
    private void awaitIdle() throws Exception {
        for (int pass = 0; pass < 2; pass++) {
            CompletableFuture<Void> flushed = new CompletableFuture<>();
            fanOut.execute(() -> assertThat(FanOut.flushesLater(() -> flushed.complete(null))).isTrue());
            flushed.get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void framesQueuedByOneBurstLeaveInOneWriteInTheirOrder() throws Exception {
        CountDownLatch allQueued = new CountDownLatch(1);
        fanOut.execute(() -> {
            try {
                allQueued.await(10, TimeUnit.SECONDS); // the other tasks are queued behind this one: one burst
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send("message 1");
        });
        fanOut.execute(() -> send("receipt 1"));
        fanOut.execute(() -> send("message 2"));
        allQueued.countDown();
        awaitIdle();

        assertThat(writes).containsExactly(List.of("message 1", "receipt 1", "message 2"));
    }

    @Test
    void aFrameSentFromAnotherThreadIsWrittenAtOnce() {
        send("pong");

        assertThat(writes).containsExactly(List.of("pong"));
    }

    @Test
    void aLongBurstIsFlushedEveryFewTasksSoThatNoFrameWaitsLong() throws Exception {
        CountDownLatch allQueued = new CountDownLatch(1);
        int tasks = FanOut.MAX_TASKS_PER_FLUSH + 10;
        fanOut.execute(() -> {
            try {
                allQueued.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < tasks; i++) {
            String text = "m" + i;
            fanOut.execute(() -> send(text));
        }
        allQueued.countDown();
        awaitIdle();

        assertThat(writes).hasSize(2);
        assertThat(writes.getFirst()).hasSize(FanOut.MAX_TASKS_PER_FLUSH - 1); // the first task sent nothing
        assertThat(writes.stream().flatMap(List::stream).toList()).hasSize(tasks).startsWith("m0", "m1")
                .endsWith("m" + (tasks - 1));
    }

    @Test
    void framesQueuedWhileTheBurstIsFlushedAreFlushedToo() throws Exception {
        // a write that completes inside the flush runs what waited for it, which queues a frame on another connection
        List<List<String>> otherWrites = new CopyOnWriteArrayList<>();
        Outbound other = recording(otherWrites);
        FanOut.Flushable otherConnection = other::flush;
        FanOut.Flushable chained = () -> {
            connection.flushNow();
            other.offer(Outbound.Encoded.of("next page"));
            if (!FanOut.flushesLater(otherConnection)) {
                otherConnection.flushNow();
            }
        };
        fanOut.execute(() -> {
            out.offer(Outbound.Encoded.of("last page"));
            assertThat(FanOut.flushesLater(chained)).isTrue();
        });
        awaitIdle();

        assertThat(writes).containsExactly(List.of("last page"));
        assertThat(otherWrites).containsExactly(List.of("next page"));
        fanOut.execute(() -> send("the fan-out still runs"));
        awaitIdle();
        assertThat(writes).endsWith(List.of("the fan-out still runs"));
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOnesAfterIt() throws Exception {
        fanOut.execute(() -> {
            throw new IllegalStateException("a delivery went wrong");
        });
        fanOut.execute(() -> send("next message"));
        awaitIdle();

        assertThat(writes).containsExactly(List.of("next message"));
    }

    @Test
    void afterShutdownQueuedTasksStillRunAndNewOnesAreRefused() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> last = new CompletableFuture<>();
        fanOut.execute(() -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        fanOut.execute(() -> {
            send("queued before shutdown");
            last.complete(null);
        });
        fanOut.shutdown();
        release.countDown();

        last.get(10, TimeUnit.SECONDS);
        assertThatThrownBy(() -> fanOut.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }
}
