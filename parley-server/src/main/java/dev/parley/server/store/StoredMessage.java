package dev.parley.server.store;

/**
 * A message as the store holds it.
 *
 * @param id        server id, unique and increasing in commit order across the server
 * @param seq       position in its conversation (1, 2, 3 … per pair of users)
 * @param sender    the sending user (lower case), taken from the session, never from the client
 * @param localId   the sender's client-chosen id; (sender, localId) is unique
 * @param recipient the receiving user (lower case)
 * @param body      the text
 * @param ext       the extension object as JSON text ({@code "{}"} when none)
 * @param time      commit time, epoch milliseconds
 * @param state     delivery state for the recipient
 */
public record StoredMessage(long id, long seq, String sender, String localId, String recipient, String body,
                            String ext, long time, DeliveryState state) {

    /** Delivery state of a message for its recipient; it only moves forward. */
    public enum DeliveryState {
        /** Stored, not yet acknowledged by any recipient session. */
        PENDING,
        /** A recipient session sent {@code delivered}. */
        DELIVERED,
        /** The recipient read it. */
        READ
    }

    /** The user at the other end of the conversation, seen from {@code user}. */
    public String peerOf(String user) {
        return sender.equals(user) ? recipient : sender;
    }
}
