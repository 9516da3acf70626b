package dev.parley.client;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Lets at most one typing indication a second through per conversation, as the protocol asks of clients (the server
 * drops the excess anyway). Time comes from an injected clock of nanoseconds. Not thread-safe: used on the client's
 * loop thread.
 */
final class TypingThrottle {
    /** The least time between two typing indications to one conversation. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** Beyond this many conversations, the ones quiet for a whole interval are forgotten. */
    private static final int TIDY_ABOVE = 256;

    private final LongSupplier nanoClock;
    private final Map<ConversationId, Long> lastSent = new HashMap<>();

    TypingThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** Whether a typing indication to {@code conversation} may go now; if so, it counts as sent now. */
    boolean tryAcquire(ConversationId conversation) {
        long now = nanoClock.getAsLong();
        long interval = INTERVAL.toNanos();
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

    /** Forgets everything (a new session). */
    void clear() {
        lastSent.clear();
    }
}
