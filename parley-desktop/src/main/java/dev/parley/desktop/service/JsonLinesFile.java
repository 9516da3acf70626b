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
import java.util.function.Function;

/**
 * A list kept in a file of the profile's directory, one JSON object a line (the removed conversations).
 * Each save replaces the file atomically, mode 600 ({@link OwnerOnlyFiles}), on a writer thread of its own, so the FX
 * thread never waits for the disk; a load first waits for the saves of this run. A line that cannot be read is
 * skipped and logged.
 *
 * @param <T> what a line holds
 */
final class JsonLinesFile<T> {
    private static final System.Logger LOG = System.getLogger(JsonLinesFile.class.getName());
    static final JsonProvider JSON = JsonProvider.provider();

    private final Path directory;
    private final String fileName;
    private final Path file;
    private final String what;
    private final Function<JsonObject, T> read;
    private final Function<T, JsonObject> write;
    private final ExecutorService writer;
    private Future<?> lastSave;

    /**
     * @param what   what the file holds, for log lines ("the removed conversations")
     * @param thread the writer thread's name
     * @param read   a line's object to an item; may throw {@link JsonException}, {@link ClassCastException} or
     *               {@link NullPointerException} for a line it cannot read
     * @param write  an item to its line's object
     */
    JsonLinesFile(Path directory, String fileName, String what, String thread, Function<JsonObject, T> read,
                  Function<T, JsonObject> write) {
        this.directory = directory;
        this.fileName = fileName;
        this.file = directory.resolve(fileName);
        this.what = what;
        this.read = read;
        this.write = write;
        this.writer = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name(thread).factory());
    }

    /** Every readable item, in file order; empty when there is no file. */
    List<T> load() {
        flush(); // what this run saved last is what it reads
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not read " + what + " " + file + ": " + e.getMessage());
            return List.of();
        }
        List<T> items = new ArrayList<>(lines.size());
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            try (var reader = JSON.createReader(new StringReader(line))) {
                items.add(read.apply(reader.readObject()));
            } catch (JsonException | ClassCastException | NullPointerException e) {
                LOG.log(Level.WARNING, "skipped an unreadable line of " + what + " " + file);
            }
        }
        return List.copyOf(items);
    }

    /** Replaces the file's items with {@code items}, on the writer thread. */
    synchronized void save(List<T> items) {
        List<T> snapshot = List.copyOf(items);
        lastSave = writer.submit(() -> writeNow(snapshot));
    }

    /** Waits (up to two seconds) until every save so far is written. */
    void flush() {
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
            LOG.log(Level.WARNING, what + " was not written in time: " + e);
        }
    }

    private void writeNow(List<T> items) {
        StringBuilder text = new StringBuilder();
        for (T item : items) {
            text.append(write.apply(item)).append('\n');
        }
        try {
            OwnerOnlyFiles.replace(directory, fileName, text.toString());
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "could not write " + what + " " + file + ": " + e.getMessage());
        }
    }
}
