package dev.parley.server.limit;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets by key (a user id, a remote address): {@code burst} actions at once, then {@code perSecond}
 * sustained. The server uses one for each rate it limits: sends per user, WebSocket connections per address, REST
 * logins and registrations per address. Thread-safe and non-blocking.
 */
public final class RateLimiter {
    private final double perNano;
    private final double burst;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * @param perSecond sustained actions per second per key; positive
     * @param burst     actions a key may take at once; at least 1
     */
    public RateLimiter(double perSecond, int burst) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("the rate and the burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
    }

    /** A limiter of {@code perMinute} actions per minute per key, all of which may be taken at once. */
    public static RateLimiter perMinute(int perMinute) {
        return new RateLimiter(perMinute / 60.0, perMinute);
    }

    /** Takes one token from the key's bucket; false when it is empty. */
    public boolean tryAcquire(String key, long nowNanos) {
        return tryAcquire(key, nowNanos, 1);
    }

    /**
     * Takes one token from the key's bucket, where the key's actions are shared among {@code shares} places that
     * each limit them alike (the nodes of a cluster that hold sessions of a user): this place refills at
     * {@code perSecond / shares} and holds at most {@code burst / shares} (at least one), so all together allow about
     * the configured rate. When the number of shares changes, the bucket keeps its tokens up to its new size.
     *
     * @param shares how many places share the key's rate; at least 1
     */
    public boolean tryAcquire(String key, long nowNanos, int shares) {
        if (shares < 1) {
            throw new IllegalArgumentException("shares must be at least 1");
        }
        double share = Math.max(1, burst / shares);
        return buckets.computeIfAbsent(key, k -> new Bucket(share, nowNanos)).take(nowNanos, perNano / shares, share);
    }

    /** Forgets buckets that have been full for a while, so idle keys cost nothing. */
    public void forgetIdle(long nowNanos) {
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
