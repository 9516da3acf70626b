package dev.parley.desktop.service;

import dev.parley.client.ChannelAckEvent;
import dev.parley.client.ConversationId;
import dev.parley.client.EditEvent;
import dev.parley.client.GroupEvent;
import dev.parley.client.RecallEvent;
import dev.parley.client.ReceivedMessage;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What the server pushes into conversations (live, or in the sign-in's offline sync): messages of every kind, recalls,
 * edits, group events, receipts and whole-conversation read marks. Each lands in its conversation's
 * {@link MessageThread} and the list's row. FX thread only; part of the {@link Messenger}.
 */
final class Incoming {
    private final ConversationBook book;
    private final ReadMarks reads;
    private final People people;
    private final Supplier<Session> session;
    private final Supplier<ConversationId> open;
    /** Where what the server pushes is written through. */
    private final CacheLink cache;

    Incoming(ConversationBook book, ReadMarks reads, People people, Supplier<Session> session,
             Supplier<ConversationId> open, CacheLink cache) {
        this.cache = cache;
        this.book = book;
        this.reads = reads;
        this.people = people;
        this.session = session;
        this.open = open;
    }

    /**
     * A message came in. It may already be in the thread, if a history page fetched meanwhile had it; it is still
     * unread then, because the server pushes only what this user has not had.
     */
    void message(ReceivedMessage message) {
        Session s = session.get();
        if (s == null) {
            return;
        }
        cache.messages(List.of(message));
        MessageItem item = book.named(MessageItem.fromServer(message, s.me()));
        ConversationId conversation = item.conversation();
        MessageThread thread = book.thread(conversation);
        people.lookUp(item.sender()); // a conversation (or a group member) that begins live is named too
        if (conversation.chatType() == dev.parley.protocol.ChatType.GROUP && book.groupName(conversation.id())
                .isEmpty()) {
            people.lookUpGroupOnce(conversation.id());
        }
        boolean reading = reads.isReading() && conversation.equals(open.get());
        if (!item.isMine() && reading) {
            item = item.withStatus(MessageStatus.READ);
        }
        boolean added = thread.addFromServer(item);
        if (item.isMine()) {
            if (added) {
                book.newest(item, thread.unread().count());
            }
            return;
        }
        if (reading) {
            thread.updateByServerId(item.serverId(), m -> m.withStatus(MessageStatus.READ));
            reads.markRead(conversation, List.of(item.serverId()));
        } else {
            thread.unread().arrived(item.serverId());
        }
        if (added) {
            book.newest(item, thread.unread().count());
        } else {
            book.unread(conversation, thread.unread().count());
        }
    }

    /** A message was recalled: "This message was recalled" in its place, in the thread and the list. */
    void recalled(RecallEvent recall) {
        cache.recalled(recall.messageId());
        book.existingThread(key(recall.conversation())).flatMap(t -> t.updateByServerId(recall.messageId(),
                MessageItem::recalled)).ifPresent(book::changed);
    }

    /** A message was edited: its new text, marked "edited". */
    void edited(EditEvent edit) {
        cache.edited(edit.messageId(), edit.text(), edit.editTime());
        book.existingThread(key(edit.conversation())).flatMap(t -> t.updateByServerId(edit.messageId(),
                m -> m.isRecalled() ? m : m.edited(edit.text()))).ifPresent(book::changed);
    }

    /**
     * A group event: a note in the group's timeline, the group listed (a new group appears at once), its name
     * fetched again after a rename.
     */
    void groupEvent(GroupEvent event, Instant now) {
        ConversationId group = ConversationId.group(event.groupId());
        people.lookUp(event.by());
        people.lookUp(event.member());
        Instant time = event.time().equals(Instant.EPOCH) ? now : event.time();
        boolean renamed = event.kind() == GroupEvent.Kind.UPDATED || event.kind() == GroupEvent.Kind.CREATED;
        if (renamed || book.groupName(event.groupId()).isEmpty()) {
            people.lookUpGroup(event.groupId(), name -> addNote(group, event, renamed ? name : "", time));
        } else {
            addNote(group, event, "", time);
        }
    }

    private void addNote(ConversationId group, GroupEvent event, String groupName, Instant time) {
        String key = "group-event:" + event.kind().wire() + ":" + event.member() + ":" + event.by() + ":"
                + time.toEpochMilli();
        MessageItem note = MessageItem.note(key, group, book.note(event, groupName), time);
        MessageThread thread = book.thread(group);
        if (thread.addNote(note)) {
            book.newest(note, thread.unread().count());
        }
    }

    /** A delivery or read receipt for a message this user sent. */
    void receipt(String serverId, String from, MessageStatus status) {
        ConversationId reader = ConversationId.single(from.toLowerCase(Locale.ROOT));
        boolean found = book.existingThread(reader).flatMap(thread -> thread.updateByServerId(serverId,
                m -> m.status().canBecome(status) ? m.withStatus(status) : m)).isPresent();
        ConversationId shown = open.get();
        if (!found && shown != null) { // a member of the open group received or read it
            book.existingThread(shown).ifPresent(thread -> thread.updateByServerId(serverId,
                    m -> m.status().canBecome(status) ? m.withStatus(status) : m));
        }
    }

    /**
     * A whole conversation was read: by the peer (each of this user's messages to them is read), or by this user on
     * another device (nothing is unread in it any more).
     */
    void conversationRead(ChannelAckEvent ack) {
        ConversationId conversation = key(ack.conversation());
        book.existingThread(conversation).ifPresent(thread -> {
            if (ack.byMe()) {
                thread.unread().readElsewhere();
                book.unread(conversation, thread.unread().count());
            } else {
                thread.updateAll(m -> m.isMine() && !m.serverId().isEmpty() && m.status().canBecome(
                        MessageStatus.READ) && m.status() != MessageStatus.READ ? m.withStatus(MessageStatus.READ)
                        : m);
            }
        });
    }

    private static ConversationId key(ConversationId conversation) {
        return MessageItem.keyOf(conversation);
    }
}
