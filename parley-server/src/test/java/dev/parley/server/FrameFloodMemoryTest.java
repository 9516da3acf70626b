package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A flood of frames on one connection leaves no trace in the heap: after a million frames (WebSocket pings and JSON
 * {@code ping} frames, half each, every one answered) the heap is not larger than it was after the first 200,000,
 * and once the connection has closed it is back within a few MB of where it was before.
 * <p>
 * On its own branch this test fails, and is meant to: Tyrus re-arms its idle-timeout task on every frame it receives
 * (TyrusSession.restartIdleTimeoutExecutor) and the cancelled tasks stay queued in its scheduler until they fall due,
 * 90 s later: about 100 bytes a frame, 100 MB for this flood, still held after the connection has closed. It passes
 * once the container's idle timeout is 0 (a periodic sweep closes idle sessions instead). When the server gets a
 * per-connection frame-rate limit, {@link #config} must raise it far above this flood.
 */
class FrameFloodMemoryTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int FRAMES = 1_000_000;
    private static final int CHECKPOINT = 200_000;
    /** Frames written in one go: half WebSocket pings, half JSON pings. */
    private static final int BATCH = 1_000;
    /** Frames sent and not yet answered, at most: the client reads as it writes, as a real one would. */
    private static final int IN_FLIGHT = 4 * BATCH;
    /** What "a few MB" means here: a flood that kept 100 bytes a frame would add 80 MB between the checks. */
    private static final long SLACK = 4_000_000;

    @TempDir
    Path dir;

    private ServerConfig config() {
        // the frame budget would end the flood after its burst: this test is about what each frame leaves behind
        return ServerConfig.builder().dataDir(dir).port(0).frameRate(1e9, 1_000_000_000).build();
    }

    /** One connection that floods and reads every answer; {@link #sendUntil} returns once all are answered. */
    private static final class Flood implements AutoCloseable {
        private final WireClient client;
        private final byte[] batch;
        private final Semaphore window = new Semaphore(IN_FLIGHT);
        private final AtomicLong answered = new AtomicLong();
        private final CompletableFuture<Void> readerDone = new CompletableFuture<>();
        private long sent;

        Flood(ParleyServer server, String user) {
            client = WireClient.connect(server.port());
            client.sendText(CODEC.encode(new Frame.Open(server.appKey(), user,
                    server.userToken(user, Duration.ofHours(1)), "")));
            while (true) {
                WireClient.WireFrame f = client.next(WAIT).orElseThrow(() -> new AssertionError("no sign-in"));
                assertThat(f.opcode()).as("signed in, not closed").isEqualTo(WireClient.TEXT);
                if (CODEC.decodeServerFrame(f.text()) instanceof Frame.SyncEnd) {
                    break;
                }
            }
            byte[] jsonPing = CODEC.encode(new Frame.Ping(7)).getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream frames = new ByteArrayOutputStream();
            for (int i = 0; i < BATCH / 2; i++) {
                frames.writeBytes(WireClient.encode(WireClient.PING, new byte[] {1, 2, 3, 4}, true, true));
                frames.writeBytes(WireClient.encode(WireClient.TEXT, jsonPing, true, true));
            }
            batch = frames.toByteArray();
            Thread.ofPlatform().daemon().name("flood-reader").start(this::read);
        }

        private void read() {
            try {
                while (true) {
                    WireClient.WireFrame f = client.next(WAIT).orElseThrow(() -> new AssertionError(
                            "no answer within " + WAIT + " after " + answered.get() + " answers"));
                    if (f.opcode() == WireClient.CLOSE) {
                        throw new AssertionError("closed by the server after " + answered.get() + " answers: "
                                + f.closeCode() + " " + f.text());
                    }
                    if (f.opcode() == WireClient.PONG || f.opcode() == WireClient.TEXT && f.text().contains("pong")) {
                        answered.incrementAndGet();
                        window.release();
                    }
                }
            } catch (Throwable t) {
                readerDone.completeExceptionally(t);
                window.release(IN_FLIGHT); // let the writer see the failure
            }
        }

        /** Sends batches until {@code total} frames are sent, then waits until every one is answered. */
        void sendUntil(long total) throws Exception {
            while (sent < total) {
                acquire(BATCH);
                client.sendRaw(batch);
                sent += BATCH;
            }
            acquire(IN_FLIGHT);
            window.release(IN_FLIGHT);
            assertThat(answered.get()).isEqualTo(sent);
        }

        private void acquire(int permits) throws Exception {
            if (!window.tryAcquire(permits, WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("answers stopped after " + answered.get() + " of " + sent);
            }
            if (readerDone.isCompletedExceptionally()) {
                readerDone.join();
            }
        }

        @Override
        public void close() {
            client.abort();
        }
    }

    @Test
    void aMillionFramesOnOneConnectionLeaveTheHeapWhereItWas() throws Exception {
        try (ParleyServer server = ParleyServer.start(config())) {
            try (Flood warmUp = new Flood(server, "warm")) {
                warmUp.sendUntil(50_000);
            }
            Eventually.await("the warm-up connection is gone", WAIT, () -> server.openConnections() == 0);
            HeapSnapshot before = HeapSnapshot.take();

            HeapSnapshot early;
            HeapSnapshot late;
            long start = System.nanoTime();
            try (Flood flood = new Flood(server, "flood")) {
                flood.sendUntil(CHECKPOINT);
                early = HeapSnapshot.take();
                long lateStart = System.nanoTime();
                flood.sendUntil(FRAMES);
                double seconds = (System.nanoTime() - lateStart) / 1e9;
                late = HeapSnapshot.take();
                System.out.printf("frame flood: %,d frames answered, %,.0f frames/s after the checkpoint%n",
                        FRAMES, (FRAMES - CHECKPOINT) / seconds);
            }
            Eventually.await("the flood connection is gone", WAIT, () -> server.openConnections() == 0);
            HeapSnapshot after = HeapSnapshot.take();
            System.out.printf("frame flood: heap %+.1f MB at %,d frames, %+.1f MB at %,d, %+.1f MB once closed "
                            + "(against %.1f MB before); what grew per frame between the checks:%n%s%n",
                    (early.used() - before.used()) / 1e6, CHECKPOINT, (late.used() - before.used()) / 1e6, FRAMES,
                    (after.used() - before.used()) / 1e6, before.used() / 1e6,
                    late.growthSince(early, FRAMES - CHECKPOINT, 6));

            assertThat(late.used() - early.used())
                    .as("heap growth over %,d more frames on an open connection", FRAMES - CHECKPOINT)
                    .isLessThan(SLACK);
            assertThat(after.used() - before.used()).as("heap left behind once the connection closed")
                    .isLessThan(SLACK);
        }
    }
}
