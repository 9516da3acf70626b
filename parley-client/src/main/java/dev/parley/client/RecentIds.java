package dev.parley.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently seen server message ids, bounded (least recently added are forgotten first), so that a message
 * pushed twice is raised to the application once. Not thread-safe: used on the client's loop thread.
 */
final class RecentIds {
    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.ids = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Records {@code id}; whether it was new. */
    boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    boolean contains(String id) {
        return ids.containsKey(id);
    }

    int size() {
        return ids.size();
    }
}
