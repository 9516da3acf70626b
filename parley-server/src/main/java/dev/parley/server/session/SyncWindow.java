package dev.parley.server.session;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * One connection's view of its sign-in sync: the id up to which the sync covers the user's messages, and the live
 * messages held back until the sync ends, in commit order and bounded in bytes.
 * <p>
 * A message to the user with an id up to {@link #upTo} is covered by the sync: the sync reads it from the store if it
 * is still pending. On one writer that holds exactly, and such a message is never held back or sent live. In a
 * cluster it does not: ids are taken as transactions run, so a message of another node may take an id below the
 * sync's bound and commit after the sync read past it. There the connection's {@link SentLedger} knows what it was
 * sent ({@code dedupes}): a covered message is held back (and sent live once the sync is over) like any other, and
 * the ledger drops the copy the sync did send. Dropping it instead left it to recovery, seconds later and after newer
 * messages of its conversation ({@code ClusterFailoverTest}: "shown 8989 after 9566").
 * <p>
 * Copies of the user's own messages from other devices are not in the store's pending set, so they are held back and
 * merged into the sync by id. When the held-back bytes pass the bound, the messages to the user are dropped (they are
 * pending in the store) and {@link #takeExtend} tells the sync to read on past its range.
 * <p>
 * Not thread-safe: the {@link Connection} uses it under its monitor.
 */
final class SyncWindow {
    /** What {@link #hold} did. */
    enum Held { COVERED, HELD, OVER_BOUND }

    private final long limitBytes;
    private final BooleanSupplier dedupes;
    private final List<EncodedMessage> held = new ArrayList<>();
    private long heldBytes;
    private long upTo = -1;
    private boolean extend;

    /**
     * @param dedupes whether the connection drops what it was sent before (a trusted {@link SentLedger}); asked at
     *                each step, since a ledger may stop being trusted
     */
    SyncWindow(long limitBytes, BooleanSupplier dedupes) {
        this.limitBytes = limitBytes;
        this.dedupes = dedupes;
    }

    /** The id up to which the sync covers the user's messages; -1 before the range is read. */
    long upTo() {
        return upTo;
    }

    /** Whether the sync's range holds this message (it delivers it if the message was pending when it read). */
    boolean covers(EncodedMessage m, String user) {
        return m.isTo(user) && m.id() <= upTo;
    }

    /** Whether this live message must not be sent: the sync covers it and nothing would drop a second copy. */
    boolean dropsAsCovered(EncodedMessage m, String user) {
        return covers(m, user) && !dedupes.getAsBoolean();
    }

    /** Widens the range to {@code id} and forgets the held-back messages it now covers. */
    void coverUpTo(long id, String user) {
        upTo = Math.max(upTo, id);
        held.removeIf(h -> {
            boolean covered = dropsAsCovered(h, user);
            if (covered) {
                heldBytes -= h.frame().bytes();
            }
            return covered;
        });
    }

    /**
     * Holds back a live message. {@link Held#OVER_BOUND} when even without the messages to the user (left to the
     * store) the held-back bytes pass the bound: the client does not read.
     */
    Held hold(EncodedMessage m, String user) {
        if (dropsAsCovered(m, user)) {
            return Held.COVERED;
        }
        held.add(m);
        heldBytes += m.frame().bytes();
        if (heldBytes > limitBytes) {
            held.removeIf(h -> {
                boolean toUser = h.isTo(user);
                if (toUser) {
                    heldBytes -= h.frame().bytes();
                }
                return toUser;
            });
            extend = true;
        }
        return heldBytes > limitBytes ? Held.OVER_BOUND : Held.HELD;
    }

    /** Takes the held-back messages the sync does not cover with ids below {@code id}, to go before it. */
    List<EncodedMessage> takeBefore(long id, String user) {
        List<EncodedMessage> before = new ArrayList<>();
        Iterator<EncodedMessage> it = held.iterator();
        while (it.hasNext()) {
            EncodedMessage h = it.next();
            if (h.id() >= id) {
                break; // held back in commit order
            }
            if (!h.isTo(user)) {
                it.remove();
                heldBytes -= h.frame().bytes();
                before.add(h);
            }
        }
        return before;
    }

    /** Whether messages to the user were dropped over the bound since the last call: the sync must read on. */
    boolean takeExtend() {
        boolean was = extend;
        extend = false;
        return was;
    }

    /** Takes everything held back, in commit order, but what the sync covers and must not be sent twice. */
    List<EncodedMessage> takeAll(String user) {
        List<EncodedMessage> all = held.stream().filter(h -> !dropsAsCovered(h, user)).toList();
        clear();
        return all;
    }

    void clear() {
        held.clear();
        heldBytes = 0;
    }
}
