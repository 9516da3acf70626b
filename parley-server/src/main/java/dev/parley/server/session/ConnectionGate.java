package dev.parley.server.session;

import dev.parley.server.limit.RateLimiter;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Admits WebSocket connections per remote address: at most {@code maxOpen} open at once, and new ones no faster than
 * the connection rate. Thread-safe and non-blocking (it runs on selector threads).
 */
final class ConnectionGate {
    /** Why a connection was refused, or that it was admitted. */
    enum Verdict { ADMITTED, TOO_MANY, TOO_FAST }

    private final int maxOpen;
    private final RateLimiter rate;
    private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

    ConnectionGate(int maxOpen, RateLimiter rate) {
        this.maxOpen = maxOpen;
        this.rate = rate;
    }

    /** Counts a new connection from {@code address} when it is admitted; a refused one is not counted. */
    Verdict admit(String address, long nowNanos) {
        if (!rate.tryAcquire(address, nowNanos)) {
            return Verdict.TOO_FAST;
        }
        boolean[] admitted = new boolean[1];
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < maxOpen;
            return admitted[0] ? count + 1 : (n == null ? null : n);
        });
        return admitted[0] ? Verdict.ADMITTED : Verdict.TOO_MANY;
    }

    /** An admitted connection from {@code address} ended. */
    void release(String address) {
        open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
    }

    /** Forgets idle rate buckets. */
    void sweep(long nowNanos) {
        rate.forgetIdle(nowNanos);
    }
}
