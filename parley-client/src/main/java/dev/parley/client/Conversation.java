package dev.parley.client;

import dev.parley.protocol.ChatType;
import java.util.Objects;

/**
 * One conversation in {@link ChatClient#conversations()}: a one-to-one chat or a group, with its newest message.
 *
 * @param chatType    the kind of conversation
 * @param id          the peer's user id, or the group id
 * @param name        what to call it: the group's name or the peer's nickname, as the server gives it ({@code ""}
 *                    when it gives none)
 * @param latest      the newest message of the conversation
 * @param unreadCount how many messages to this user this user has not marked read
 */
public record Conversation(ChatType chatType, String id, String name, ReceivedMessage latest, int unreadCount) {
    /** Checks that no component is null and the count is not negative. */
    public Conversation {
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(latest, "latest");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative");
        }
    }

    /** The conversation as a value. */
    public ConversationId conversationId() {
        return new ConversationId(chatType, id);
    }

    /** The other user of a one-to-one conversation (version 1's name for {@link #id()}; a group's id in a group). */
    public String peer() {
        return id;
    }

    /** The newest message in version 1's text view ({@link ReceivedMessage#toTextEvent()}). */
    public TextMessageEvent lastMessage() {
        return latest.toTextEvent();
    }
}
