package dev.parley.desktop.service;

import dev.parley.client.TextMessageEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * One message of a conversation as the view shows it. Immutable: a change of status replaces the item in its list.
 *
 * @param key       stable identity within the conversation: the local id of a message sent from here, else the
 *                  server id
 * @param peer      the other user of the conversation
 * @param direction incoming or outgoing
 * @param text      the body, shown as plain text
 * @param time      the server's time, or the local time while sending
 * @param status    where it stands
 * @param serverId  the server's id, {@code ""} until the server stored it
 * @param localId   the local id of a message sent from this device, else {@code ""}
 * @param failure   why it failed, as a sentence, {@code ""} unless {@code FAILED}
 */
public record MessageItem(String key, String peer, Direction direction, String text, Instant time,
                          MessageStatus status, String serverId, String localId, String failure) {
    /** Checks that no component is null. */
    public MessageItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(failure, "failure");
    }

    /**
     * A message the server has (live or from history), seen by {@code me}, in the state the server reported with
     * history (read, delivered; "pending" is sent for mine, and delivered for theirs, which this client acknowledges).
     */
    public static MessageItem fromServer(TextMessageEvent event, String me) {
        boolean mine = event.from().equalsIgnoreCase(me);
        MessageStatus status = switch (event.state()) {
            case READ -> MessageStatus.READ;
            case DELIVERED -> MessageStatus.DELIVERED;
            case PENDING -> mine ? MessageStatus.SENT : MessageStatus.DELIVERED;
        };
        return new MessageItem(event.id(), mine ? event.to() : event.from(),
                mine ? Direction.OUTGOING : Direction.INCOMING, event.msg(), event.time(), status, event.id(), "", "");
    }

    /** A message being sent from this device. */
    public static MessageItem sending(String localId, String peer, String text, Instant now) {
        return new MessageItem(localId, peer, Direction.OUTGOING, text, now, MessageStatus.SENDING, "", localId, "");
    }

    /** A message written on this device that waits in the outbox for the connection. */
    public static MessageItem waiting(String localId, String peer, String text, Instant written) {
        return new MessageItem(localId, peer, Direction.OUTGOING, text, written, MessageStatus.WAITING, "", localId,
                "");
    }

    /** Whether the signed-in user sent it. */
    public boolean isMine() {
        return direction == Direction.OUTGOING;
    }

    /** This message in another state (a failure reason is kept only for {@code FAILED}). */
    public MessageItem withStatus(MessageStatus next) {
        return new MessageItem(key, peer, direction, text, time, next, serverId, localId,
                next == MessageStatus.FAILED ? failure : "");
    }

    /** This message stored by the server. */
    public MessageItem stored(String id, Instant serverTime) {
        MessageStatus next = status.canBecome(MessageStatus.SENT) ? MessageStatus.SENT : status;
        return new MessageItem(key, peer, direction, text, serverTime, next, id, localId, "");
    }

    /** This message failed, with the reason as a sentence. */
    public MessageItem failed(String reason) {
        return new MessageItem(key, peer, direction, text, time, MessageStatus.FAILED, serverId, localId, reason);
    }
}
