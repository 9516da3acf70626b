package dev.parley.server;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Waits for a condition that no future or latch reports (a count inside the server), with a deadline. */
final class Eventually {
    private Eventually() {
    }

    /** Returns once {@code condition} holds; throws an AssertionError saying {@code what} after {@code timeout}. */
    static void await(String what, Duration timeout, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
    }
}
