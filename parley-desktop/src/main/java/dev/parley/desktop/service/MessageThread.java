package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.client.HistoryPage;
import dev.parley.client.ReceivedMessage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The messages of one conversation, oldest first, with what is known about its history on the server (how far it
 * was paged in) and which incoming messages are not read yet. Notes of group events (no server id) sit among the
 * messages by time.
 * <p>
 * This device's messages keep the order they were written in, whatever times the server gives them.
 * <p>
 * The messages are either joined to the live end (the newest page and what came after it, paged back from there) or
 * a window of older history around a message jumped to ({@link #showWindow}), <em>detached</em> from the live end
 * until newer pages reach it ({@link #addNewer}) or the newest page is loaded again ({@link #backToLive}). While
 * detached, what belongs at the live end waits aside: messages the server pushes, and this device's messages being
 * sent and notes. Each change of window counts an {@link #epoch()}, so that a page asked for before it is dropped.
 * FX thread only.
 */
final class MessageThread {
    /**
     * By time, and the messages of one millisecond by server id, their commit order (a quick run of messages shares
     * its milliseconds, and the sync brings its pages newest first); what has no server id yet comes after them.
     */
    static final Comparator<MessageItem> BY_TIME = Comparator.comparing(MessageItem::time)
            .thenComparing(MessageItem::serverId, (a, b) -> a.isEmpty() || b.isEmpty()
                    ? Boolean.compare(a.isEmpty(), b.isEmpty()) : ServerIds.compare(a, b));
    private final ConversationId conversation;
    private final ObservableList<MessageItem> items = FXCollections.observableArrayList();
    private final ObservableList<MessageItem> readOnly = FXCollections.unmodifiableObservableList(items);
    private final Set<String> serverIds = new HashSet<>();
    private final UnreadCount unread = new UnreadCount(this);
    /** Messages shown from the local cache, by server id, until the server's history gives them again. */
    private final Set<String> cachedIds = new HashSet<>();
    private boolean historyLoaded;
    private boolean loading;
    private boolean reachedStart;
    private String cursor = "";
    private final DetachedWindow window = new DetachedWindow();

    MessageThread(ConversationId conversation) {
        this.conversation = conversation;
    }

    ConversationId conversation() {
        return conversation;
    }

    ObservableList<MessageItem> items() {
        return readOnly;
    }

    /** Adds a message the server has (live); whether it was new. While detached it waits for the live end. */
    boolean addFromServer(MessageItem item) {
        if (window.detached) {
            return !serverIds.contains(item.serverId()) && window.missed.putIfAbsent(item.serverId(), item) == null;
        }
        if (!serverIds.add(item.serverId())) {
            return false;
        }
        items.add(item);
        return true;
    }

    /**
     * Shows messages the local cache kept (oldest first) while no history page is in yet: merged by time with what
     * is here, skipping those already here. The server's pages replace them ({@link #addPage}). Whether any was new.
     */
    boolean addCached(List<MessageItem> cached) {
        if (historyLoaded) {
            return false;
        }
        List<MessageItem> merged = new ArrayList<>();
        for (MessageItem item : cached) {
            if (serverIds.add(item.serverId())) {
                cachedIds.add(item.serverId());
                merged.add(item);
            }
        }
        if (merged.isEmpty()) {
            return false;
        }
        items.setAll(mergeByTime(merged, items));
        return true;
    }

    /** Adds a message being sent from here (at the live end). */
    void addSending(MessageItem item) {
        (window.detached ? window.parked : items).add(item);
    }

    /** Adds a note of a group event (it has no server id) in its place by time; whether it was new. */
    boolean addNote(MessageItem note) {
        List<MessageItem> list = window.detached ? window.parked : items;
        if (list.stream().anyMatch(i -> i.key().equals(note.key()))) {
            return false;
        }
        int at = list.size();
        while (at > 0 && list.get(at - 1).time().isAfter(note.time())) {
            at--;
        }
        list.add(at, note);
        return true;
    }

    /** Replaces every item by {@code change} applied to it (a name was learnt); unchanged items stay. */
    void updateAll(UnaryOperator<MessageItem> change) {
        for (List<MessageItem> list : List.of(items, window.parked)) {
            for (int i = 0; i < list.size(); i++) {
                MessageItem next = change.apply(list.get(i));
                if (next != list.get(i)) {
                    list.set(i, next);
                }
            }
        }
    }

    /** The message with server id {@code serverId}, if it is paged in. */
    Optional<MessageItem> byServerId(String serverId) {
        if (!serverIds.contains(serverId)) {
            return Optional.empty();
        }
        return items.stream().filter(i -> i.serverId().equals(serverId)).findFirst();
    }

    /** The newest message the server has (not a note, not one waiting to be sent). */
    Optional<MessageItem> lastFromServer() {
        for (int i = items.size() - 1; i >= 0; i--) {
            if (!items.get(i).serverId().isEmpty()) {
                return Optional.of(items.get(i));
            }
        }
        return Optional.empty();
    }

    /** Replaces the message with {@code key} by {@code change} applied to it; the changed message, if found. */
    Optional<MessageItem> update(String key, UnaryOperator<MessageItem> change) {
        for (int i = items.size() - 1; i >= 0; i--) {
            MessageItem item = items.get(i);
            if (item.key().equals(key)) {
                MessageItem next = change.apply(item);
                if (!next.equals(item)) {
                    items.set(i, next);
                    if (!next.serverId().isEmpty() && !serverIds.add(next.serverId())) {
                        removeOtherCopy(next);
                    }
                }
                return Optional.of(next);
            }
        }
        return window.updateParked(key, change);
    }

    /**
     * A message may already be here from the history when its receipt comes: a page fetched while the receipt was on
     * its way, or a message sent again from the outbox after a restart (the server had stored it before the app
     * stopped). The receipt names the same server id, and the copy from the history goes.
     */
    private void removeOtherCopy(MessageItem kept) {
        for (int i = items.size() - 1; i >= 0; i--) {
            MessageItem other = items.get(i);
            if (other.serverId().equals(kept.serverId()) && !other.key().equals(kept.key())) {
                items.remove(i);
                return;
            }
        }
    }

    /** Replaces the message whose server id is {@code serverId}; the changed message, if found. */
    Optional<MessageItem> updateByServerId(String serverId, UnaryOperator<MessageItem> change) {
        if (!serverIds.contains(serverId)) {
            return Optional.empty();
        }
        for (int i = items.size() - 1; i >= 0; i--) {
            MessageItem item = items.get(i);
            if (item.serverId().equals(serverId)) {
                MessageItem next = change.apply(item);
                items.set(i, next);
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    Optional<MessageItem> last() {
        return items.isEmpty() ? Optional.empty() : Optional.of(items.getLast());
    }

    // ---- history -------------------------------------------------------------------------------------------------

    /** Which incoming messages are not read yet. */
    UnreadCount unread() {
        return unread;
    }

    boolean historyLoaded() {
        return historyLoaded;
    }

    boolean needsHistory() {
        return !historyLoaded && !loading;
    }

    boolean canLoadOlder() {
        return historyLoaded && !loading && !reachedStart;
    }

    boolean hasOlder() {
        return !reachedStart;
    }

    boolean isLoading() {
        return loading;
    }

    String cursor() {
        return cursor;
    }

    void loading(boolean now) {
        loading = now;
    }

    /**
     * Adds a page from the server: the newest page is merged with what arrived live (by time), older pages go in
     * front. Messages already present are skipped.
     *
     * @return how many messages were new here (none when the offline sync had brought the whole page)
     */
    int addPage(HistoryPage page, String me, UnaryOperator<MessageItem> naming) {
        List<MessageItem> fresh = new ArrayList<>();
        for (ReceivedMessage message : page.receivedMessages().reversed()) { // the page is newest first
            if (cachedIds.remove(message.id())) { // the server's copy replaces the cache's, in place
                MessageItem fromServer = naming.apply(MessageItem.fromServer(message, me));
                updateByServerId(message.id(), cachedCopy -> cachedCopy.equals(fromServer) ? cachedCopy : fromServer);
            } else if (!serverIds.contains(message.id())) {
                fresh.add(naming.apply(MessageItem.fromServer(message, me)));
            }
        }
        fresh.forEach(item -> serverIds.add(item.serverId()));
        if (!historyLoaded) {
            if (items.isEmpty()) {
                items.setAll(fresh);
            } else {
                items.setAll(mergeByTime(fresh, items));
            }
        } else {
            items.addAll(0, fresh);
        }
        historyLoaded = true;
        loading = false;
        reachedStart = page.isLast() || page.cursor().isEmpty();
        cursor = page.cursor().orElse("");
        unread.seed();
        return fresh.size();
    }

    /**
     * {@code arriving} and {@code present} together, sorted by time, except that this device's messages (those with a
     * local id) keep among themselves the order they have in {@code present}, the order written, in the places the
     * sort gave them. A plain sort by time reordered them when some had the server's time (stored) and others still
     * the time they were written (waiting): offline messages written long before they went out, and a history page
     * that came between two receipts, showed the second before the first.
     */
    private static List<MessageItem> mergeByTime(List<MessageItem> arriving, List<MessageItem> present) {
        List<MessageItem> merged = new ArrayList<>(arriving);
        merged.addAll(present);
        merged.sort(BY_TIME);
        Iterator<MessageItem> written = Stream.concat(present.stream(), arriving.stream())
                .filter(MessageThread::fromHere).iterator();
        for (int i = 0; i < merged.size(); i++) {
            if (fromHere(merged.get(i))) {
                merged.set(i, written.next());
            }
        }
        return merged;
    }

    private static boolean fromHere(MessageItem item) {
        return !item.localId().isEmpty();
    }

    // ---- a window apart from the live end ------------------------------------------------------------------------

    /**
     * Whether this thread is detached from the live end, where its next newer page starts, and its epoch (each change
     * of window counts one: a page asked for in an earlier one does not belong any more).
     */
    DetachedWindow window() {
        return window;
    }

    boolean isDetached() {
        return window.detached;
    }

    /**
     * Shows a window of history instead of what is here: {@code older} (newest first, ending with the message jumped
     * to) and {@code newer} (oldest first, the messages after it), detached from the live end unless {@code newer}
     * reaches it. What belongs at the live end (messages being sent, notes) waits aside.
     */
    void showWindow(HistoryPage older, HistoryPage newer, String me, UnaryOperator<MessageItem> naming) {
        if (!window.detached) {
            items.stream().filter(i -> i.serverId().isEmpty() || i.status().canBecome(MessageStatus.SENT))
                    .forEach(window.parked::add);
        }
        window.epoch++;
        window.detached = true;
        window.loadingNewer = false;
        serverIds.clear();
        cachedIds.clear();
        List<MessageItem> shown = new ArrayList<>();
        older.receivedMessages().reversed().forEach(m -> shown.add(naming.apply(MessageItem.fromServer(m, me))));
        newer.receivedMessages().forEach(m -> shown.add(naming.apply(MessageItem.fromServer(m, me))));
        shown.removeIf(item -> !serverIds.add(item.serverId()));
        items.setAll(shown);
        historyLoaded = true;
        loading = false;
        reachedStart = older.isLast() || older.cursor().isEmpty();
        cursor = older.cursor().orElse("");
        window.newerCursor = shown.isEmpty() ? "" : shown.getLast().serverId();
        if (newer.isLast()) {
            join();
        }
        unread.seed();
    }

    /** Adds a newer page (oldest first) at the end of a detached window; joins the live end when it is the last. */
    void addNewer(HistoryPage page, String me, UnaryOperator<MessageItem> naming) {
        window.loadingNewer = false;
        List<MessageItem> fresh = new ArrayList<>();
        for (ReceivedMessage message : page.receivedMessages()) {
            if (serverIds.add(message.id())) {
                fresh.add(naming.apply(MessageItem.fromServer(message, me)));
            }
        }
        items.addAll(fresh);
        window.newerCursor = page.cursor().orElse(lastFromServer().map(MessageItem::serverId).orElse(""));
        if (page.isLast() || page.cursor().isEmpty()) {
            join();
        }
        unread.seed();
    }

    /** The window reached the live end: what waited aside comes after it, and the thread is live again. */
    private void join() {
        List<MessageItem> missed = new ArrayList<>();
        window.missed.values().stream().filter(m -> serverIds.add(m.serverId())).forEach(missed::add);
        missed.sort(BY_TIME);
        List<MessageItem> tail = mergeByTime(missed, window.parked);
        window.reset();
        items.addAll(tail);
    }

    /**
     * Leaves a detached window for the live end: only what waited aside stays, and the newest page is to be loaded
     * again ({@link #needsHistory()}).
     */
    void backToLive() {
        List<MessageItem> kept = new ArrayList<>(window.parked);
        window.reset();
        window.epoch++;
        serverIds.clear();
        cachedIds.clear();
        kept.stream().map(MessageItem::serverId).filter(id -> !id.isEmpty()).forEach(serverIds::add);
        items.setAll(kept);
        historyLoaded = false;
        loading = false;
        reachedStart = false;
        cursor = "";
    }
}
