package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One item of a conversation's timeline as the view shows it: a message of any kind, or a note of a group event.
 * Immutable: a change (status, recall, edit, a name learnt) replaces the item in its list.
 *
 * @param key          stable identity within the conversation: the local id of a message sent from here, else the
 *                     server id (a note's own key for a group event)
 * @param conversation the conversation it belongs to
 * @param direction    incoming or outgoing
 * @param sender       the sender's user ID (lowercase); {@code ""} for a note
 * @param senderName   the sender's display name (nickname) when known, else {@code ""}
 * @param content      what it holds
 * @param time         the server's time, or the local time while sending
 * @param status       where it stands
 * @param serverId     the server's id, {@code ""} until the server stored it (and for a note)
 * @param localId      the local id of a message sent from this device, else {@code ""}
 * @param failure      why it failed, as a sentence, {@code ""} unless {@code FAILED}
 * @param edited       whether its text was edited after it was sent
 * @param quote        the message it replies to, {@link Quote#NONE} when none
 */
public record MessageItem(String key, ConversationId conversation, Direction direction, String sender,
                          String senderName, MessageContent content, Instant time, MessageStatus status,
                          String serverId, String localId, String failure, boolean edited, Quote quote) {
    /** Checks that no component is null. */
    public MessageItem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(senderName, "senderName");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(serverId, "serverId");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(quote, "quote");
    }

    /**
     * A message the server has (live or from history), seen by {@code me}, in the state the server reported with
     * history (read, delivered; "pending" is sent for mine, and delivered for theirs, which this client acknowledges).
     */
    public static MessageItem fromServer(ReceivedMessage message, String me) {
        boolean mine = message.from().equalsIgnoreCase(me);
        MessageStatus status = switch (message.state()) {
            case READ -> MessageStatus.READ;
            case DELIVERED -> MessageStatus.DELIVERED;
            case PENDING -> mine ? MessageStatus.SENT : MessageStatus.DELIVERED;
        };
        return new MessageItem(message.id(), conversationOf(message, me),
                mine ? Direction.OUTGOING : Direction.INCOMING, message.from().toLowerCase(Locale.ROOT), "",
                MessageContent.of(message.content()), message.time(), status, message.id(), "", "",
                message.edited(), Quote.of(message));
    }

    /** The conversation of a message from the server, as {@code me} sees it (a peer's ID in lowercase). */
    static ConversationId conversationOf(ReceivedMessage message, String me) {
        return keyOf(message.conversation(me));
    }

    /** A conversation as the app keys it: a peer's user ID in lowercase (the server compares IDs so). */
    public static ConversationId keyOf(ConversationId conversation) {
        return conversation.chatType() == dev.parley.protocol.ChatType.SINGLE
                ? ConversationId.single(conversation.id().toLowerCase(Locale.ROOT)) : conversation;
    }

    /** A text message written on this device that waits in the outbox for the connection. */
    public static MessageItem waiting(String localId, ConversationId conversation, String me, String text,
                                      Quote quote, Instant written) {
        return new MessageItem(localId, conversation, Direction.OUTGOING, me, "", new MessageContent.Text(text),
                written, MessageStatus.WAITING, "", localId, "", false, quote);
    }

    /** A note of a group event in the timeline. */
    static MessageItem note(String key, ConversationId group, MessageContent.Note note, Instant time) {
        return new MessageItem(key, group, Direction.INCOMING, "", "", note, time, MessageStatus.READ, "", "", "",
                false, Quote.NONE);
    }

    /** The one-to-one conversation's peer, or the group's id. */
    public String conversationId() {
        return conversation.id();
    }

    /** The item's plain text: a text message's text, else the line its content shows. */
    public String text() {
        return content.line();
    }

    /** Whether the signed-in user sent it. */
    public boolean isMine() {
        return direction == Direction.OUTGOING;
    }

    /** Whether it is a note of a group event rather than a message. */
    public boolean isNote() {
        return content instanceof MessageContent.Note;
    }

    /** Whether it was recalled. */
    public boolean isRecalled() {
        return content instanceof MessageContent.Recalled;
    }

    /** The sender as shown: the display name, else the user ID. */
    public String senderLabel() {
        return senderName.isEmpty() ? sender : senderName;
    }

    /** This message in another state (a failure reason is kept only for {@code FAILED}). */
    public MessageItem withStatus(MessageStatus next) {
        return new MessageItem(key, conversation, direction, sender, senderName, content, time, next, serverId,
                localId, next == MessageStatus.FAILED ? failure : "", edited, quote);
    }

    /** This message stored by the server. */
    public MessageItem stored(String id, Instant serverTime) {
        MessageStatus next = status.canBecome(MessageStatus.SENT) ? MessageStatus.SENT : status;
        return new MessageItem(key, conversation, direction, sender, senderName, content, serverTime, next, id,
                localId, "", edited, quote);
    }

    /** This message failed, with the reason as a sentence. */
    public MessageItem failed(String reason) {
        return new MessageItem(key, conversation, direction, sender, senderName, content, time,
                MessageStatus.FAILED, serverId, localId, reason, edited, quote);
    }

    /** This message recalled by its sender: its body is gone. */
    public MessageItem recalled() {
        return new MessageItem(key, conversation, direction, sender, senderName,
                new MessageContent.Recalled(content.msgType()),
                time, status, serverId, localId, failure, false, Quote.NONE);
    }

    /** This text message with new text, marked edited. */
    public MessageItem edited(String text) {
        return new MessageItem(key, conversation, direction, sender, senderName, new MessageContent.Text(text), time,
                status, serverId, localId, failure, true, quote);
    }

    /** This item with the sender's display name. */
    public MessageItem withSenderName(String name) {
        return new MessageItem(key, conversation, direction, sender, name, content, time, status, serverId, localId,
                failure, edited, quote);
    }

    /** This item with other content (a note whose names were learnt). */
    MessageItem withContent(MessageContent next) {
        return new MessageItem(key, conversation, direction, sender, senderName, next, time, status, serverId,
                localId, failure, edited, quote);
    }
}
