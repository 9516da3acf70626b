package dev.parley.client;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;

/**
 * A text message that arrived (through {@link ChatEventHandler#onTextMessage}) or was read from the server's history:
 * protocol version 1's view of a message, kept for applications written for it; {@link ReceivedMessage} carries every
 * kind of content ({@link ReceivedMessage#toTextEvent()} makes this view of one). A copy of a message this user sent
 * from another device has {@code from} equal to this user.
 *
 * @param id       the server's id for the message
 * @param from     the sender
 * @param to       the recipient, or the group id in a group
 * @param chatType the chat type, {@code singleChat} or {@code groupChat}
 * @param msg      the text; in this view of a message of another type, what a preview shows (the file name, the
 *                 custom event), and {@code ""} for a recalled message
 * @param time     the server's time stamp
 * @param ext      the extension fields, an empty object when none
 * @param state    where the message stands for its recipient: as the server reported it with history or the
 *                 conversation list; {@link MessageState#PENDING} for a message that just arrived live (this client
 *                 acknowledges it at once)
 */
public record TextMessageEvent(String id, String from, String to, String chatType, String msg, Instant time,
                               JsonObject ext, MessageState state) {
    /** Checks that no component is null. */
    public TextMessageEvent {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(msg, "msg");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ext, "ext");
    }

    /** A message in state {@link MessageState#PENDING} (one that just arrived). */
    public TextMessageEvent(String id, String from, String to, String chatType, String msg, Instant time,
                            JsonObject ext) {
        this(id, from, to, chatType, msg, time, ext, MessageState.PENDING);
    }
}
