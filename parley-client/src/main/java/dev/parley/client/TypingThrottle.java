package dev.parley.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Lets at most one typing indication per interval through per conversation: the SDK uses it with one second, as the
 * protocol asks of clients (the server drops the excess anyway); an application may use its own, longer one (the
 * desktop announces typing at most every 3 s). Time comes from an injected clock of nanoseconds. Not thread-safe: the
 * SDK uses it on the client's loop thread, an application on its UI thread.
 */
public final class TypingThrottle {
    /** The least time between two typing indications to one conversation, as the SDK sends them. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Beyond this many conversations, the ones quiet for a whole interval are forgotten. */
    private static final int TIDY_ABOVE = 256;

    private final long intervalNanos;
    private final LongSupplier nanoClock;
    private final Map<ConversationId, Long> lastSent = new HashMap<>();

    TypingThrottle(LongSupplier nanoClock) {
        this(INTERVAL, nanoClock);
    }

    /**
     * A throttle that lets one indication a conversation through every {@code interval}.
     *
     * @param interval  the least time between two indications to one conversation, positive
     * @param nanoClock the time in nanoseconds (such as {@code System::nanoTime}; only differences count)
     */
    public TypingThrottle(Duration interval, LongSupplier nanoClock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.intervalNanos = interval.toNanos();
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Whether a typing indication to {@code conversation} may go now; if so, it counts as sent now. */
    public boolean tryAcquire(ConversationId conversation) {
        long now = nanoClock.getAsLong();
        long interval = intervalNanos;
        Long last = lastSent.get(conversation);
        if (last != null && now - last < interval) {
            return false;
        }
        if (lastSent.size() > TIDY_ABOVE) {
            lastSent.values().removeIf(t -> now - t >= interval);
        }
        lastSent.put(conversation, now);
        return true;
    }

    /** How many conversations are remembered. */
    int size() {
        return lastSent.size();
    }

    /** Forgets everything (a new session): the next indication to any conversation goes at once. */
    public void clear() {
        lastSent.clear();
    }
}
