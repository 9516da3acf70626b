package dev.parley.desktop.service;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.StringReader;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The outbox in the profile's directory: {@value #FILE_NAME}, one JSON object a line ({@code serverUrl, appKey, user,
 * localId, to, text, time}). Each save replaces the file atomically, mode 600 ({@link OwnerOnlyFiles}), on a writer thread of its own ({@code parley-outbox}),
 * so the FX thread never waits for the disk. A line that cannot be read is skipped and logged.
 */
final class OutboxFile implements OutboxStore {
    private static final System.Logger LOG = System.getLogger(OutboxFile.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The file's name in the profile directory. */
    static final String FILE_NAME = "outbox.jsonl";

    private final Path directory;
    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("parley-outbox").factory());
    private Future<?> lastSave;

    OutboxFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    @Override
    public List<OutboxEntry> load() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not read the outbox " + file + ": " + e.getMessage());
            return List.of();
        }
        List<OutboxEntry> entries = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try (var reader = JSON.createReader(new StringReader(line))) {
                JsonObject o = reader.readObject();
                entries.add(new OutboxEntry(o.getString("serverUrl"), o.getString("appKey"), o.getString("user"),
                        o.getString("localId"), o.getString("to"), o.getString("text"),
                        Instant.ofEpochMilli(o.getJsonNumber("time").longValue())));
            } catch (JsonException | ClassCastException | NullPointerException e) {
                LOG.log(Level.WARNING, "skipped an unreadable line of the outbox " + file);
            }
        }
        return List.copyOf(entries);
    }

    @Override
    public synchronized void save(List<OutboxEntry> entries) {
        List<OutboxEntry> snapshot = List.copyOf(entries);
        lastSave = writer.submit(() -> write(snapshot));
    }

    @Override
    public void flush() {
        Future<?> last;
        synchronized (this) {
            last = lastSave;
        }
        if (last == null) {
            return;
        }
        try {
            last.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the outbox was not written in time: " + e);
        }
    }

    private void write(List<OutboxEntry> entries) {
        StringBuilder text = new StringBuilder();
        for (OutboxEntry e : entries) {
            text.append(JSON.createObjectBuilder().add("serverUrl", e.serverUrl()).add("appKey", e.appKey())
                    .add("user", e.user()).add("localId", e.localId()).add("to", e.to()).add("text", e.text())
                    .add("time", e.time().toEpochMilli()).build()).append('\n');
        }
        try {
            OwnerOnlyFiles.replace(directory, FILE_NAME, text.toString());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the outbox " + file + ": " + e.getMessage());
        }
    }
}
