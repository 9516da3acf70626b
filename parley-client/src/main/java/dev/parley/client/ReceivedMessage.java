package dev.parley.client;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message as the server hands it out: live ({@link ChatEventHandler#onMessage}), in the offline sync, in a history
 * page or a search result. Any type of content, in a one-to-one chat or a group. A copy of a message this user sent
 * (from another device, or in history) has {@code from} equal to this user. Immutable.
 * <p>
 * A message recalled before it reached this device has {@link Content.Recalled} content (only its type is left),
 * both live and in history; one edited after it was sent has {@code edited} set in history, and its new text, while
 * live it arrives as sent and an {@link EditEvent} follows (apply it with {@link #withEdit(String)}).
 *
 * @param id       the server's id for the message
 * @param from     the sender
 * @param to       the recipient's user id ({@code singleChat}) or the group id ({@code groupChat})
 * @param chatType the kind of conversation
 * @param content  what the message holds: {@link Content.Text}, {@link Content.Image}, {@link Content.File},
 *                 {@link Content.Custom} or {@link Content.Recalled}
 * @param time     the server's time stamp
 * @param ext      the extension fields, an empty object when none
 * @param state    where the message stands for its recipient, as history and the conversation list report it;
 *                 {@link MessageState#PENDING} for a message that just arrived live
 * @param edited   whether the text was edited after it was sent (as history reports it, or after
 *                 {@link #withEdit(String)})
 */
public record ReceivedMessage(String id, String from, String to, ChatType chatType, Content content, Instant time,
                              JsonObject ext, MessageState state, boolean edited) {
    /** Checks that no component is null. */
    public ReceivedMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(ext, "ext");
        Objects.requireNonNull(state, "state");
    }

    /** A message frame as it arrived live. */
    static ReceivedMessage of(Frame.Message m) {
        return new ReceivedMessage(m.id(), m.from(), m.to(), m.chatType(), m.content(), Instant.ofEpochMilli(m.time()),
                m.ext(), MessageState.PENDING, false);
    }

    /** A version 1 text event as a message: its text, or recalled content when the text is empty. */
    static ReceivedMessage of(TextMessageEvent e) {
        Content content = e.msg().isEmpty() ? new Content.Recalled(Content.Text.TYPE) : new Content.Text(e.msg());
        ChatType chatType = ChatType.GROUP.wire().equals(e.chatType()) ? ChatType.GROUP : ChatType.SINGLE;
        return new ReceivedMessage(e.id(), e.from(), e.to(), chatType, content, e.time(), e.ext(), e.state(), false);
    }

    /** The {@code msgType} on the wire: {@code txt}, {@code img}, {@code file} or {@code custom}. */
    public String msgType() {
        return content.msgType();
    }

    /** Whether the message was recalled (its content is {@link Content.Recalled}). */
    public boolean isRecalled() {
        return content instanceof Content.Recalled;
    }

    /** The text of a {@code txt} message; empty for any other type or a recalled message. */
    public Optional<String> text() {
        return content instanceof Content.Text t ? Optional.of(t.text()) : Optional.empty();
    }

    /** The conversation this message belongs to, as user {@code me} sees it. */
    public ConversationId conversation(String me) {
        Objects.requireNonNull(me, "me");
        return ConversationId.of(chatType, from, to, me);
    }

    /** This message with its body removed, as {@link ChatEventHandler#onRecallMessage} asks. */
    public ReceivedMessage withRecall() {
        return new ReceivedMessage(id, from, to, chatType, new Content.Recalled(content.msgType()), time, ext, state,
                edited);
    }

    /**
     * This message with new text, as {@link ChatEventHandler#onModifiedMessage} asks.
     *
     * @throws IllegalArgumentException if the text is empty
     */
    public ReceivedMessage withEdit(String newText) {
        Objects.requireNonNull(newText, "newText");
        if (newText.isEmpty()) {
            throw new IllegalArgumentException("newText must not be empty");
        }
        return new ReceivedMessage(id, from, to, chatType, new Content.Text(newText), time, ext, state, true);
    }

    /**
     * The version 1 view of this message: its text, or for other types what a preview shows
     * ({@link Content#summary()}: the file name, the custom event), {@code ""} when recalled.
     */
    public TextMessageEvent toTextEvent() {
        return new TextMessageEvent(id, from, to, chatType.wire(), content.summary(), time, ext, state);
    }
}
