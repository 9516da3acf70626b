package dev.parley.server.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploads no message refers to leave after their lifetime; the others stay, whatever their age. */
class BlobSweeperTest {
    private static final Duration LIFETIME = Duration.ofHours(24);

    @TempDir
    Path dir;

    final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T12:00:00Z"));
    final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    ThreadPoolExecutor thumbnails;
    BlobStore store;

    @BeforeEach
    void open() {
        scheduler.setRemoveOnCancelPolicy(true);
        thumbnails = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(4));
        store = BlobStores.openFiles(dir, clock, thumbnails);
    }

    @AfterEach
    void close() {
        store.close();
        scheduler.shutdownNow();
        thumbnails.shutdownNow();
    }

    private Blob upload(String name) {
        return store.store(new NewBlob("leo", name, "text/plain"),
                new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)), 1024);
    }

    @Test
    void aSweepRemovesOnlyUploadsNoMessageReferredToForTheirLifetime() {
        Blob unsent = upload("unsent");
        Blob sent = upload("sent");
        store.markReferenced(List.of(sent.uuid()));
        clock.advance(Duration.ofHours(23));
        Blob recent = upload("recent");
        clock.advance(Duration.ofHours(1).plusMillis(1));
        BlobSweeper sweeper = new BlobSweeper(store, clock, scheduler, Runnable::run, LIFETIME,
                Duration.ofMinutes(10));

        assertThat(sweeper.sweepNow()).isEqualTo(1);

        assertThat(store.find(unsent.uuid())).isEmpty();
        assertThat(store.find(sent.uuid())).isPresent();
        assertThat(store.find(recent.uuid())).isPresent();
        clock.advance(Duration.ofHours(23));
        assertThat(sweeper.sweepNow()).isEqualTo(1);
        assertThat(store.find(recent.uuid())).isEmpty();
        clock.advance(Duration.ofDays(365));
        assertThat(sweeper.sweepNow()).isZero();
        assertThat(store.find(sent.uuid())).as("referenced: retention removes it with its message").isPresent();
    }

    @Test
    void aSweepGoesOnInBatchesUntilNothingOldIsLeft() {
        for (int i = 0; i < 7; i++) {
            upload("old" + i);
        }
        clock.advance(Duration.ofDays(2));
        Blob young = upload("young");
        BlobSweeper sweeper = new BlobSweeper(store, clock, scheduler, Runnable::run, LIFETIME,
                Duration.ofMinutes(10), 3);

        assertThat(sweeper.sweepNow()).isEqualTo(7);
        assertThat(store.unreferencedBefore(Instant.MAX, 10)).containsExactly(young.uuid());
    }

    @Test
    void onceStartedItSweepsOnTheWorkerEveryIntervalUntilStopped() throws InterruptedException {
        Semaphore sweeps = new Semaphore(0);
        Executor worker = job -> {
            job.run();
            sweeps.release();
        };
        BlobSweeper sweeper = new BlobSweeper(store, clock, scheduler, worker, LIFETIME, Duration.ofMillis(20));
        Blob first = upload("first");
        clock.advance(Duration.ofDays(1).plusMillis(1));

        sweeper.start();

        assertThat(sweeps.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        assertThat(store.find(first.uuid())).isEmpty();
        Blob second = upload("second");
        clock.advance(Duration.ofDays(1).plusMillis(1));
        sweeps.drainPermits();
        assertThat(sweeps.tryAcquire(2, 10, TimeUnit.SECONDS)).as("a later sweep").isTrue();
        assertThat(store.find(second.uuid())).isEmpty();

        sweeper.stop();

        assertThat(scheduler.getQueue()).as("nothing scheduled any more").isEmpty();
        assertThatThrownBy(sweeper::start).isInstanceOf(IllegalStateException.class);
        sweeper.stop(); // idempotent
    }

    @Test
    void aBusyWorkerSkipsATickAndALaterOneSweeps() throws InterruptedException {
        AtomicInteger refused = new AtomicInteger();
        Semaphore swept = new Semaphore(0);
        Executor worker = job -> {
            if (refused.incrementAndGet() <= 3) {
                throw new RejectedExecutionException("busy");
            }
            job.run();
            swept.release();
        };
        BlobSweeper sweeper = new BlobSweeper(store, clock, scheduler, worker, LIFETIME, Duration.ofMillis(10));
        Blob old = upload("old");
        clock.advance(Duration.ofDays(2));

        sweeper.start();

        assertThat(swept.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.get()).isGreaterThan(3);
        assertThat(store.find(old.uuid())).isEmpty();
        sweeper.stop();
    }

    @Test
    void aFailingSweepIsLoggedAndTheScheduleGoesOn() throws InterruptedException {
        Semaphore ran = new Semaphore(0);
        Executor worker = job -> {
            job.run();
            ran.release();
        };
        store.close(); // every sweep now fails with Unavailable
        BlobSweeper sweeper = new BlobSweeper(store, clock, scheduler, worker, LIFETIME, Duration.ofMillis(10));

        sweeper.start();

        assertThat(ran.tryAcquire(3, 10, TimeUnit.SECONDS)).as("three failing sweeps, still scheduled").isTrue();
        sweeper.stop();
    }
}
