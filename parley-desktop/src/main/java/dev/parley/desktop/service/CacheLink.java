package dev.parley.desktop.service;

import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.cache.CachedConversation;
import dev.parley.desktop.cache.LocalCache;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The service's side of the {@link LocalCache} ("instant start"): opens the cache of the user who signs in, shows
 * its conversation list at once (before the server answered the sign-in) with the people's names the last run learnt,
 * hands cached messages to a conversation that opens before its history came, and writes through everything the
 * server gives (the list, live messages, history pages, recalls, edits, people's names) and the user's marks (pinned,
 * muted, marked unread, removed). Signing out closes it.
 * Without a profile directory ({@link #use}) it does nothing: the service then works as before, from the server only.
 * <p>
 * A cache that fails (it moves a damaged file aside by itself; a full disk, a directory that cannot be written) never
 * breaks chatting: the failure is logged once (WARNING) and the session goes on without it.
 * <p>
 * Threading: the public face is FX-thread only. The cache itself lives on one background thread of its own
 * ({@code parley-cache}, started at the first sign-in with a profile directory, so that loading SQLite's native
 * library never delays the first window), in submission order; results come back through the {@link FxBoundary}
 * and are dropped when their session has ended (not even handed over then: closing, which waits for the thread,
 * may hold the FX thread).
 */
final class CacheLink implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(CacheLink.class.getName());

    private final FxBoundary fx;
    private final ConversationBook book;
    private final ReadOnlyBooleanWrapper showing = new ReadOnlyBooleanWrapper(this, "showingCache");
    private Path profileDir;
    private ExecutorService worker;
    /** Set on the FX thread, read on the worker too: a result of an ended session is not handed over at all. */
    private volatile Session session;
    private boolean loggedIn;
    /** The open cache; on the worker thread only. */
    private LocalCache cache;

    /** Work on the open cache, on the worker thread. */
    private interface Work {
        void run(LocalCache cache);
    }

    CacheLink(FxBoundary fx, ConversationBook book) {
        this.fx = fx;
        this.book = book;
    }

    /** Keeps a cache per server, app key and user in {@code dir} (the profile's directory) from the next sign-in. */
    void use(Path dir) {
        profileDir = Objects.requireNonNull(dir, "dir");
    }

    /** Whether the list shows what the cache kept while the sign-in is still on its way. */
    ReadOnlyBooleanProperty showingProperty() {
        return showing.getReadOnlyProperty();
    }

    /** A sign-in began: its user's cache opens, and its list is shown unless the server's came first. */
    void signedIn(Session s) {
        session = s;
        loggedIn = false;
        Path dir = profileDir;
        if (dir == null) {
            return;
        }
        SignInRequest r = s.request();
        execute(() -> {
            closeCache();
            try {
                cache = LocalCache.open(dir, r.serverUrl(), r.appKey(), r.canonicalUser());
            } catch (RuntimeException e) {
                failed(e);
                return;
            }
            List<CachedConversation> list = guarded(LocalCache::conversations, List.of());
            Map<String, String> names = guarded(LocalCache::names, Map.of());
            if (s != session) {
                return;
            }
            fx.run(() -> {
                if (s == session && s.isCurrent()) {
                    names.forEach(book::nameIfUnknown);
                    book.showCached(list, s.me());
                    showing.set(!list.isEmpty() && !loggedIn);
                }
            });
        });
    }

    /**
     * Tells {@code then} (on the FX thread, once the cache of {@code s} is opened and its list shown) whether the
     * list shows what the cache kept for {@code s}; false when the cache is off, empty or failed.
     */
    void whenShown(Session s, Consumer<Boolean> then) {
        if (profileDir == null || s != session) {
            then.accept(false);
            return;
        }
        execute(() -> fx.run(() -> then.accept(s == session && s.isCurrent() && showing.get())));
    }

    /** The server accepted the sign-in: what it gives from now on replaces what the cache showed. */
    void loggedIn() {
        loggedIn = true;
        showing.set(false);
    }

    /** The session ended: the cache closes, nothing of it stays. */
    void signedOut() {
        session = null;
        showing.set(false);
        if (worker != null) {
            execute(this::closeCache);
        }
    }

    /** The server's conversation list. */
    void conversations(List<Conversation> list) {
        write(c -> c.putConversations(list));
    }

    /** Messages the server gave (live, synced, or a history page). */
    void messages(Collection<ReceivedMessage> messages) {
        if (!messages.isEmpty()) {
            List<ReceivedMessage> copy = List.copyOf(messages);
            write(c -> c.putMessages(copy));
        }
    }

    /** The server says {@code user} is called {@code nickname}. */
    void named(String user, String nickname) {
        write(c -> c.putName(user, nickname));
    }

    void recalled(String serverId) {
        write(c -> c.recall(serverId));
    }

    void edited(String serverId, String text, Instant time) {
        write(c -> c.edit(serverId, text, time));
    }

    void pinned(ConversationId conversation, boolean on) {
        write(c -> c.setPinned(conversation, on));
    }

    void muted(ConversationId conversation, boolean on) {
        write(c -> c.setMuted(conversation, on));
    }

    void markedUnread(ConversationId conversation, boolean on) {
        write(c -> c.setMarkedUnread(conversation, on));
    }

    void removed(ConversationId conversation) {
        write(c -> c.removeConversation(conversation));
    }

    /**
     * Hands the newest {@code limit} cached messages of {@code conversation} (oldest first) to {@code then} on the FX
     * thread, if the session is still the same; not called when there are none or the cache is off.
     */
    void recent(ConversationId conversation, int limit, Consumer<List<ReceivedMessage>> then) {
        Session s = session;
        if (s == null || profileDir == null) {
            return;
        }
        execute(() -> {
            List<ReceivedMessage> newest = guarded(c -> c.recentMessages(conversation, limit), List.of());
            if (!newest.isEmpty() && s == session) {
                fx.run(() -> {
                    if (s == session && s.isCurrent()) {
                        then.accept(newest.reversed());
                    }
                });
            }
        });
    }

    /** Closes the cache and stops its thread, waiting up to two seconds for what is queued (at exit). */
    @Override
    public void close() {
        signedOut();
        if (worker != null) {
            worker.shutdown();
            try {
                worker.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void write(Work work) {
        if (session != null && profileDir != null) {
            execute(() -> guarded(c -> {
                work.run(c);
                return null;
            }, null));
        }
    }

    private <T> T guarded(java.util.function.Function<LocalCache, T> work, T otherwise) {
        if (cache == null) {
            return otherwise;
        }
        try {
            return work.apply(cache);
        } catch (RuntimeException e) {
            failed(e);
            return otherwise;
        }
    }

    /** The cache failed: logged once, and this session goes on without it. */
    private void failed(RuntimeException e) {
        LOG.log(Level.WARNING, "The local cache failed; going on without it: " + e.getMessage(), e);
        closeCache();
    }

    private void closeCache() {
        if (cache != null) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                LOG.log(Level.DEBUG, "closing the local cache", e);
            }
            cache = null;
        }
    }

    private void execute(Runnable task) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "parley-cache");
                t.setDaemon(true);
                return t;
            });
        }
        if (!worker.isShutdown()) {
            worker.execute(task);
        }
    }
}
