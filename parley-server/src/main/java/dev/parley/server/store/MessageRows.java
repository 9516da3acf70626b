package dev.parley.server.store;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.server.store.StoredMessage.DeliveryState;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How messages are laid out in SQL rows: the column list, the content columns and the state codes.
 * <p>
 * Content is three columns: {@code msg_type}; {@code body}, the text of a {@code txt} message ({@code ""} otherwise);
 * and {@code content}, JSON for the other types (the upload's uuid, secret, name, size, type and dimensions; a custom
 * message's event and fields). A recalled message keeps its {@code msg_type} and has {@code recalled = 1} and empty
 * body and content. The addresses of a file are not stored: they depend on where the server is reached, and are added
 * when a frame is made.
 */
final class MessageRows {
    private static final JsonProvider JSON = JsonProvider.provider();

    /**
     * The columns {@link #read} expects, in order; select them as {@code "SELECT " + COLUMNS + " FROM messages"}. The
     * last is the delivery state for the recipient of a one-to-one message: read when marked read by itself
     * ({@code state = 2}), pending while in the recipient's inbox, delivered otherwise. (The read position counts the
     * unread messages; a message's own state says whether its read receipt went out.)
     */
    static final String COLUMNS = columns(" CASE"
            + " WHEN messages.chat_type = 1 THEN 1 WHEN messages.state = 2 THEN 2"
            + " WHEN EXISTS (SELECT 1 FROM inbox i WHERE i.recipient = messages.recipient AND i.id = messages.id) THEN 0"
            + " ELSE 1 END");
    /** {@link #COLUMNS} for a message just taken out of its recipient's inbox: delivered, by definition. */
    static final String COLUMNS_DELIVERED = columns(" 1");

    private static String columns(String state) {
        return "messages.id, messages.seq, messages.sender, messages.local_id, messages.chat_type,"
                + " messages.recipient, messages.msg_type, messages.body, messages.content, messages.ext,"
                + " messages.time, messages.recalled, messages.edited_body, messages.edit_time," + state;
    }

    private MessageRows() {
    }

    /** Reads the row the result set stands on, selected with {@link #COLUMNS}. */
    static StoredMessage read(ResultSet row) throws SQLException {
        return read(row, 0);
    }

    /** Reads the {@link #COLUMNS} that start after the first {@code skip} columns of the row. */
    static StoredMessage read(ResultSet row, int skip) throws SQLException {
        int c = skip;
        String msgType = row.getString(c + 7);
        Content content = row.getInt(c + 12) == 1 ? new Content.Recalled(msgType)
                : content(msgType, row.getString(c + 8), row.getString(c + 9));
        return new StoredMessage(row.getLong(c + 1), row.getLong(c + 2), row.getString(c + 3), row.getString(c + 4),
                chatType(row.getInt(c + 5)), row.getString(c + 6), content, row.getString(c + 10),
                row.getLong(c + 11), state(row.getInt(c + 15)), row.getString(c + 13), row.getLong(c + 14));
    }

    static int code(ChatType type) {
        return type == ChatType.GROUP ? 1 : 0;
    }

    static ChatType chatType(int code) {
        return code == 1 ? ChatType.GROUP : ChatType.SINGLE;
    }

    /** The {@code body} column of a content. */
    static String body(Content content) {
        return content instanceof Content.Text text ? text.text() : "";
    }

    /** The {@code content} column of a content. */
    static String json(Content content) {
        return switch (content) {
            case Content.Text t -> "";
            case Content.Recalled r -> "";
            case Content.Image i -> attachment(i.file());
            case Content.File f -> attachment(f.file());
            case Content.Custom c -> {
                JsonObjectBuilder exts = JSON.createObjectBuilder();
                c.exts().forEach(exts::add);
                yield JSON.createObjectBuilder().add("event", c.event()).add("exts", exts).build().toString();
            }
        };
    }

    private static String attachment(Attachment a) {
        return JSON.createObjectBuilder().add("uuid", a.uuid()).add("secret", a.secret())
                .add("filename", a.filename()).add("size", a.size()).add("mime", a.mime())
                .add("width", a.width()).add("height", a.height()).build().toString();
    }

    /** The content a row's three content columns hold. */
    static Content content(String msgType, String body, String json) {
        return switch (msgType) {
            case Content.Text.TYPE -> new Content.Text(body);
            case Content.Image.TYPE -> new Content.Image(attachment(parse(json)));
            case Content.File.TYPE -> new Content.File(attachment(parse(json)));
            case Content.Custom.TYPE -> {
                JsonObject o = parse(json);
                Map<String, String> exts = new LinkedHashMap<>();
                o.getJsonObject("exts").forEach((k, v) -> exts.put(k, ((JsonString) v).getString()));
                yield new Content.Custom(o.getString("event"), exts);
            }
            default -> throw new StoreException("a message row has the unknown msg_type " + msgType);
        };
    }

    private static Attachment attachment(JsonObject o) {
        return new Attachment(o.getString("uuid"), o.getString("secret"), o.getString("filename"),
                o.getJsonNumber("size").longValue(), o.getString("mime"), o.getInt("width"), o.getInt("height"), "",
                "");
    }

    private static JsonObject parse(String json) {
        try (var reader = JSON.createReader(new StringReader(json))) {
            return reader.readObject();
        }
    }

    static DeliveryState state(int code) {
        return switch (code) {
            case 0 -> DeliveryState.PENDING;
            case 1 -> DeliveryState.DELIVERED;
            case 2 -> DeliveryState.READ;
            default -> throw new IllegalStateException("unknown message state " + code);
        };
    }
}
