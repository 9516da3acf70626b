package dev.parley.desktop.service;

import dev.parley.client.Conversation;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The conversation list, newest first, and each conversation's {@link MessageThread}. Rows are replaced in place and
 * then re-sorted (a permutation), so a list view keeps its selection on the same peer. FX thread only.
 */
final class ConversationBook {
    private static final Comparator<ConversationItem> NEWEST_FIRST =
            Comparator.comparing(ConversationItem::time).reversed().thenComparing(ConversationItem::peer);

    private final ObservableList<ConversationItem> rows = FXCollections.observableArrayList();
    private final ObservableList<ConversationItem> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final Map<String, MessageThread> threads = new HashMap<>();
    /** Display names (nicknames) of peers, as the server told them. */
    private final Map<String, String> names = new HashMap<>();
    /** Conversations the user removed from the list, kept between sign-ins. */
    private final Removals removed;

    ConversationBook(Removals removed) {
        this.removed = removed;
    }

    ObservableList<ConversationItem> rows() {
        return readOnly;
    }

    MessageThread thread(String peer) {
        return threads.computeIfAbsent(peer, MessageThread::new);
    }

    Optional<MessageThread> existingThread(String peer) {
        return Optional.ofNullable(threads.get(peer));
    }

    Optional<ConversationItem> row(String peer) {
        int i = indexOf(peer);
        return i < 0 ? Optional.empty() : Optional.of(rows.get(i));
    }

    /** A row for a conversation the user starts; it has no messages yet. */
    void start(String peer, Instant now) {
        removed.restore(peer);
        if (indexOf(peer) < 0) {
            put(new ConversationItem(peer, "", false, now, 0));
        }
    }

    /** {@code message} is the conversation's newest, and {@code unread} messages are unread. */
    void newest(MessageItem message, int unread) {
        if (message.serverId().isEmpty() || !removed.stillRemoved(message.peer(), message.serverId())) {
            removed.restore(message.peer());
            put(ConversationItem.of(message, unread));
        }
    }

    void unread(String peer, int count) {
        row(peer).ifPresent(r -> put(r.withUnread(count)));
    }

    /**
     * Merges the server's list (fetched after sign-in) with what arrived live meanwhile: the server counted every
     * unread message up to its last message; messages pushed after that (higher server ids: they grow in commit
     * order) are added to its count by the thread.
     */
    void merge(List<Conversation> fromServer, String me) {
        for (Conversation c : fromServer) {
            MessageItem last = MessageItem.fromServer(c.lastMessage(), me);
            if (removed.stillRemoved(c.peer(), last.serverId())) {
                continue;
            }
            Optional<ConversationItem> known = row(c.peer());
            MessageThread thread = thread(c.peer());
            thread.serverUnread(c.unreadCount(), last.serverId());
            int unread = thread.unreadCount();
            boolean knownIsNewer = known.isPresent() && !known.get().preview().isEmpty()
                    && known.get().time().isAfter(last.time());
            if (knownIsNewer) {
                put(known.get().withUnread(unread));
            } else {
                put(ConversationItem.of(last, unread));
            }
        }
    }

    void clear() {
        rows.clear();
        threads.clear();
        removed.signedOut();
        names.clear();
    }

    /**
     * Takes a conversation off the list, with what is known of it; it comes back when a message newer than its
     * newest at removal arrives (live, or in the server's list).
     */
    void remove(String peer) {
        int i = indexOf(peer);
        String newest = existingThread(peer).flatMap(MessageThread::last).map(MessageItem::serverId).orElse("");
        removed.remove(peer, newest);
        if (i >= 0) {
            rows.remove(i);
        }
        threads.remove(peer);
    }

    /** {@code peer}'s display name is {@code name} (shown in the row, with the user ID beside it). */
    void name(String peer, String name) {
        names.put(peer, name);
        row(peer).ifPresent(this::put);
    }

    private void put(ConversationItem given) {
        String name = names.getOrDefault(given.peer(), "");
        ConversationItem row = name.equals(given.name()) ? given : given.withName(name);
        int i = indexOf(row.peer());
        if (i < 0) {
            rows.add(row);
        } else {
            rows.set(i, row);
        }
        if (!isSorted()) {
            rows.sort(NEWEST_FIRST);
        }
    }

    private boolean isSorted() {
        for (int i = 1; i < rows.size(); i++) {
            if (NEWEST_FIRST.compare(rows.get(i - 1), rows.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    private int indexOf(String peer) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).peer().equals(peer)) {
                return i;
            }
        }
        return -1;
    }
}
