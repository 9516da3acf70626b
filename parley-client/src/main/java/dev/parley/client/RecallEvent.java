package dev.parley.client;

import java.util.Objects;

/**
 * A message was recalled by its sender ({@link ChatEventHandler#onRecallMessage}): show "this message was recalled"
 * in its place and forget its body and file.
 *
 * @param messageId    the message's server id
 * @param from         who recalled it (its sender; this user when recalled from another device)
 * @param conversation the conversation it belongs to, as this user sees it
 */
public record RecallEvent(String messageId, String from, ConversationId conversation) {
    /** Checks that no component is null. */
    public RecallEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(conversation, "conversation");
    }
}
