package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The client's one state thread ({@code parley-client-<user>}): every change of the session's state runs on it, as a
 * task or a timer, so the state needs no locks. A task submitted after shutdown is refused and the caller told so.
 */
final class ClientLoop {
    private final ScheduledThreadPoolExecutor executor;

    ClientLoop(String threadName) {
        executor = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name(threadName).factory());
        executor.setRemoveOnCancelPolicy(true);
    }

    /** The executor, for the helpers that schedule their own timers on the loop. */
    ScheduledExecutorService executor() {
        return executor;
    }

    /**
     * Runs {@code body} on the loop with a new future that it is to settle; an exception it throws fails the future,
     * and so does a loop that was shut down (with {@link ErrorCode#NOT_LOGGED_IN}).
     */
    <T> CompletableFuture<T> call(Consumer<CompletableFuture<T>> body) {
        CompletableFuture<T> future = new CompletableFuture<>();
        run(() -> {
            try {
                body.accept(future);
            } catch (RuntimeException e) {
                Completions.fail(future, e);
            }
        }, () -> Completions.fail(future, new ChatException(ErrorCode.NOT_LOGGED_IN, "the client is closed")));
        return future;
    }

    /** Runs {@code task} on the loop, or {@code ifShutDown} on the caller's thread when the loop has stopped. */
    void run(Runnable task, Runnable ifShutDown) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            ifShutDown.run();
        }
    }

    /** Runs {@code task} on the loop after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Stops the thread; queued tasks and timers are dropped. */
    void shutdown() {
        executor.shutdownNow();
    }

    static void cancel(ScheduledFuture<?> task) {
        if (task != null) {
            task.cancel(false);
        }
    }
}
