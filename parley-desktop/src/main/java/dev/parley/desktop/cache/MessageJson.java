package dev.parley.desktop.cache;

import dev.parley.client.ChatMessage;
import dev.parley.client.MessageBody;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the {@link LocalCache} writes the SDK's messages as JSON text (one object a row), so that each reads back equal
 * to what was written: a {@link ReceivedMessage} with every {@link Content} type and all its fields (an attachment's
 * uuid, secret, name, size, type, dimensions and addresses; a custom event's fields; the type a recalled message had),
 * its {@code ext}, state and edited mark; and an outbox {@link ChatMessage}, whose body may be a
 * {@link MessageBody.LocalFile} still to be uploaded. Times are kept to the millisecond, as the server gives them.
 * <p>
 * Not the protocol's frame codec: that one reads a recalled message by the shape the server sends (an empty body), and
 * a recalled custom event has no such shape; here each kind of content is named. Stateless; any thread.
 */
final class MessageJson {
    private static final JsonProvider JSON = JsonProvider.provider();
    private static final String RECALLED = "recalled";
    private static final String LOCAL_FILE = "localFile";

    private MessageJson() {
    }

    /** {@code m} as one JSON object. */
    static String message(ReceivedMessage m) {
        return JSON.createObjectBuilder().add("id", m.id()).add("from", m.from()).add("to", m.to())
                .add("chatType", m.chatType().wire()).add("time", m.time().toEpochMilli())
                .add("content", content(m.content())).add("ext", m.ext()).add("state", m.state().name())
                .add("edited", m.edited()).build().toString();
    }

    /** The message written by {@link #message(ReceivedMessage)}. */
    static ReceivedMessage message(String json) {
        JsonObject o = parse(json);
        return new ReceivedMessage(o.getString("id"), o.getString("from"), o.getString("to"),
                ChatType.ofWire(o.getString("chatType")), content(o.getJsonObject("content")),
                Instant.ofEpochMilli(o.getJsonNumber("time").longValueExact()), o.getJsonObject("ext"),
                MessageState.valueOf(o.getString("state")), o.getBoolean("edited"));
    }

    /** An outbox message (without its time written, which has a column of its own) as one JSON object. */
    static String outbox(ChatMessage m) {
        JsonObjectBuilder body = switch (m.body()) {
            case MessageBody.Ready ready -> content(ready.content());
            case MessageBody.LocalFile f -> JSON.createObjectBuilder().add("kind", LOCAL_FILE)
                    .add("msgType", f.msgType()).add("path", f.path().toString()).add("filename", f.filename())
                    .add("mime", f.mime()).add("width", f.width()).add("height", f.height());
        };
        return JSON.createObjectBuilder().add("localId", m.localId()).add("to", m.to())
                .add("chatType", m.chatType().wire()).add("body", body).add("ext", m.ext()).build().toString();
    }

    /** The outbox message written by {@link #outbox(ChatMessage)}. */
    static ChatMessage outbox(String json) {
        JsonObject o = parse(json);
        JsonObject b = o.getJsonObject("body");
        MessageBody body = LOCAL_FILE.equals(b.getString("kind"))
                ? new MessageBody.LocalFile(b.getString("msgType"), Path.of(b.getString("path")),
                        b.getString("filename"), b.getString("mime"), b.getInt("width"), b.getInt("height"))
                : new MessageBody.Ready(content(b));
        return new ChatMessage(o.getString("localId"), o.getString("to"), ChatType.ofWire(o.getString("chatType")),
                body, o.getJsonObject("ext"));
    }

    private static JsonObjectBuilder content(Content content) {
        JsonObjectBuilder b = JSON.createObjectBuilder();
        return switch (content) {
            case Content.Text t -> b.add("kind", Content.Text.TYPE).add("text", t.text());
            case Content.Image i -> b.add("kind", Content.Image.TYPE).add("file", attachment(i.file()));
            case Content.File f -> b.add("kind", Content.File.TYPE).add("file", attachment(f.file()));
            case Content.Custom c -> {
                JsonObjectBuilder exts = JSON.createObjectBuilder();
                c.exts().forEach(exts::add);
                yield b.add("kind", Content.Custom.TYPE).add("event", c.event()).add("exts", exts);
            }
            case Content.Recalled r -> b.add("kind", RECALLED).add("msgType", r.msgType());
        };
    }

    private static Content content(JsonObject o) {
        String kind = o.getString("kind");
        return switch (kind) {
            case Content.Text.TYPE -> new Content.Text(o.getString("text"));
            case Content.Image.TYPE -> new Content.Image(attachment(o.getJsonObject("file")));
            case Content.File.TYPE -> new Content.File(attachment(o.getJsonObject("file")));
            case Content.Custom.TYPE -> {
                Map<String, String> exts = new LinkedHashMap<>();
                o.getJsonObject("exts").forEach((k, v) -> exts.put(k, ((JsonString) v).getString()));
                yield new Content.Custom(o.getString("event"), exts);
            }
            case RECALLED -> new Content.Recalled(o.getString("msgType"));
            default -> throw new IllegalArgumentException("unknown content kind in the cache: " + kind);
        };
    }

    private static JsonObjectBuilder attachment(Attachment a) {
        return JSON.createObjectBuilder().add("uuid", a.uuid()).add("secret", a.secret())
                .add("filename", a.filename()).add("size", a.size()).add("mime", a.mime()).add("width", a.width())
                .add("height", a.height()).add("url", a.url()).add("thumbnailUrl", a.thumbnailUrl());
    }

    private static Attachment attachment(JsonObject f) {
        return new Attachment(f.getString("uuid"), f.getString("secret"), f.getString("filename"),
                f.getJsonNumber("size").longValueExact(), f.getString("mime"), f.getInt("width"), f.getInt("height"),
                f.getString("url"), f.getString("thumbnailUrl"));
    }

    private static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }
}
