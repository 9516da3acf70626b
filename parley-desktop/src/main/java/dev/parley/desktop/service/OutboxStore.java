package dev.parley.desktop.service;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the messages waiting to be sent are kept between runs of the app, so that what was written offline goes out
 * after a restart: written through on every change (a message added when it is written, removed when the server
 * stored it or it failed for good), in the order written, each by its local id. {@link #inDirectory(Path)} keeps them
 * in the local cache of each user in the profile's directory ({@link CachedOutbox}); {@link #inMemory()} nowhere
 * (tests, and settings that cannot be written).
 * <p>
 * Threading: no method but {@link #close()} and {@link #keep} blocks its caller (the FX thread): the work is done on
 * a thread of the store's own, in the order asked, and its futures complete in that order on a thread that does no
 * writing (a listener that waits for the FX thread never holds up a write). A future fails with a
 * {@link dev.parley.desktop.cache.CacheException} when the disk could not be read or written; the message then still
 * waits in memory (the caller says so to the user).
 */
public interface OutboxStore extends AutoCloseable {
    /** The waiting messages of the user of {@code who} at its server and app key, oldest first. */
    CompletableFuture<List<OutboxEntry>> load(SignInRequest who);

    /** Adds {@code entry} at the end (one with its local id already there is replaced where it stands). */
    CompletableFuture<Void> add(OutboxEntry entry);

    /** Takes {@code entry} out (stored by the server, or failed for good). */
    CompletableFuture<Void> remove(OutboxEntry entry);

    /**
     * Off the FX thread (it blocks on the disk): a copy of {@code file}, named {@code name}, that the outbox keeps for
     * the image or file message {@code localId} until the message leaves it ({@link #remove}), readable by its owner
     * only ({@link OutboxFiles}: why a copy). The entry added for it names the copy.
     *
     * @throws java.io.IOException when the file cannot be read or the copy written
     */
    Path keep(String localId, Path file, String name) throws java.io.IOException;

    /** Waits (up to two seconds) until everything asked so far is done (in tests). */
    void flush();

    /**
     * Does everything asked so far and releases the disk (at exit): it waits for the writes (up to
     * {@link CachedOutbox#CLOSE_WAIT} when the disk is slow), since a message still queued would be lost with the app.
     */
    @Override
    void close();

    /** A store that keeps nothing between runs (but keeps each user's entries between sign-ins of one run). */
    static OutboxStore inMemory() {
        return new OutboxStore() {
            private final Map<String, OutboxEntry> entries = new LinkedHashMap<>();
            private Path files;

            @Override
            public synchronized CompletableFuture<List<OutboxEntry>> load(SignInRequest who) {
                List<OutboxEntry> mine = new ArrayList<>();
                for (OutboxEntry e : entries.values()) {
                    if (e.belongsTo(who)) {
                        mine.add(e);
                    }
                }
                return CompletableFuture.completedFuture(List.copyOf(mine));
            }

            @Override
            public synchronized CompletableFuture<Void> add(OutboxEntry entry) {
                entries.put(entry.localId(), entry);
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public synchronized CompletableFuture<Void> remove(OutboxEntry entry) {
                entries.remove(entry.localId());
                if (files != null) {
                    try {
                        OutboxFiles.forget(files, entry.localId());
                    } catch (java.io.IOException e) {
                        return CompletableFuture.failedFuture(e);
                    }
                }
                return CompletableFuture.completedFuture(null);
            }

            @Override
            public Path keep(String localId, Path file, String name) throws java.io.IOException {
                synchronized (this) {
                    if (files == null) { // the system's temp directory: this store keeps nothing between runs
                        files = java.nio.file.Files.createTempDirectory("parley-outbox-");
                    }
                }
                return OutboxFiles.keep(files, localId, file, name);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * The store in the local cache ({@link dev.parley.desktop.cache.LocalCache}) of each user in {@code directory},
     * readable and writable by its owner only. The first use imports an {@value CachedOutbox#LEGACY_FILE} that an
     * older version of the app left there, and removes that file once the import is committed.
     */
    static OutboxStore inDirectory(Path directory) {
        return new CachedOutbox(directory);
    }
}
