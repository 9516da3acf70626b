package dev.parley.desktop.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which incoming messages of a {@link MessageThread} are not read yet: the server's count at sign-in (matched to the
 * messages of the history as it is paged in) plus what was pushed after it. FX thread only.
 */
final class UnreadCount {
    private final MessageThread thread;
    /** Incoming messages pushed live (or by the offline sync) and not read yet. */
    private final Set<String> live = new LinkedHashSet<>();
    /** Messages of the history believed to be the ones the server counted as unread. */
    private final Set<String> seeded = new LinkedHashSet<>();
    /** How many unread messages the server counted, up to {@link #countedUpTo}. */
    private int counted;
    /** The server id of the last message the server's unread count covered, {@code ""} if none. */
    private String countedUpTo = "";

    UnreadCount(MessageThread thread) {
        this.thread = thread;
    }

    /**
     * Finds which of the messages the server counted as unread are in the history paged in so far: the incoming ones
     * it reports as not read, up to the last message its count covered. Run after each change of the history.
     */
    void seed() {
        if (!thread.historyLoaded() || countedUpTo.isEmpty()) {
            return;
        }
        seeded.clear();
        for (MessageItem item : thread.items()) {
            if (!item.isMine() && item.status() != MessageStatus.READ && !item.serverId().isEmpty()
                    && ServerIds.compare(item.serverId(), countedUpTo) <= 0) {
                seeded.add(item.serverId());
            }
        }
    }

    /**
     * How many of the unread messages the server counted are older than the history paged in so far (they need
     * read marks too, when the conversation is read): none when the oldest page is in.
     */
    int beyondHistory() {
        return thread.hasOlder() ? Math.max(0, counted - seeded.size()) : 0;
    }

    /** A message was pushed to this user and is not read yet. */
    void arrived(String serverId) {
        live.add(serverId);
    }

    /** The server counted {@code count} unread messages up to its last message, {@code upToId}. */
    void counted(int count, String upToId) {
        if (countedUpTo.isEmpty() || ServerIds.compare(upToId, countedUpTo) >= 0) {
            counted = count;
            countedUpTo = upToId;
            seed();
        }
    }

    /** The unread count: what the server counted, plus what was pushed after its count. */
    int count() {
        long later = live.stream()
                .filter(id -> countedUpTo.isEmpty() || ServerIds.compare(id, countedUpTo) > 0).count();
        return counted + (int) later;
    }

    /** The user read the whole conversation on another device: nothing in it is unread any more. */
    void readElsewhere() {
        live.clear();
        seeded.clear();
        counted = 0;
    }

    /**
     * The user read the conversation: the ids to send read receipts for. The server's count is cleared once the
     * history is loaded (its messages are then known); before that it stays until they are.
     */
    List<String> markAllRead() {
        Set<String> ids = new LinkedHashSet<>(seeded);
        ids.addAll(live);
        live.clear();
        seeded.clear();
        if (thread.historyLoaded()) {
            counted = 0;
        }
        return List.copyOf(ids);
    }
}
