package dev.parley.desktop;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "FX thread" of view-model tests without a toolkit: {@code Runnable::run}, made safe for a test thread that
 * reads the same state, by running every task (and every read of the test) under one lock. Tasks run on the calling
 * thread (the SDK's event thread, or a future's), exactly as with a plain direct executor.
 */
public final class DirectFx implements Executor {
    private final ReentrantLock lock = new ReentrantLock();

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            task.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} as the FX thread would. */
    public void run(Runnable action) {
        execute(action);
    }

    /** Computes {@code value} as the FX thread would. */
    public <T> T get(Callable<T> value) {
        lock.lock();
        try {
            return value.call();
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            lock.unlock();
        }
    }

    /** Waits (polling, up to 10 s) until {@code condition} holds. */
    public void await(String what, Callable<Boolean> condition) {
        await(what, condition, () -> "");
    }

    /** Waits (polling, up to 10 s) until {@code condition} holds; on timeout the message shows {@code state}. */
    public void await(String what, Callable<Boolean> condition, Callable<?> state) {
        try {
            WaitForAsyncUtils.waitFor(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS, () -> get(condition));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out waiting until " + what + " " + get(state));
        }
    }
}
