package dev.parley.desktop.service;

import dev.parley.client.ReceivedMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Objects;

/**
 * The message a reply quotes, kept in the message's {@code ext} as Agora's documentation does it:
 * {@code ext.msgQuote = {msgID, msgPreview, msgSender, msgType}}. Immutable; {@link #NONE} for a message that quotes
 * nothing.
 *
 * @param messageId the quoted message's server id
 * @param preview   a short text of it (its first line, "📷 Photo" …)
 * @param sender    its sender's user ID
 * @param msgType   its {@code msgType} on the wire
 */
public record Quote(String messageId, String preview, String sender, String msgType) {
    /** No quote. */
    public static final Quote NONE = new Quote("", "", "", "");
    /** The field of {@code ext} that holds the quote. */
    static final String FIELD = "msgQuote";

    /** Checks that no component is null. */
    public Quote {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(preview, "preview");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(msgType, "msgType");
    }

    /** Whether this is a quote at all. */
    public boolean isPresent() {
        return !messageId.isEmpty();
    }

    /** A quote of {@code item}, which the server stored. */
    static Quote of(MessageItem item) {
        return new Quote(item.serverId(), item.content().preview(), item.sender(), item.content().msgType());
    }

    /** The quote in a message's {@code ext}, {@link #NONE} when it has none (or one this app cannot read). */
    static Quote fromExt(JsonObject ext) {
        JsonValue value = ext.get(FIELD);
        if (!(value instanceof JsonObject q) || !(q.get("msgID") instanceof JsonString id)
                || id.getString().isEmpty()) {
            return NONE;
        }
        return new Quote(id.getString(), q.getString("msgPreview", ""), q.getString("msgSender", ""),
                q.getString("msgType", "txt"));
    }

    /** The quote of a message from the server. */
    static Quote of(ReceivedMessage message) {
        return fromExt(message.ext());
    }

    /** The {@code ext} of a reply with this quote; an empty object for {@link #NONE}. */
    JsonObject toExt() {
        if (!isPresent()) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        return Json.createObjectBuilder().add(FIELD, Json.createObjectBuilder().add("msgID", messageId)
                .add("msgPreview", preview).add("msgSender", sender).add("msgType", msgType)).build();
    }
}
