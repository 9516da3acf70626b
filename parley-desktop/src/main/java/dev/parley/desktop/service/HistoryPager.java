package dev.parley.desktop.service;

import java.lang.System.Logger.Level;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Pages a conversation's history in from the server ({@code chatManager().history(chatType, id, before, limit)}),
 * newest page first, messages of every kind. A page asked for before the thread changed its window (see
 * {@link MessageThread#epoch()}) is dropped. A message further back is shown by {@link HistoryWindow}. FX thread
 * only; part of the {@link Messenger}.
 */
final class HistoryPager {
    private static final System.Logger LOG = System.getLogger(HistoryPager.class.getName());
    /** Messages per history page (the server's maximum). */
    static final int PAGE_SIZE = 50;

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
        int epoch = thread.window().epoch;
        fx.whenDone(s.client().chatManager().history(id.chatType(), id.id(), thread.cursor(), PAGE_SIZE),
                s::isCurrent, (page, failure) -> {
                    if (first) {
                        sync.loadFinished();
                    }
                    if (epoch != thread.window().epoch) { // the thread shows another window now
                        done.accept(false);
                        return;
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
                    int added = thread.addPage(page, s.me(), book::named);
                    if (!thread.isDetached()) { // the cache keeps the recent history: no pages of a window far back
                        cache.messages(page.receivedMessages());
                    }
                    listener.pageAdded(thread, first);
                    if (added == 0 && !first && thread.canLoadOlder()) {
                        // Every message of the page was here already (the sign-in's sync brought them): the reader
                        // asked for older ones, so the next page is fetched at once rather than at the next scroll.
                        loadPage(thread, done);
                        return;
                    }
                    done.accept(true);
                });
    }
}
