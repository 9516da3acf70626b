package dev.parley.server.session;

/**
 * How many frames one connection may send: a token bucket of {@code burst} frames refilled at {@code perSecond}.
 * Every frame counts (text, binary, fragments, pings, pongs), except the acknowledgements of messages the server
 * pushed (see {@link Connection#spendAckCredit}). Thread-safe; one per connection.
 */
final class FrameBudget {
    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    FrameBudget(double perSecond, int burst, long nowNanos) {
        if (!(perSecond > 0) || burst < 1) {
            throw new IllegalArgumentException("the frame rate and burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one frame; false when the bucket is empty. */
    synchronized boolean tryTake(long nowNanos) {
        long elapsed = nowNanos - last;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perNano);
            last = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
