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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The removed conversations in the profile's directory: {@value #FILE_NAME}, one JSON object a line
 * ({@code serverUrl, user, peer, upTo}), replaced atomically with mode 600 ({@link OwnerOnlyFiles}) on a writer thread
 * of its own ({@code parley-removals}), so the FX thread never waits for the disk. A line that cannot be read is
 * skipped and logged.
 */
final class RemovalFile implements RemovalStore {
    private static final System.Logger LOG = System.getLogger(RemovalFile.class.getName());
    private static final JsonProvider JSON = JsonProvider.provider();
    /** The file's name in the profile directory. */
    static final String FILE_NAME = "removed.jsonl";

    private final Path directory;
    private final Path file;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("parley-removals").factory());
    private Future<?> lastSave;

    RemovalFile(Path directory) {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
    }

    @Override
    public List<Removal> load() {
        flush(); // what this run saved last is what it reads
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not read the removed conversations " + file + ": " + e.getMessage());
            return List.of();
        }
        List<Removal> removals = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try (var reader = JSON.createReader(new StringReader(line))) {
                JsonObject o = reader.readObject();
                removals.add(new Removal(o.getString("serverUrl"), o.getString("user"), o.getString("peer"),
                        o.getString("upTo")));
            } catch (JsonException | ClassCastException | NullPointerException e) {
                LOG.log(Level.WARNING, "skipped an unreadable line of " + file);
            }
        }
        return List.copyOf(removals);
    }

    @Override
    public synchronized void save(List<Removal> removals) {
        List<Removal> snapshot = List.copyOf(removals);
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
            LOG.log(Level.WARNING, "the removed conversations were not written in time: " + e);
        }
    }

    private void write(List<Removal> removals) {
        StringBuilder text = new StringBuilder();
        for (Removal r : removals) {
            text.append(JSON.createObjectBuilder().add("serverUrl", r.serverUrl()).add("user", r.user())
                    .add("peer", r.peer()).add("upTo", r.upTo()).build()).append('\n');
        }
        try {
            OwnerOnlyFiles.replace(directory, FILE_NAME, text.toString());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write the removed conversations " + file + ": " + e.getMessage());
        }
    }
}
