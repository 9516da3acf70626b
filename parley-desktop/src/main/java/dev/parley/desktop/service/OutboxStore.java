package dev.parley.desktop.service;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the messages waiting to be sent are kept between runs of the app, so that what was written offline goes out
 * after a restart. {@link #inDirectory(Path)} keeps them in a file of the profile's directory; {@link #inMemory()}
 * nowhere (tests, and settings that cannot be written).
 * <p>
 * {@link #load()} runs on the calling thread (the FX thread, once per sign-in; the file is small); {@link #save} never
 * blocks its caller: it hands a snapshot to a writer of its own.
 */
public interface OutboxStore {
    /** Every stored entry, oldest first, whoever signed in; empty when there is nothing (or nothing readable). */
    List<OutboxEntry> load();

    /** Replaces what is stored with {@code entries}, oldest first. */
    void save(List<OutboxEntry> entries);

    /** Waits (up to two seconds) until every save so far is written (at exit, and in tests). */
    void flush();

    /** A store that keeps nothing between runs. */
    static OutboxStore inMemory() {
        return new OutboxStore() {
            private List<OutboxEntry> entries = List.of();

            @Override
            public List<OutboxEntry> load() {
                return entries;
            }

            @Override
            public void save(List<OutboxEntry> next) {
                entries = List.copyOf(next);
            }

            @Override
            public void flush() {
            }
        };
    }

    /**
     * The store in {@code directory}/{@value OutboxFile#FILE_NAME}: one JSON object a line, replaced atomically,
     * readable and writable by its owner only.
     */
    static OutboxStore inDirectory(Path directory) {
        return new OutboxFile(directory);
    }
}
