package dev.parley.server.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many frames one connection may send: a token bucket of {@code burst} frames refilled at {@code perSecond}.
 * Every frame counts (text, binary, fragments, pings, pongs), except the acknowledgements of messages the server
 * pushed: each message pushed earns two ({@code delivered} and {@code read}, see {@link #spendAckCredit}). Also counts
 * the client's bad frames per minute. Thread-safe; one per connection.
 */
final class FrameBudget {
    private final AtomicLong ackCredit = new AtomicLong();
    private long badFrameWindowStart;
    private int badFramesInWindow;
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

    /** A message was pushed to the client: it may acknowledge it (delivered, read) without spending its budget. */
    void messagePushed() {
        ackCredit.addAndGet(2);
    }

    /** Spends an acknowledgement credit; false when there is none left. */
    boolean spendAckCredit() {
        return ackCredit.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    /** Counts a bad frame; true when the client has sent more than {@code maxPerMinute} in a minute. */
    synchronized boolean badFrameFlood(long nowMillis, int maxPerMinute) {
        if (nowMillis - badFrameWindowStart > 60_000) {
            badFrameWindowStart = nowMillis;
            badFramesInWindow = 0;
        }
        return ++badFramesInWindow > maxPerMinute;
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
