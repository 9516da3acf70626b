package dev.parley.client;

import dev.parley.protocol.ChatType;
import java.util.Objects;

/**
 * A conversation as this user sees it: a one-to-one chat with a peer ({@link ChatType#SINGLE}, {@code id} is the
 * peer's user id) or a group ({@link ChatType#GROUP}, {@code id} is the group id).
 *
 * @param chatType the kind of conversation
 * @param id       the peer's user id or the group id, never blank
 */
public record ConversationId(ChatType chatType, String id) {
    /** Checks the components. */
    public ConversationId {
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("id must not be blank");
        }
    }

    /** The one-to-one conversation with {@code peer}. */
    public static ConversationId single(String peer) {
        return new ConversationId(ChatType.SINGLE, peer);
    }

    /** The conversation of group {@code groupId}. */
    public static ConversationId group(String groupId) {
        return new ConversationId(ChatType.GROUP, groupId);
    }

    /**
     * The conversation an item addressed {@code from} → {@code to} belongs to, for user {@code me}: the group
     * ({@code to}) in a group, else the other user of the pair.
     */
    static ConversationId of(ChatType chatType, String from, String to, String me) {
        if (chatType == ChatType.GROUP) {
            return group(to);
        }
        return single(from.equalsIgnoreCase(me) ? to : from);
    }
}
