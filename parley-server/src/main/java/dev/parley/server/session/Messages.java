package dev.parley.server.session;

import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.StoredMessage;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.Locale;
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

    /**
     * The message as the REST API answers it (history, search, the conversation list): the {@code message} frame's
     * fields (without {@code type}) with the message as it reads now — its last edit, or no body once recalled — and
     * {@code status} (for its recipient), {@code edited} and {@code editTime}, {@code recalled}.
     */
    String toJson(FrameCodec codec, StoredMessage m) {
        Content now = m.edited() && m.content() instanceof Content.Text ? new Content.Text(m.editedText())
                : m.content();
        Frame.Message frame = new Frame.Message(Long.toString(m.id()), m.sender(), m.recipient(), m.chatType(),
                addresses.apply(now), m.time(), parseExt(m.ext()));
        String text = codec.encode(frame);
        StringBuilder json = new StringBuilder(text.length() + 64).append('{')
                .append(text, "{\"type\":\"message\",".length(), text.length() - 1)
                .append(",\"status\":\"").append(m.state().name().toLowerCase(Locale.ROOT)).append('"');
        if (m.edited()) {
            json.append(",\"edited\":true,\"editTime\":").append(m.editTime());
        }
        if (m.recalled()) {
            json.append(",\"recalled\":true");
        }
        return json.append('}').toString();
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
