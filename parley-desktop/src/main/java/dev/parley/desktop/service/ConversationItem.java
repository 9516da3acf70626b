package dev.parley.desktop.service;

import java.time.Instant;
import java.util.Objects;

/**
 * One row of the conversation list. Immutable: an update replaces the row.
 *
 * @param peer        the other user
 * @param preview     the last message's first line, {@code ""} for a conversation without messages
 * @param mine        whether the last message was sent by the signed-in user
 * @param time        when the last message was sent (or the conversation was started)
 * @param unreadCount how many messages from the peer are not read yet
 * @param name        the peer's display name (nickname), {@code ""} when not known
 */
public record ConversationItem(String peer, String preview, boolean mine, Instant time, int unreadCount,
                               String name) {
    /** The longest preview kept. */
    static final int PREVIEW_LENGTH = 120;

    /** Checks the components. */
    public ConversationItem {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(name, "name");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative");
        }
    }

    /** A row without a known display name. */
    public ConversationItem(String peer, String preview, boolean mine, Instant time, int unreadCount) {
        this(peer, preview, mine, time, unreadCount, "");
    }

    /** A row for a conversation whose last message is {@code message}. */
    static ConversationItem of(MessageItem message, int unreadCount) {
        return new ConversationItem(message.peer(), previewOf(message.text()), message.isMine(), message.time(),
                unreadCount);
    }

    /** This row with another unread count. */
    ConversationItem withUnread(int count) {
        return new ConversationItem(peer, preview, mine, time, count, name);
    }

    /** This row with the peer's display name. */
    ConversationItem withName(String displayName) {
        return new ConversationItem(peer, preview, mine, time, unreadCount, displayName);
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
