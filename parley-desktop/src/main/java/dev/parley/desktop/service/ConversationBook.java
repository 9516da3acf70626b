package dev.parley.desktop.service;

import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The conversation list, newest first, each conversation's {@link MessageThread}, and the names it shows (people's
 * display names, groups' names). Conversations are keyed by {@link ConversationId}: one-to-one and group chats mix.
 * Rows are replaced in place and then re-sorted (a permutation), so a list view keeps its selection on the same
 * conversation. Pinned rows come first. Before the server's list comes, the local cache's is shown
 * ({@link #showCached}). FX thread only.
 */
final class ConversationBook {
    /** Pinned rows first, then newest first. */
    private static final Comparator<ConversationItem> NEWEST_FIRST = Comparator
            .comparing((ConversationItem r) -> !r.pinned()).thenComparing(ConversationItem::time,
                    Comparator.reverseOrder())
            .thenComparing(r -> r.conversation().chatType()).thenComparing(ConversationItem::id);

    private final ObservableList<ConversationItem> rows = FXCollections.observableArrayList();
    private final ObservableList<ConversationItem> readOnly = FXCollections.unmodifiableObservableList(rows);
    private final Map<ConversationId, MessageThread> threads = new HashMap<>();
    /** Display names (nicknames) of users, as the server told them. */
    private final Map<String, String> userNames = new HashMap<>();
    /** The newest item shown in each row, to show it again when a name is learnt. */
    private final Map<ConversationId, MessageItem> latest = new HashMap<>();
    /** Names of groups, as the server told them. */
    private final Map<String, String> groupNames = new HashMap<>();
    /** The user's marks on rows (pinned, muted, marked unread); rows without marks are not in it. */
    private final Map<ConversationId, Marks> marks = new HashMap<>();
    /** Conversations the user removed from the list, kept between sign-ins. */
    private final Removals removed;
    /** The signed-in user (lowercase), {@code ""} while signed out: group notes call them "You". */
    private String me = "";

    /** The unread messages of all rows together. */
    private final ReadOnlyIntegerWrapper totalUnread = new ReadOnlyIntegerWrapper(this, "totalUnread", 0);

    ConversationBook(Removals removed) {
        this.removed = removed;
        rows.addListener((ListChangeListener<ConversationItem>) change -> totalUnread.set(
                rows.stream().mapToInt(ConversationItem::unreadCount).sum()));
    }

    ReadOnlyIntegerProperty totalUnreadProperty() {
        return totalUnread.getReadOnlyProperty();
    }

    ObservableList<ConversationItem> rows() {
        return readOnly;
    }

    MessageThread thread(ConversationId conversation) {
        return threads.computeIfAbsent(conversation, MessageThread::new);
    }

    Optional<MessageThread> existingThread(ConversationId conversation) {
        return Optional.ofNullable(threads.get(conversation));
    }

    Optional<ConversationItem> row(ConversationId conversation) {
        int i = indexOf(conversation);
        return i < 0 ? Optional.empty() : Optional.of(rows.get(i));
    }

    /** A row for a conversation the user starts (or a group that was just created); it has no messages yet. */
    void start(ConversationId conversation, Instant now) {
        removed.restore(conversation);
        if (indexOf(conversation) < 0) {
            put(ConversationItem.empty(conversation, now));
        }
    }

    /**
     * A group the user is in, listed by the server's joined groups: it gets a row, ordered by {@code created}, unless
     * it has one already (a message, the cache) or the user removed it from the list.
     */
    void joined(ConversationId group, Instant created) {
        if (indexOf(group) < 0 && !isRemoved(group)) {
            put(ConversationItem.empty(group, created));
        }
    }

    /** Whether the user removed {@code conversation} from the list (and nothing newer came since). */
    boolean isRemoved(ConversationId conversation) {
        return removed.stillRemoved(conversation, "");
    }

    /**
     * {@code message} is the conversation's newest (unless the row shows a newer one already: a group's note whose
     * name took a while to learn), and {@code unread} messages are unread.
     */
    void newest(MessageItem message, int unread) {
        if (message.serverId().isEmpty() || !removed.stillRemoved(message.conversation(), message.serverId())) {
            removed.restore(message.conversation());
            MessageItem shown = latest.get(message.conversation());
            if (shown != null && !shown.key().equals(message.key()) && shown.time().isAfter(message.time())
                    && row(message.conversation()).isPresent()) {
                unread(message.conversation(), unread);
            } else {
                show(message, unread);
            }
        }
    }

    /** The newest item of the conversation changed in place (recalled, edited): its row follows, if it shows it. */
    void changed(MessageItem item) {
        existingThread(item.conversation()).flatMap(MessageThread::last)
                .filter(last -> last.key().equals(item.key()))
                .ifPresent(last -> row(item.conversation()).ifPresent(r -> show(last, r.unreadCount())));
    }

    void unread(ConversationId conversation, int count) {
        row(conversation).ifPresent(r -> put(r.withUnread(count)));
    }

    /**
     * Merges the server's list (fetched after sign-in) with what arrived live meanwhile: the server counted every
     * unread message up to its last message; messages pushed after that (higher server ids: they grow in commit
     * order) are added to its count by the thread.
     */
    void merge(List<Conversation> fromServer, String me) {
        for (Conversation c : fromServer) {
            MessageItem last = named(MessageItem.fromServer(c.latest(), me));
            ConversationId id = last.conversation();
            if (removed.stillRemoved(id, last.serverId())) {
                continue;
            }
            learnName(c, id);
            Optional<ConversationItem> known = row(id);
            MessageThread thread = thread(id);
            thread.unread().counted(c.unreadCount(), last.serverId());
            int unread = thread.unread().count();
            boolean knownIsNewer = known.isPresent() && !known.get().preview().isEmpty()
                    && known.get().time().isAfter(last.time());
            if (knownIsNewer) {
                put(known.get().withUnread(unread));
            } else {
                show(last, unread);
            }
        }
    }

    /**
     * Shows the conversations the local cache kept (before the server's list comes), with their marks; a row the
     * server (or a live message) gave already stays as it is. Cached messages never count as unread beyond the
     * server's last count.
     */
    void showCached(List<dev.parley.desktop.cache.CachedConversation> cached, String me) {
        for (var c : cached) {
            MessageItem last = named(MessageItem.fromServer(c.conversation().latest(), me));
            ConversationId id = last.conversation();
            if (removed.stillRemoved(id, last.serverId())) {
                continue;
            }
            learnName(c.conversation(), id);
            if (c.pinned() || c.muted() || c.markedUnread()) {
                marks.put(id, new Marks(c.pinned(), c.muted(), c.markedUnread()));
            }
            Optional<ConversationItem> known = row(id);
            if (known.isPresent()) {
                put(known.get());
            } else {
                MessageThread thread = thread(id);
                thread.unread().counted(c.conversation().unreadCount(), last.serverId());
                show(last, thread.unread().count());
            }
        }
    }

    private void learnName(Conversation c, ConversationId id) {
        if (c.chatType() == ChatType.GROUP && !c.name().isBlank()) {
            groupNames.put(c.id(), c.name());
        } else if (c.chatType() == ChatType.SINGLE && !c.name().isBlank() && !c.name().equals(c.id())) {
            nameIfUnknown(id.id(), c.name());
        }
    }

    // ---- marks ---------------------------------------------------------------------------------------------------

    /** The user's marks on a conversation of the list. */
    record Marks(boolean pinned, boolean muted, boolean markedUnread) {
        static final Marks NONE = new Marks(false, false, false);

        Marks withPinned(boolean on) {
            return new Marks(on, muted, markedUnread);
        }

        Marks withMuted(boolean on) {
            return new Marks(pinned, on, markedUnread);
        }

        Marks withMarkedUnread(boolean on) {
            return new Marks(pinned, muted, on);
        }
    }

    Marks marks(ConversationId conversation) {
        return marks.getOrDefault(conversation, Marks.NONE);
    }

    /** Whether the user muted {@code conversation}. */
    boolean isMuted(ConversationId conversation) {
        return marks(conversation).muted();
    }

    /** Sets the marks of {@code conversation}; its row (if listed) shows them and moves (pinned first). */
    void mark(ConversationId conversation, Marks next) {
        if (next.equals(Marks.NONE)) {
            marks.remove(conversation);
        } else {
            marks.put(conversation, next);
        }
        row(conversation).ifPresent(this::put);
    }

    /** {@code user} signs in: the notes of their own actions say "You". */
    void signedIn(String user) {
        me = user;
    }

    void clear() {
        me = "";
        marks.clear();
        rows.clear();
        threads.clear();
        removed.signedOut();
        userNames.clear();
        groupNames.clear();
        latest.clear();
    }

    /**
     * Takes a conversation off the list, with what is known of it; it comes back when a message newer than its
     * newest at removal arrives (live, or in the server's list).
     */
    void remove(ConversationId conversation) {
        int i = indexOf(conversation);
        String newest = existingThread(conversation).flatMap(MessageThread::lastFromServer)
                .map(MessageItem::serverId).orElse("");
        removed.remove(conversation, newest);
        if (i >= 0) {
            rows.remove(i);
        }
        threads.remove(conversation);
        latest.remove(conversation);
        marks.remove(conversation);
    }

    // ---- names ---------------------------------------------------------------------------------------------------

    /** A user's display name, else their user ID. */
    String nameOf(String user) {
        return userNames.getOrDefault(user, user);
    }

    /** A group's name, {@code ""} when not known. */
    String groupName(String groupId) {
        return groupNames.getOrDefault(groupId, "");
    }

    /** {@code item} with its sender's display name, when known. */
    MessageItem named(MessageItem item) {
        String name = userNames.getOrDefault(item.sender(), "");
        return name.equals(item.senderName()) ? item : item.withSenderName(name);
    }

    /**
     * {@code user}'s display name is {@code name}: their one-to-one row shows it (with the user ID beside it), and
     * their messages and the group notes that name them in the threads loaded so far.
     */
    void name(String user, String name) {
        if (name.equals(userNames.put(user, name))) {
            return;
        }
        row(ConversationId.single(user)).ifPresent(this::put);
        for (MessageThread thread : threads.values()) {
            thread.updateAll(item -> {
                if (item.content() instanceof MessageContent.Note note && (note.event().by().equals(user)
                        || note.event().member().equals(user))) {
                    return item.withContent(note(note.event(), note.groupName()));
                }
                return item.sender().equals(user) ? item.withSenderName(name) : item;
            });
        }
        rows.stream().filter(ConversationItem::isGroup).toList().forEach(r -> {
            MessageItem last = latest.get(r.conversation());
            if (last != null && last.content() instanceof MessageContent.Note note) {
                show(last.withContent(note(note.event(), note.groupName())), r.unreadCount());
            } else if (last != null && last.sender().equals(user)) {
                show(last, r.unreadCount());
            }
        });
    }

    /**
     * {@code user} is called {@code name} unless a name of theirs is known already: a name the list or the local cache
     * kept, which the user lookup (fresher) replaces when it comes. The rows, messages and notes that show the user's
     * ID so far show the name, as after a lookup: a group's preview shown before the name came with a later row of
     * the same list too.
     */
    void nameIfUnknown(String user, String name) {
        if (!userNames.containsKey(user) && !name.isBlank()) {
            name(user, name);
        }
    }

    /** The note of a group event, with the names known now, the signed-in user as "You". */
    MessageContent.Note note(dev.parley.client.GroupEvent event, String groupName) {
        return GroupNotes.note(event, groupName, this::nameOf, me);
    }

    /** Group {@code groupId} is called {@code name}. */
    void groupName(String groupId, String name) {
        groupNames.put(groupId, name);
        row(ConversationId.group(groupId)).ifPresent(this::put);
    }

    /** The row of {@code last}'s conversation shows it (with its sender's name, in a group). */
    private void show(MessageItem last, int unread) {
        MessageItem item = named(last);
        latest.put(item.conversation(), item);
        put(ConversationItem.of(item, unread));
    }

    private void put(ConversationItem given) {
        String name = given.isGroup() ? groupNames.getOrDefault(given.id(), "")
                : userNames.getOrDefault(given.id(), "");
        ConversationItem named = name.equals(given.name()) ? given : given.withName(name);
        Marks m = marks(named.conversation());
        ConversationItem row = m.pinned() == named.pinned() && m.muted() == named.muted()
                && m.markedUnread() == named.markedUnread() ? named
                : named.withMarks(m.pinned(), m.muted(), m.markedUnread());
        int i = indexOf(row.conversation());
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

    private int indexOf(ConversationId conversation) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).conversation().equals(conversation)) {
                return i;
            }
        }
        return -1;
    }
}
