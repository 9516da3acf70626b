package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.InboxItem;
import dev.parley.server.store.StoredEvent;
import dev.parley.server.store.StoredMessage;

/**
 * A stored item (a message, or an event kept for offline members) encoded once as its frame, for every connection
 * that receives it; the frame is shared by the copies made for each recipient.
 *
 * @param id    the server id of the message or event (commit order)
 * @param to    the user in whose inbox it is ({@code ""} or another user for a copy that is not stored for the user it
 *              is delivered to, such as a message for the sender's other devices)
 * @param frame the encoded frame
 */
record EncodedMessage(long id, String to, Outbound.Encoded frame) {

    /** A stored item of {@code user}'s inbox, read back from the store, encoded as its frame. */
    static EncodedMessage of(InboxItem item, String user, FrameCodec codec, Messages messages) {
        return switch (item) {
            case StoredMessage m -> new EncodedMessage(m.id(), user,
                    Outbound.Encoded.of(codec.encode(messages.toFrame(m))));
            case StoredEvent e -> new EncodedMessage(e.id(), user, Outbound.Encoded.of(e.frame()));
        };
    }

    /** Whether it is in {@code user}'s inbox (not a copy the sender gets on another device). */
    boolean isTo(String user) {
        return to.equals(user);
    }
}
