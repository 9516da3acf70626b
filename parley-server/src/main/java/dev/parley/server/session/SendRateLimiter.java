package dev.parley.server.session;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per user: {@code burst} sends at once, then {@code perSecond} sustained. Shared by all of a user's
 * devices. Thread-safe and non-blocking.
 */
final class SendRateLimiter {
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    SendRateLimiter(double perSecond, int burst) {
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** Takes one token from the user's bucket; false when it is empty. */
    boolean tryAcquire(String user, long nowNanos) {
        return buckets.computeIfAbsent(user, u -> new Bucket(burst, nowNanos)).take(nowNanos, perNano, burst);
    }

    /** Forgets buckets that have been full for a while, so idle users cost nothing. */
    void forgetIdle(long nowNanos) {
        buckets.values().removeIf(b -> b.isFull(nowNanos, perNano, burst));
    }

    private static final class Bucket {
        private double tokens;
        private long last;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        synchronized boolean take(long now, double perNano, double burst) {
            refill(now, perNano, burst);
            if (tokens >= 1) {
                tokens -= 1;
                return true;
            }
            return false;
        }

        synchronized boolean isFull(long now, double perNano, double burst) {
            refill(now, perNano, burst);
            return tokens >= burst;
        }

        private void refill(long now, double perNano, double burst) {
            if (now > last) {
                tokens = Math.min(burst, tokens + (now - last) * perNano);
                last = now;
            }
        }
    }
}
