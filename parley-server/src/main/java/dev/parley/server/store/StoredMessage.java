package dev.parley.server.store;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;

/**
 * A message as the store holds it.
 *
 * @param id         server id, unique and increasing in commit order across the server (shared with events)
 * @param seq        position in its conversation (1, 2, 3 …)
 * @param sender     the sending user (lower case), taken from the session, never from the client
 * @param localId    the sender's client-chosen id; (sender, localId) is unique
 * @param chatType   one-to-one or group
 * @param recipient  the message's {@code to}: the receiving user (lower case), or the group id
 * @param content    what it holds as sent; {@link Content.Recalled} once recalled
 * @param ext        the extension object as JSON text ({@code "{}"} when none)
 * @param time       commit time, epoch milliseconds
 * @param state      delivery state for the recipient of a one-to-one message; a group message is
 *                   {@link DeliveryState#DELIVERED} (its state is kept per member)
 * @param editedText the text after the last edit, {@code ""} when never edited
 * @param editTime   when it was last edited (epoch milliseconds), 0 when never
 */
public record StoredMessage(long id, long seq, String sender, String localId, ChatType chatType, String recipient,
                            Content content, String ext, long time, DeliveryState state, String editedText,
                            long editTime) implements InboxItem {

    /** Delivery state of a message for its recipient; it only moves forward. */
    public enum DeliveryState {
        /** Stored, not yet acknowledged by any recipient session. */
        PENDING,
        /** A recipient session sent {@code delivered}. */
        DELIVERED,
        /** The recipient read it. */
        READ
    }

    /** What a preview or a search shows as sent: the text, a file name, a custom event, {@code ""} when recalled. */
    public String body() {
        return content.summary();
    }

    /** The text as it reads now: after its last edit, if any. */
    public String currentText() {
        return editedText.isEmpty() ? body() : editedText;
    }

    public boolean recalled() {
        return content instanceof Content.Recalled;
    }

    public boolean edited() {
        return !editedText.isEmpty();
    }

    /** The same message in another state. */
    StoredMessage withState(DeliveryState newState) {
        return new StoredMessage(id, seq, sender, localId, chatType, recipient, content, ext, time, newState,
                editedText, editTime);
    }

    /**
     * The conversation as {@code user} names it: the group id, or the user at the other end of a one-to-one
     * conversation.
     */
    public String peerOf(String user) {
        if (chatType == ChatType.GROUP) {
            return recipient;
        }
        return sender.equals(user) ? recipient : sender;
    }
}
