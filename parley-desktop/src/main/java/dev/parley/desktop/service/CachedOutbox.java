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
 * {@value #LEGACY_FILE} ({@link OutboxImport}). It keeps the cache of the last user it served open.
 * <p>
 * Threading: every call is queued to one thread of its own ({@code parley-outbox}), in order; the futures complete
 * there.
 */
final class CachedOutbox implements OutboxStore {
    /** The file an older version of the app kept the outbox in. */
    static final String LEGACY_FILE = "outbox.jsonl";
    private static final System.Logger LOG = System.getLogger(CachedOutbox.class.getName());

    private final Path directory;
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("parley-outbox").factory());
    /** On the worker only. */
    private LocalCache cache;
    private List<String> cacheOf = List.of();
    private boolean imported;

    CachedOutbox(Path directory) {
        this.directory = directory;
    }

    @Override
    public CompletableFuture<List<OutboxEntry>> load(SignInRequest who) {
        return submit(() -> {
            importOnce();
            List<OutboxEntry> entries = new ArrayList<>();
            for (OutboxMessage m : cacheFor(who.serverUrl(), who.appKey(), who.canonicalUser()).outbox()) {
                if (m.message().body() instanceof MessageBody.Ready(Content.Text(String text))) {
                    entries.add(new OutboxEntry(who.serverUrl(), who.appKey(), who.canonicalUser(), m.localId(),
                            m.conversation(), text, Quote.fromExt(m.message().ext()), m.written()));
                } else {
                    LOG.log(Level.WARNING, "skipped outbox message " + m.localId() + ": not a text message");
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
            return null;
        });
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
            worker.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code entry} as the cache keeps it: the SDK's message, sent again with the same local id. */
    static OutboxMessage message(OutboxEntry entry) {
        ChatMessage text = ChatMessage.createTextSendMessage(entry.to().id(), entry.text());
        return new OutboxMessage(new ChatMessage(entry.localId(), entry.to().id(), entry.to().chatType(),
                text.body(), entry.quote().toExt()), entry.time());
    }

    private <T> CompletableFuture<T> submit(Supplier<T> work) {
        if (worker.isShutdown()) {
            return CompletableFuture.failedFuture(new IllegalStateException("the outbox is closed"));
        }
        return CompletableFuture.supplyAsync(work, worker);
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
