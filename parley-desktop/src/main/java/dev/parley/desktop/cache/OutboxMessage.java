package dev.parley.desktop.cache;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message written on this device that the server has not receipted yet, as the {@link LocalCache}'s outbox keeps
 * it: the SDK's {@link ChatMessage} (its local id, recipient, chat type, body and {@code ext}) and when it was written.
 * A body of {@link dev.parley.client.MessageBody.LocalFile} keeps the path of the file still to be uploaded. Immutable.
 *
 * @param message the message as it is to be sent, with the local id it goes out with (the server stores it once)
 * @param written when it was written (kept to the millisecond)
 */
public record OutboxMessage(ChatMessage message, Instant written) {
    /** Checks that no component is null. */
    public OutboxMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(written, "written");
    }

    /** Its local id. */
    public String localId() {
        return message.localId();
    }

    /** The conversation it belongs to. */
    public ConversationId conversation() {
        return new ConversationId(message.chatType(), message.to());
    }
}
