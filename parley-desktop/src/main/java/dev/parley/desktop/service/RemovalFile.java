package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The removed conversations in the profile's directory: {@value #FILE_NAME}, one JSON object a line
 * ({@code serverUrl, user, chatType, peer, upTo}; {@code peer} is the peer's user ID or the group's id, and a line
 * without {@code chatType}, as version 1 of the app wrote it, is a one-to-one conversation), kept as
 * {@link JsonLinesFile} keeps its lines (atomic saves, mode 600, off the FX thread).
 */
final class RemovalFile implements RemovalStore {
    /** The file's name in the profile directory. */
    static final String FILE_NAME = "removed.jsonl";

    private final JsonLinesFile<Removal> file;

    RemovalFile(Path directory) {
        this.file = new JsonLinesFile<>(directory, FILE_NAME, "the removed conversations", "parley-removals",
                RemovalFile::read, RemovalFile::write);
    }

    @Override
    public List<Removal> load() {
        return file.load();
    }

    @Override
    public void save(List<Removal> removals) {
        file.save(removals);
    }

    @Override
    public void flush() {
        file.flush();
    }

    private static Removal read(JsonObject o) {
        ChatType type = ChatType.GROUP.wire().equals(o.getString("chatType", "")) ? ChatType.GROUP : ChatType.SINGLE;
        return new Removal(o.getString("serverUrl"), o.getString("user"),
                new ConversationId(type, o.getString("peer")), o.getString("upTo"));
    }

    private static JsonObject write(Removal r) {
        return JsonLinesFile.JSON.createObjectBuilder().add("serverUrl", r.serverUrl()).add("user", r.user())
                .add("chatType", r.conversation().chatType().wire())
                .add("peer", r.conversation().id()).add("upTo", r.upTo()).build();
    }
}
