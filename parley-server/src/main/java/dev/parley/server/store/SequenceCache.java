package dev.parley.server.store;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last sequence number of the conversations written most recently, so that an append need not read its
 * conversation's row first. At most {@link #CAPACITY} conversations, the least recently used leaving first (the next
 * append to one of those reads its row again). Only committed numbers enter (see {@link SqlTransaction#committed}),
 * and retention never lowers a conversation's last sequence number, so an entry is never stale.
 * <p>
 * Threading: used only under the store's write lock.
 */
final class SequenceCache {
    static final int CAPACITY = 100_000;

    private final LinkedHashMap<String, Long> last = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The conversation's last sequence number, if known. */
    Long get(String conversation) {
        return last.get(conversation);
    }

    void putAll(Map<String, Long> committed) {
        last.putAll(committed);
    }
}
