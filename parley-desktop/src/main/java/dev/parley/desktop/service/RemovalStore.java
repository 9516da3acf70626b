package dev.parley.desktop.service;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the conversations removed from the list are kept between runs, so that a removed conversation does not come
 * back at the next sign-in (the server still lists it). {@link #inDirectory(Path)} keeps them in a file of the
 * profile's directory; {@link #inMemory()} nowhere (tests).
 * <p>
 * {@link #load()} runs on the calling thread (the FX thread, once per sign-in; the file is small); {@link #save} never
 * blocks its caller: it hands a snapshot to a writer of its own.
 */
public interface RemovalStore {
    /** Every stored removal, whoever signed in; empty when there is nothing (or nothing readable). */
    List<Removal> load();

    /** Replaces what is stored with {@code removals}. */
    void save(List<Removal> removals);

    /** Waits (up to two seconds) until every save so far is written (at exit, and in tests). */
    void flush();

    /** A store that keeps nothing between runs. */
    static RemovalStore inMemory() {
        return new RemovalStore() {
            private List<Removal> removals = List.of();

            @Override
            public List<Removal> load() {
                return removals;
            }

            @Override
            public void save(List<Removal> next) {
                removals = List.copyOf(next);
            }

            @Override
            public void flush() {
            }
        };
    }

    /**
     * The store in {@code directory}/{@value RemovalFile#FILE_NAME}: one JSON object a line, replaced atomically,
     * readable and writable by its owner only.
     */
    static RemovalStore inDirectory(Path directory) {
        return new RemovalFile(directory);
    }
}
