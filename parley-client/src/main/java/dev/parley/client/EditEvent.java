package dev.parley.client;

import java.time.Instant;
import java.util.Objects;

/**
 * The text of a message was replaced by its sender ({@link ChatEventHandler#onModifiedMessage}); apply it with
 * {@link ReceivedMessage#withEdit(String)}. A message edited twice raises two events; compare {@code editTime} to keep
 * the newest when they arrive out of order (after a reconnect, say).
 *
 * @param messageId    the message's server id
 * @param from         who edited it (its sender; this user when edited from another device)
 * @param conversation the conversation it belongs to, as this user sees it
 * @param text         the new text
 * @param editTime     when the server accepted the edit
 */
public record EditEvent(String messageId, String from, ConversationId conversation, String text, Instant editTime) {
    /** Checks that no component is null. */
    public EditEvent {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(editTime, "editTime");
    }
}
