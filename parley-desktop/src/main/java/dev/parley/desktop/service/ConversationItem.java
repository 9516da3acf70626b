package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the conversation list: a one-to-one chat or a group. Immutable: an update replaces the row.
 *
 * @param conversation the conversation
 * @param preview      the last message's preview ("hi", "📷 Photo", "This message was recalled"), {@code ""} for a
 *                     conversation without messages
 * @param mine         whether the last message was sent by the signed-in user
 * @param sender       in a group, who sent the last message (display name, else user ID); {@code ""} otherwise
 * @param time         when the last message was sent (or the conversation was started)
 * @param unreadCount  how many messages to the user are not read yet
 * @param name         what to call the conversation: the group's name or the peer's display name (nickname),
 *                     {@code ""} when not known
 * @param pinned       whether the user pinned it (pinned rows come first)
 * @param muted        whether the user muted it (no desktop notifications, a grey badge)
 * @param markedUnread whether the user marked it unread: the badge shows (a dot without a count) until it is opened
 */
public record ConversationItem(ConversationId conversation, String preview, boolean mine, String sender,
                               Instant time, int unreadCount, String name, boolean pinned, boolean muted,
                               boolean markedUnread) {
    /** The longest preview kept. */
    static final int PREVIEW_LENGTH = 120;

    /** Checks the components. */
    public ConversationItem {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(name, "name");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative");
        }
    }

    /** A row without marks (not pinned, muted or marked unread). */
    public ConversationItem(ConversationId conversation, String preview, boolean mine, String sender, Instant time,
                            int unreadCount, String name) {
        this(conversation, preview, mine, sender, time, unreadCount, name, false, false, false);
    }

    /** Whether the unread badge shows: unread messages, or the user marked it unread. */
    public boolean showsUnread() {
        return unreadCount > 0 || markedUnread;
    }

    /** A row for a conversation whose last message is {@code message}. */
    static ConversationItem of(MessageItem message, int unreadCount) {
        boolean group = message.conversation().chatType() == ChatType.GROUP;
        return new ConversationItem(message.conversation(), message.content().preview(), message.isMine(),
                group && !message.isMine() && !message.isNote() ? message.senderLabel() : "", message.time(),
                unreadCount, "");
    }

    /** A row for a conversation without messages. */
    static ConversationItem empty(ConversationId conversation, Instant time) {
        return new ConversationItem(conversation, "", false, "", time, 0, "");
    }

    /** The peer's user ID, or the group's id. */
    public String id() {
        return conversation.id();
    }

    /** Whether it is a group. */
    public boolean isGroup() {
        return conversation.chatType() == ChatType.GROUP;
    }

    /** What the list shows as its title: the name, else the peer's user ID (a group's id as a last resort). */
    public String title() {
        return name.isEmpty() ? conversation.id() : name;
    }

    /**
     * The preview line as the list shows it: "You: hi", in a group "roy: hi", "No messages yet" for an empty
     * conversation.
     */
    public String line() {
        if (preview.isEmpty()) {
            return "No messages yet";
        }
        return (mine ? "You: " : sender.isEmpty() ? "" : sender + ": ") + preview;
    }

    /** This row with another unread count. */
    ConversationItem withUnread(int count) {
        return new ConversationItem(conversation, preview, mine, sender, time, count, name, pinned, muted,
                markedUnread);
    }

    /** This row with the conversation's name. */
    ConversationItem withName(String displayName) {
        return new ConversationItem(conversation, preview, mine, sender, time, unreadCount, displayName, pinned,
                muted, markedUnread);
    }

    /** This row with the user's marks. */
    ConversationItem withMarks(boolean pin, boolean mute, boolean marked) {
        return new ConversationItem(conversation, preview, mine, sender, time, unreadCount, name, pin, mute, marked);
    }

    /** The first line of {@code text}, shortened. */
    static String previewOf(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        if (newline >= 0) {
            line = line.substring(0, newline).strip() + " …";
        }
        return line.length() > PREVIEW_LENGTH ? line.substring(0, PREVIEW_LENGTH) + "…" : line;
    }
}
