package dev.parley.client;

import java.util.Objects;

/**
 * A whole conversation was read ({@link ChatEventHandler#onChannelMessage}, Agora's "channel ack"): either the peer of a
 * one-to-one conversation read everything this user sent them (mark those messages read), or this user read the
 * conversation on another device (clear its unread count here too).
 *
 * @param conversation the conversation, as this user sees it
 * @param reader       who read it: the peer, or this user
 * @param byMe         whether this user read it on another device
 */
public record ChannelAckEvent(ConversationId conversation, String reader, boolean byMe) {
    /** Checks that no component is null. */
    public ChannelAckEvent {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(reader, "reader");
    }
}
