package dev.parley.client;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import jakarta.json.spi.JsonProvider;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Objects;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A one-to-one text message to send with {@link ChatClient#send(TextMessage)}: protocol version 1's only kind, kept
 * for applications written for it. Immutable. {@link ChatMessage} sends every kind of message, to users and groups.
 * <p>
 * {@link #create(String, String)} gives the message a fresh {@link #localId()}, so the application can show it as
 * pending before the receipt comes. Sending the same message (the same local id) again is a safe retry: the server
 * stores it once and answers with the same server id. The canonical constructor accepts a local id, for restoring a
 * message the application kept (for instance one that failed to send) and retrying it.
 *
 * @param localId the client-chosen id, unique per sender: 1 to 64 characters
 * @param to      the recipient's user id
 * @param text    the text, not empty (the server refuses more than 5 KB of UTF-8 with code 511)
 * @param ext     application-defined extension fields, an empty object when none
 */
public record TextMessage(String localId, String to, String text, JsonObject ext) {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Checks the components.
     *
     * @throws IllegalArgumentException if the local id is empty or longer than 64 characters, or the recipient or
     *                                  text is empty
     */
    public TextMessage {
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(ext, "ext");
        if (localId.isEmpty() || localId.length() > Frame.Send.MAX_LOCAL_ID_LENGTH) {
            throw new IllegalArgumentException("localId must have 1 to " + Frame.Send.MAX_LOCAL_ID_LENGTH
                    + " characters");
        }
        if (to.isBlank()) {
            throw new IllegalArgumentException("to must not be blank");
        }
        if (text.isEmpty()) {
            throw new IllegalArgumentException("text must not be empty");
        }
    }

    /** A new message to {@code to} with a fresh local id and no extension fields. */
    public static TextMessage create(String to, String text) {
        return new TextMessage(newLocalId(), to, text, JsonValue.EMPTY_JSON_OBJECT);
    }

    /**
     * This message as a {@link ChatMessage} (a one-to-one text message with the same local id): what
     * {@link ChatClient#send(TextMessage)} sends.
     */
    public ChatMessage toChatMessage() {
        return new ChatMessage(localId, to, ChatType.SINGLE, new MessageBody.Ready(new Content.Text(text)), ext);
    }

    /** This message with the given extension fields (the local id stays the same). */
    public TextMessage withExt(JsonObject ext) {
        return new TextMessage(localId, to, text, ext);
    }

    /**
     * This message with the given extension fields, converted to JSON (values may be strings, numbers, booleans,
     * maps and collections of these).
     *
     * @throws IllegalArgumentException if a value cannot be written as JSON
     */
    public TextMessage withExt(Map<String, ?> ext) {
        Objects.requireNonNull(ext, "ext");
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> values = (Map<String, Object>) ext;
            return withExt(JSON.createObjectBuilder(values).build());
        } catch (JsonException | ClassCastException e) {
            throw new IllegalArgumentException("ext has a value that cannot be written as JSON", e);
        }
    }

    /**
     * A fresh local id: 32 hex characters, the time in milliseconds (12) and then 80 random bits (20). One device's ids
     * thus rise with time, which keeps the server's index of them growing at its end instead of being written all
     * over (docs/benchmarks.md); the random part keeps two devices' ids apart.
     */
    static String newLocalId() {
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        return newLocalId(System.currentTimeMillis(), random);
    }

    /** The local id made at {@code millis} with these 10 random bytes. */
    static String newLocalId(long millis, byte[] random) {
        return String.format("%012x", millis & 0xFFFF_FFFF_FFFFL) + HexFormat.of().formatHex(random);
    }
}
