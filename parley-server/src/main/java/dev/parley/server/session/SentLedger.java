package dev.parley.server.session;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Which stored items (messages and events of the user's inbox) one connection was sent and the store may still hold
 * as pending, so that {@link PendingRecovery} sends a connection only what it never got, and a live delivery that
 * arrives after the recovery sent the same item (a late bus message) is dropped: a raw client sees each item once.
 * <p>
 * Each id is recorded with the recovery round in which it was sent. A round forgets the ids sent two rounds or more
 * before it that the store no longer holds as pending (the client acknowledged them). An id is so kept for at least
 * one whole interval: the round's read may not have seen it yet. A resend of a message still pending (its sender's node
 * may have died before publishing it) is delivered again, and must be dropped here: a pending id is never forgotten. A connection that is sent more than {@code capacity} items
 * between two rounds without acknowledging them stops being tracked ({@link #trusted()} turns false): recovery leaves
 * it alone from then on, and what it misses comes at its next sign-in.
 * <p>
 * {@link #off()} tracks nothing and admits everything (a single server, where nothing is lost in transit).
 * <p>
 * Not thread-safe: the {@link Connection} uses it under its monitor.
 */
final class SentLedger {
    /** The most ids tracked per connection. */
    static final int DEFAULT_CAPACITY = 16_384;

    private final int capacity;
    private final Map<Long, Integer> sent;
    private int round;
    private boolean trusted;

    private SentLedger(int capacity) {
        this.capacity = capacity;
        this.sent = capacity == 0 ? Map.of() : new HashMap<>();
        this.trusted = capacity > 0;
    }

    /** A ledger that records nothing: every item is admitted. */
    static SentLedger off() {
        return new SentLedger(0);
    }

    /** A ledger of at most {@code capacity} ids. */
    static SentLedger tracking(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        return new SentLedger(capacity);
    }

    /** Whether the item may be sent: true unless this connection was sent it already (which it records). */
    boolean admit(long id) {
        if (!trusted) {
            return true;
        }
        if (sent.containsKey(id)) {
            return false;
        }
        if (sent.size() >= capacity) {
            trusted = false;
            sent.clear();
            return true;
        }
        sent.put(id, round);
        return true;
    }

    /** Whether the ledger knows everything the connection was sent (recovery may use it). */
    boolean trusted() {
        return trusted;
    }

    /** Starts a recovery round; returns its number. */
    int startRound() {
        return ++round;
    }

    /**
     * After the read of round {@code r}: forgets the ids up to {@code upTo} sent before the round before it that are not
     * in {@code stillPending} (acknowledged since).
     */
    void forgetAcknowledged(int r, long upTo, Set<Long> stillPending) {
        Iterator<Map.Entry<Long, Integer>> it = sent.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Long, Integer> e = it.next();
            if (e.getValue() < r - 1 && e.getKey() <= upTo && !stillPending.contains(e.getKey())) {
                it.remove();
            }
        }
    }

    /** How many ids are tracked (tests). */
    int size() {
        return sent.size();
    }
}
