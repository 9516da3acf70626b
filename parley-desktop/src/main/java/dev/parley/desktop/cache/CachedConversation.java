package dev.parley.desktop.cache;

import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import java.util.Objects;

/**
 * A conversation as the {@link LocalCache} keeps it: the SDK's {@link Conversation} (name, newest message, unread
 * count) and the flags only this device knows. Immutable.
 *
 * @param conversation the conversation as the server last gave it, with the newest message the cache has seen
 * @param pinned       whether the user pinned it to the top of the list
 * @param muted        whether the user muted it
 * @param markedUnread whether the user marked it unread (until it is opened again)
 */
public record CachedConversation(Conversation conversation, boolean pinned, boolean muted, boolean markedUnread) {
    /** Checks that the conversation is not null. */
    public CachedConversation {
        Objects.requireNonNull(conversation, "conversation");
    }

    /** A conversation not marked unread. */
    public CachedConversation(Conversation conversation, boolean pinned, boolean muted) {
        this(conversation, pinned, muted, false);
    }

    /** The conversation's id. */
    public ConversationId id() {
        return conversation.conversationId();
    }
}
