package dev.parley.desktop.service;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pages a conversation's history in from the server ({@code chatManager().history(chatType, id, before, limit)}),
 * newest page first, messages of every kind, and finds an older message for a reply's quote by paging until it is
 * in. FX thread only; part of the {@link Messenger}.
 */
final class HistoryPager {
    private static final System.Logger LOG = System.getLogger(HistoryPager.class.getName());
    /** Messages per history page (the server's maximum). */
    static final int PAGE_SIZE = 50;
    /** At most this many pages are paged in to find a quoted message. */
    static final int MAX_REVEAL_PAGES = 40;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final SyncTracker sync;
    private final ToastCenter toasts;
    private final Supplier<Session> session;
    /** Told of each page that came in: (the thread, whether it was the first). */
    private final PageListener listener;
    /** Where each page is written through. */
    private final CacheLink cache;

    /** What a finished page means to the {@link Messenger}. */
    interface PageListener {
        void pageAdded(MessageThread thread, boolean first);
    }

    HistoryPager(FxBoundary fx, ConversationBook book, SyncTracker sync, ToastCenter toasts,
                 Supplier<Session> session, PageListener listener, CacheLink cache) {
        this.cache = cache;
        this.fx = fx;
        this.book = book;
        this.sync = sync;
        this.toasts = toasts;
        this.session = session;
        this.listener = listener;
    }

    /** Fetches the next page of {@code thread} (the newest, if none is in yet); {@code done} runs after it, or not. */
    void loadPage(MessageThread thread, Consumer<Boolean> done) {
        Session s = session.get();
        boolean first = thread.needsHistory();
        thread.loading(true);
        listener.pageAdded(thread, false);
        if (first) {
            sync.loadStarted();
        }
        var id = thread.conversation();
        fx.whenDone(s.client().chatManager().history(id.chatType(), id.id(), thread.cursor(), PAGE_SIZE),
                s::isCurrent, (page, failure) -> {
                    if (first) {
                        sync.loadFinished();
                    }
                    if (failure != null) {
                        thread.loading(false);
                        listener.pageAdded(thread, false);
                        String prefix = "Could not load the messages of this conversation. ";
                        LOG.log(Level.INFO, prefix + failure.getMessage());
                        toasts.show(ToastKind.ERROR, prefix
                                + ErrorMessages.describe(failure, s.request().serverUrl()));
                        done.accept(false);
                        return;
                    }
                    thread.addPage(page, s.me(), book::named);
                    cache.messages(page.receivedMessages());
                    listener.pageAdded(thread, first);
                    done.accept(true);
                });
    }

    /**
     * Finds the message with {@code serverId} in {@code thread}, paging older history in until it is there (at most
     * {@value #MAX_REVEAL_PAGES} pages). Completes on the FX thread with the message, or empty when it is not found
     * (recalled and gone, older than the pages allowed, or a page failed).
     */
    CompletableFuture<Optional<MessageItem>> reveal(MessageThread thread, String serverId) {
        CompletableFuture<Optional<MessageItem>> result = new CompletableFuture<>();
        reveal(thread, serverId, MAX_REVEAL_PAGES, result);
        return result;
    }

    private void reveal(MessageThread thread, String serverId, int pages,
                        CompletableFuture<Optional<MessageItem>> result) {
        Optional<MessageItem> found = thread.byServerId(serverId);
        if (found.isPresent() || pages == 0 || session.get() == null
                || !(thread.needsHistory() || thread.canLoadOlder())) {
            result.complete(found);
            return;
        }
        if (thread.isLoading()) { // a page is on its way (the user scrolled up): not found this time
            result.complete(Optional.empty());
            return;
        }
        loadPage(thread, ok -> {
            if (ok) {
                reveal(thread, serverId, pages - 1, result);
            } else {
                result.complete(Optional.empty());
            }
        });
    }
}
