package dev.parley.desktop.service;

import jakarta.json.JsonObject;
import java.nio.file.Path;
import java.util.List;

/**
 * The removed conversations in the profile's directory: {@value #FILE_NAME}, one JSON object a line
 * ({@code serverUrl, user, peer, upTo}), kept as {@link JsonLinesFile} keeps its lines (atomic saves, mode 600, off
 * the FX thread).
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
        return new Removal(o.getString("serverUrl"), o.getString("user"), o.getString("peer"), o.getString("upTo"));
    }

    private static JsonObject write(Removal r) {
        return JsonLinesFile.JSON.createObjectBuilder().add("serverUrl", r.serverUrl()).add("user", r.user())
                .add("peer", r.peer()).add("upTo", r.upTo()).build();
    }
}
