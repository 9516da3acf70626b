package dev.parley.server.limit;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limits one kind of log line that a client can trigger (a bad frame, a slow body, a send to a dead socket),
 * so that no client can fill the server's log: at most one line per {@code interval}, and the line that is written
 * says how many were left out since the last one.
 * <p>
 * One instance per kind of warning, kept for the life of the server. Thread-safe and lock-free.
 * <pre>{@code
 * private static final LogLimiter OVERSIZED = new LogLimiter(LOG, Duration.ofSeconds(10));
 * OVERSIZED.log(Level.WARNING, "closed a connection from {0}: frame over {1} bytes", address, limit);
 * }</pre>
 */
public final class LogLimiter {
    private final System.Logger logger;
    private final long intervalNanos;
    /** When the last line was written ({@link System#nanoTime()}); starts far enough back to allow the first. */
    private final AtomicLong lastWritten;
    private final AtomicLong suppressed = new AtomicLong();

    /**
     * @param logger   where the lines go
     * @param interval the shortest time between two lines; positive
     */
    public LogLimiter(System.Logger logger, java.time.Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.logger = logger;
        this.intervalNanos = interval.toNanos();
        this.lastWritten = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /**
     * Writes the line unless one was written less than an interval ago; then it is only counted. Returns whether it
     * was written. The format is {@link java.text.MessageFormat}'s, as {@link System.Logger} takes it.
     */
    public boolean log(System.Logger.Level level, String format, Object... args) {
        return log(level, System.nanoTime(), format, args);
    }

    /** {@link #log(System.Logger.Level, String, Object...)} at a given time (tests). */
    boolean log(System.Logger.Level level, long nowNanos, String format, Object... args) {
        if (!logger.isLoggable(level)) {
            return false;
        }
        long last = lastWritten.get();
        if (nowNanos - last < intervalNanos || !lastWritten.compareAndSet(last, nowNanos)) {
            suppressed.incrementAndGet();
            return false;
        }
        long left = suppressed.getAndSet(0);
        String line = left == 0 ? format : format + " (" + left + " more like this left out)";
        logger.log(level, line, args);
        return true;
    }

    /** Lines counted and not written since the last written one. */
    public long suppressed() {
        return suppressed.get();
    }
}
