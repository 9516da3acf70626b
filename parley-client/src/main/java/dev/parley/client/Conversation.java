package dev.parley.client;

import java.util.Objects;

/**
 * One conversation in {@link ChatClient#conversations()}.
 *
 * @param peer        the other user
 * @param lastMessage the newest message between the two users
 * @param unreadCount how many messages from the peer this user has not marked read
 */
public record Conversation(String peer, TextMessageEvent lastMessage, int unreadCount) {
    /** Checks that no component is null and the count is not negative. */
    public Conversation {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(lastMessage, "lastMessage");
        if (unreadCount < 0) {
            throw new IllegalArgumentException("unreadCount must not be negative");
        }
    }
}
