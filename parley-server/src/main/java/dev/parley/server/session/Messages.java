package dev.parley.server.session;

import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import dev.parley.server.store.StoredMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.function.UnaryOperator;

/**
 * Stored messages as {@code message} frames: one mapping, used by live delivery and the sign-in sync alike. A file's
 * addresses are added here ({@link Attachments#withAddresses}).
 */
final class Messages {
    /** Looked up once: {@code Json.createX} would search the service providers on every call. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private final UnaryOperator<Content> addresses;

    /**
     * @param addresses the content with its file's addresses ({@code UnaryOperator.identity()} where no message has
     *                  a file)
     */
    Messages(UnaryOperator<Content> addresses) {
        this.addresses = addresses;
    }

    Frame.Message toFrame(StoredMessage m) {
        return new Frame.Message(Long.toString(m.id()), m.sender(), m.recipient(), m.chatType(),
                addresses.apply(m.content()), m.time(), parseExt(m.ext()));
    }

    private static JsonObject parseExt(String ext) {
        if (ext.isEmpty() || "{}".equals(ext)) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (var reader = JSON.createReader(new StringReader(ext))) {
            return reader.readObject();
        }
    }
}
