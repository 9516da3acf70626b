package dev.parley.desktop.service;

import dev.parley.client.ChatMessage;
import dev.parley.client.MessageBody;
import dev.parley.desktop.cache.CacheException;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.desktop.cache.OutboxMessage;
import dev.parley.protocol.Content;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The outbox in the {@link LocalCache} of each user in the profile's directory (its {@code outbox} table: mode 600 in
 * a directory of mode 700), written through on every change. Its first use imports an older app's
 * {@value #LEGACY_FILE} ({@link OutboxImport}). It keeps the cache of the last user it served open. Images and files
 * waiting to be uploaded are rows too, naming the outbox's copy of the file in {@code cache/outbox-files/<localId>/}
 * ({@link OutboxFiles}); taking such a message out deletes its copy.
 * <p>
 * Threading: every call is queued to one thread of its own ({@code parley-outbox}), in order. Its futures complete on
 * a second thread ({@code parley-outbox-done}), in the same order, never on the writing thread: a listener that waits
 * (for the FX thread, say, while that thread is closing this store) must not hold up the writes queued after it.
 * Closing waits for every write asked before it, up to {@link #CLOSE_WAIT}: the app quits right after, and a write
 * still queued then would be lost with the thread.
 */
final class CachedOutbox implements OutboxStore {
    /** The file an older version of the app kept the outbox in. */
    static final String LEGACY_FILE = "outbox.jsonl";
    /**
     * How long {@link #close()} waits for the writes queued before it: well beyond SQLite's busy timeout (5 s, another
     * connection of the cache holding the file), so that only a disk that does not answer at all loses a message.
     */
    static final Duration CLOSE_WAIT = Duration.ofSeconds(30);
    private static final System.Logger LOG = System.getLogger(CachedOutbox.class.getName());

    private final Path directory;
    /** The copies of images and files waiting ({@link OutboxFiles}), beside the caches of the profile. */
    private final Path files;
    private final ExecutorService worker;
    /** Completes the futures, in order, so that no listener runs on (and holds up) the worker. */
    private final ExecutorService completions =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-outbox-done").factory());
    /** On the worker only. */
    private LocalCache cache;
    private List<String> cacheOf = List.of();
    private boolean imported;

    CachedOutbox(Path directory) {
        this(directory,
                Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-outbox").factory()));
    }

    /** A store whose writes run on {@code worker}, a single thread (tests slow it down); closing shuts it down. */
    CachedOutbox(Path directory, ExecutorService worker) {
        this.directory = directory;
        this.files = directory.resolve("cache").resolve("outbox-files");
        this.worker = worker;
    }

    @Override
    public CompletableFuture<List<OutboxEntry>> load(SignInRequest who) {
        return submit(() -> {
            importOnce();
            List<OutboxEntry> entries = new ArrayList<>();
            for (OutboxMessage m : cacheFor(who.serverUrl(), who.appKey(), who.canonicalUser()).outbox()) {
                MessageBody body = m.message().body();
                if (body instanceof MessageBody.LocalFile
                        || body instanceof MessageBody.Ready r && r.content() instanceof Content.Text) {
                    entries.add(new OutboxEntry(who.serverUrl(), who.appKey(), who.canonicalUser(), m.localId(),
                            m.conversation(), body, Quote.fromExt(m.message().ext()), m.written()));
                } else {
                    LOG.log(Level.WARNING, "skipped outbox message " + m.localId() + ": a " + body.msgType()
                            + " message, which this app does not write");
                }
            }
            return List.copyOf(entries);
        });
    }

    @Override
    public CompletableFuture<Void> add(OutboxEntry entry) {
        return submit(() -> {
            cacheFor(entry.serverUrl(), entry.appKey(), entry.user()).addToOutbox(message(entry));
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> remove(OutboxEntry entry) {
        return submit(() -> {
            cacheFor(entry.serverUrl(), entry.appKey(), entry.user()).removeFromOutbox(entry.localId());
            if (entry.isFile()) {
                try {
                    OutboxFiles.forget(files, entry.localId());
                } catch (IOException e) {
                    LOG.log(Level.WARNING, "could not delete the outbox's copy of " + entry.localId() + ": " + e);
                }
            }
            return null;
        });
    }

    @Override
    public Path keep(String localId, Path file, String name) throws IOException {
        return OutboxFiles.keep(files, localId, file, name);
    }

    @Override
    public void flush() {
        try {
            submit(() -> null).get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "the outbox was not written in time: " + e);
        }
    }

    @Override
    public void close() {
        if (worker.isShutdown()) {
            return;
        }
        submit(() -> {
            closeCache();
            return null;
        });
        worker.shutdown();
        try {
            if (!worker.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.log(Level.ERROR, "the outbox was not written within " + CLOSE_WAIT.toSeconds() + " s of closing;"
                        + " messages written last may be lost");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        completions.shutdown(); // not waited for: its listeners may need the thread that closes
    }

    /** {@code entry} as the cache keeps it: the SDK's message, sent again with the same local id. */
    static OutboxMessage message(OutboxEntry entry) {
        return new OutboxMessage(new ChatMessage(entry.localId(), entry.to().id(), entry.to().chatType(),
                entry.body(), entry.quote().toExt()), entry.time());
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (worker.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the outbox is closed"));
        }
        CompletableFuture<T> done = new CompletableFuture<>();
        worker.execute(() -> {
            T result;
            try {
                result = work.get();
            } catch (Throwable failure) {
                completions.execute(() -> done.completeExceptionally(failure));
                return;
            }
            completions.execute(() -> done.complete(result));
        });
        return done;
    }

    private void importOnce() {
        if (!imported) {
            try {
                OutboxImport.run(directory);
            } catch (IOException e) {
                throw new CacheException("the outbox of an earlier version (" + directory.resolve(LEGACY_FILE)
                        + ") could not be moved into the local cache: " + e.getMessage(), e);
            }
            imported = true;
        }
    }

    private LocalCache cacheFor(String serverUrl, String appKey, String user) {
        List<String> who = List.of(serverUrl, appKey, user);
        if (cache == null || !cacheOf.equals(who)) {
            closeCache();
            cache = LocalCache.open(directory, serverUrl, appKey, user);
            cacheOf = who;
        }
        return cache;
    }

    private void closeCache() {
        if (cache != null) {
            cache.close();
            cache = null;
        }
    }
}
