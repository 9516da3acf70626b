package dev.parley.desktop.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What a {@link MessageThread} keeps beside its items while they show a window of older history apart from the live
 * end: whether it is detached, where its next newer page starts, and what waits for the live end meanwhile. FX
 * thread only.
 */
final class DetachedWindow {
    boolean detached;
    boolean loadingNewer;
    /** The newest server id of the window: where the next newer page starts. */
    String newerCursor = "";
    /** Counts each change of window (see {@link MessageThread#epoch()}). */
    int epoch;
    /** This device's messages being sent (or failed) and notes, that belong at the live end; oldest first. */
    final List<MessageItem> parked = new ArrayList<>();
    /** Messages the server pushed while detached, by server id, as they came. */
    final Map<String, MessageItem> missed = new LinkedHashMap<>();

    /** Replaces the parked message with {@code key} by {@code change} applied to it; the changed one, if found. */
    Optional<MessageItem> updateParked(String key, UnaryOperator<MessageItem> change) {
        for (int i = 0; i < parked.size(); i++) {
            if (parked.get(i).key().equals(key)) {
                parked.set(i, change.apply(parked.get(i)));
                return Optional.of(parked.get(i));
            }
        }
        return Optional.empty();
    }

    /** Joined to the live end again: nothing waits aside any more. */
    void reset() {
        detached = false;
        loadingNewer = false;
        newerCursor = "";
        parked.clear();
        missed.clear();
    }
}
