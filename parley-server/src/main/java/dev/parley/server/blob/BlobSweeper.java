package dev.parley.server.blob;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Removes uploads no message refers to once they are older than their lifetime (24 h by default): a file uploaded
 * and never sent does not stay on the server.
 * <p>
 * Lifecycle: {@link #start()} schedules a sweep every {@code interval} on the scheduler, which only hands it to the
 * worker executor (the scheduler's thread never waits on disk); a sweep still queued or running is not queued again.
 * {@link #stop()} cancels the schedule and waits for a sweep in progress to end (it stops between batches).
 * {@link #sweepNow()} sweeps on the caller's thread. Time is the injected clock's.
 * <p>
 * Threading: every method may be called from any thread.
 */
public final class BlobSweeper {
    /** Blobs removed per step; a sweep takes steps until none is left. */
    static final int BATCH = 500;
    private final int batch;
    private static final System.Logger LOG = System.getLogger(BlobSweeper.class.getName());

    private final BlobStore store;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Executor worker;
    private final Duration lifetime;
    private final Duration interval;
    private final AtomicBoolean queued = new AtomicBoolean();
    private final Object sweeping = new Object();
    private final Object lifecycle = new Object();
    private ScheduledFuture<?> schedule; // guarded by lifecycle
    private volatile boolean stopped;

    /**
     * @param lifetime how old an unreferenced upload may grow
     * @param interval the time between sweeps
     */
    public BlobSweeper(BlobStore store, Clock clock, ScheduledExecutorService scheduler, Executor worker,
                       Duration lifetime, Duration interval) {
        this(store, clock, scheduler, worker, lifetime, interval, BATCH);
    }

    /** As the public constructor, removing {@code batch} blobs per step (tests). */
    BlobSweeper(BlobStore store, Clock clock, ScheduledExecutorService scheduler, Executor worker, Duration lifetime,
                Duration interval, int batch) {
        if (batch < 1 || lifetime.isNegative() || lifetime.isZero() || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("lifetime, interval and batch must be positive");
        }
        this.batch = batch;
        this.store = store;
        this.clock = clock;
        this.scheduler = scheduler;
        this.worker = worker;
        this.lifetime = lifetime;
        this.interval = interval;
    }

    /** Schedules the sweeps, the first one interval from now. */
    public void start() {
        synchronized (lifecycle) {
            if (schedule != null || stopped) {
                throw new IllegalStateException(stopped ? "the sweeper was stopped" : "the sweeper is started");
            }
            long millis = interval.toMillis();
            schedule = scheduler.scheduleWithFixedDelay(this::tick, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    /** Cancels the sweeps and waits for one in progress to end; idempotent. */
    public void stop() {
        synchronized (lifecycle) {
            stopped = true;
            if (schedule != null) {
                schedule.cancel(false);
            }
        }
        synchronized (sweeping) {
            // a sweep in progress notices the stop between batches; this waits for it
        }
    }

    /** Removes every unreferenced upload older than the lifetime now, in batches; returns how many. */
    public int sweepNow() {
        synchronized (sweeping) {
            int removed = 0;
            while (!stopped) {
                List<String> step = store.deleteUnreferencedBefore(clock.instant().minus(lifetime), batch);
                removed += step.size();
                if (step.size() < batch) {
                    break;
                }
            }
            if (removed > 0) {
                LOG.log(System.Logger.Level.INFO, "removed {0} uploads no message referred to for {1}", removed,
                        lifetime);
            }
            return removed;
        }
    }

    private void tick() {
        if (stopped || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            worker.execute(() -> {
                try {
                    sweepNow();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "the sweep of unreferenced uploads failed", e);
                } finally {
                    queued.set(false);
                }
            });
        } catch (RejectedExecutionException busy) {
            queued.set(false);
            LOG.log(System.Logger.Level.WARNING, "sweep of unreferenced uploads skipped: its pool is busy");
        }
    }
}
