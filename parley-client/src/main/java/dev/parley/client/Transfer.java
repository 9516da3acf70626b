package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.time.Duration;

/**
 * One upload or download in flight: its result, its progress and the ways it can stop early. It ends exactly once:
 * done, failed, aborted by the SDK ({@link #abort}), cancelled by the application ({@code result().cancel(…)}), or
 * stalled (no byte moved for the stall time, {@link ErrorCode#TIMEOUT}). Ending early cancels the HTTP exchange and
 * closes the stream in use, so the bytes stop moving. Thread-safe.
 */
final class Transfer<T> {
    /** Report progress at most once per percent; for a transfer of unknown size, once per this many bytes. */
    private static final long UNKNOWN_SIZE_STEP = 1 << 20;

    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final String what;
    private final TransferListener listener;
    private final Executor callbacks;
    private long total;
    private long transferred;
    private volatile long lastMove = System.nanoTime();
    private volatile ChatException stopped;
    private volatile Future<?> exchange;
    private volatile Closeable stream;
    private long reported = -1;
    private volatile ScheduledFuture<?> watchdog;

    /**
     * A transfer.
     *
     * @param what      for failure messages, such as "the upload of cat.png"
     * @param listener  the application's progress callback
     * @param callbacks where the callback runs (the client's event thread)
     */
    Transfer(String what, TransferListener listener, Executor callbacks) {
        this.what = what;
        this.listener = listener;
        this.callbacks = callbacks;
        result.whenComplete((value, failure) -> {
            if (failure instanceof CancellationException) {
                stop(new ChatException(ErrorCode.DISCONNECTED, what + " was cancelled"));
            }
            ScheduledFuture<?> w = watchdog;
            if (w != null) {
                w.cancel(false);
            }
        });
    }

    /** The result the application sees; cancelling it stops the transfer. */
    CompletableFuture<T> result() {
        return result;
    }

    /** Fails the transfer with {@code failure} and stops its bytes; nothing if it has ended. */
    void abort(ChatException failure) {
        if (stop(failure)) {
            Completions.fail(result, failure);
        }
    }

    /** Whether the transfer was stopped early, and so every read or write should fail. */
    boolean stopped() {
        return stopped != null || result.isDone();
    }

    /** Throws if the transfer was stopped (called by the stream on each read or write). */
    void checkNotStopped() throws IOException {
        if (stopped()) {
            throw new IOException(what + " was stopped");
        }
    }

    /** The reason the transfer was stopped early, if it was. */
    ChatException stopReason(ChatException otherwise) {
        ChatException reason = stopped;
        return reason != null ? reason : otherwise;
    }

    /** Checks every {@code stallTime / 4} that bytes still move; fails with {@link ErrorCode#TIMEOUT} if not. */
    void watch(ScheduledExecutorService timer, Duration stallTime) {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(20), stallTime.toNanos() / 4);
        watchdog = timer.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastMove > stallTime.toNanos()) {
                abort(new ChatException(ErrorCode.TIMEOUT, what + " stalled: no data for " + stallTime.toMillis()
                        + " ms"));
            }
        }, period, period, TimeUnit.NANOSECONDS);
        if (result.isDone()) {
            watchdog.cancel(false);
        }
    }

    /** The HTTP exchange, cancelled if the transfer stops early. */
    void exchange(Future<?> inFlight) {
        exchange = inFlight;
        if (stopped()) {
            inFlight.cancel(true);
        }
    }

    /** The stream being read or written, closed if the transfer stops early. */
    void stream(Closeable open) {
        stream = open;
        if (stopped()) {
            closeQuietly(open);
        }
    }

    /** Starts counting from zero (a new attempt) towards {@code size} bytes (-1: unknown). */
    void begin(long size) {
        synchronized (this) {
            total = size;
            transferred = 0;
            reported = -1;
        }
        lastMove = System.nanoTime();
    }

    /** {@code n} more bytes moved. */
    void moved(long n) {
        lastMove = System.nanoTime();
        synchronized (this) {
            long now = transferred + n;
            transferred = now;
            long step = total > 0 ? Math.max(1, total / 100) : UNKNOWN_SIZE_STEP;
            if (reported < 0 || now / step > reported / step) {
                reported = now;
                report(now);
            }
        }
    }

    /** The transfer succeeded with {@code value}: the final progress, then the result. */
    void succeed(T value) {
        ChatException reason = stopped;
        if (reason != null) {
            Completions.fail(result, reason);
            return;
        }
        long done;
        long size;
        synchronized (this) {
            done = transferred;
            size = total < 0 ? done : total;
        }
        callbacks.execute(() -> listener.onProgress(done, size));
        Completions.succeed(result, value);
    }

    /** The transfer failed (for a reason other than being stopped). */
    void fail(ChatException failure) {
        Completions.fail(result, stopReason(failure));
    }

    private void report(long now) { // holding the lock
        long size = total;
        callbacks.execute(() -> listener.onProgress(now, size));
    }

    private boolean stop(ChatException failure) {
        synchronized (this) {
            if (stopped != null) {
                return false;
            }
            stopped = failure;
        }
        Future<?> inFlight = exchange;
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        Closeable open = stream;
        if (open != null) {
            closeQuietly(open);
        }
        return !result.isDone();
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // stopping anyway
        }
    }
}
