package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The outbox in the profile's directory: {@value #FILE_NAME}, one JSON object a line ({@code serverUrl, appKey, user,
 * localId, chatType, to, text, ext, time}), kept as {@link JsonLinesFile} keeps its lines (atomic saves, mode 600,
 * off the FX thread). A line without {@code chatType} and {@code ext}, as version 1 of the app wrote it, is a one-to-one text
 * message without a quote.
 */
final class OutboxFile implements OutboxStore {
    /** The file's name in the profile directory. */
    static final String FILE_NAME = "outbox.jsonl";

    private final JsonLinesFile<OutboxEntry> file;

    OutboxFile(Path directory) {
        this.file = new JsonLinesFile<>(directory, FILE_NAME, "the outbox", "parley-outbox", OutboxFile::read,
                OutboxFile::write);
    }

    @Override
    public List<OutboxEntry> load() {
        return file.load();
    }

    @Override
    public void save(List<OutboxEntry> entries) {
        file.save(entries);
    }

    @Override
    public void flush() {
        file.flush();
    }

    private static OutboxEntry read(JsonObject o) {
        ChatType type = ChatType.GROUP.wire().equals(o.getString("chatType", "")) ? ChatType.GROUP : ChatType.SINGLE;
        Quote quote = o.get("ext") instanceof JsonObject ext ? Quote.fromExt(ext) : Quote.NONE;
        return new OutboxEntry(o.getString("serverUrl"), o.getString("appKey"), o.getString("user"),
                o.getString("localId"), new ConversationId(type, o.getString("to")), o.getString("text"), quote,
                Instant.ofEpochMilli(o.getJsonNumber("time").longValue()));
    }

    private static JsonObject write(OutboxEntry e) {
        return JsonLinesFile.JSON.createObjectBuilder().add("serverUrl", e.serverUrl()).add("appKey", e.appKey())
                .add("user", e.user()).add("localId", e.localId()).add("chatType", e.to().chatType().wire())
                .add("to", e.to().id()).add("text", e.text())
                .add("ext", e.quote().toExt())
                .add("time", e.time().toEpochMilli()).build();
    }
}
