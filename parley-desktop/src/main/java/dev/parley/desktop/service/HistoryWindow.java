package dev.parley.desktop.service;

import dev.parley.client.HistoryPage;
import dev.parley.client.SearchDirection;
import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Shows a message that is not paged in the way Element and Telegram Desktop do: it loads the page before the message
 * (the message included) and the page after it at once, and shows that window instead of the newest messages,
 * detached from the live end ({@link MessageThread#showWindow}); newer pages come in as the reader scrolls down
 * ({@link SearchDirection#DOWN}, the server's {@code after}) until one comes back short and the window joins the
 * live end; or the reader goes back to the newest page at once ({@link #backToLive}). The pages of a window are not
 * written to the local cache, which keeps the recent history only. FX thread only; part of the {@link Messenger}.
 */
final class HistoryWindow {
    private static final System.Logger LOG = System.getLogger(HistoryWindow.class.getName());

    private final FxBoundary fx;
    private final ConversationBook book;
    private final ToastCenter toasts;
    private final Supplier<Session> session;
    private final HistoryPager pager;
    private final HistoryPager.PageListener listener;

    HistoryWindow(FxBoundary fx, ConversationBook book, ToastCenter toasts, Supplier<Session> session,
                  HistoryPager pager, HistoryPager.PageListener listener) {
        this.fx = fx;
        this.book = book;
        this.toasts = toasts;
        this.session = session;
        this.pager = pager;
        this.listener = listener;
    }

    /**
     * Finds the message {@code serverId} in {@code thread}: at once when it is paged in, else by loading the window
     * around it. Completes on the FX thread with the message, or empty when the server does not have it for this
     * user (recalled and removed, before the user joined the group) or a page failed; the timeline is left as it
     * was then.
     */
    CompletableFuture<Optional<MessageItem>> reveal(MessageThread thread, String serverId) {
        Optional<MessageItem> found = thread.byServerId(serverId);
        Session s = session.get();
        Optional<String> upTo = next(serverId);
        if (found.isPresent() || s == null || upTo.isEmpty()) {
            return CompletableFuture.completedFuture(found);
        }
        var id = thread.conversation();
        var chat = s.client().chatManager();
        int limit = HistoryPager.PAGE_SIZE;
        CompletableFuture<HistoryPage> older = chat.history(id.chatType(), id.id(), upTo.get(), limit,
                SearchDirection.UP);
        CompletableFuture<HistoryPage> newer = chat.history(id.chatType(), id.id(), serverId, limit,
                SearchDirection.DOWN);
        int epoch = thread.window().epoch;
        CompletableFuture<Optional<MessageItem>> result = new CompletableFuture<>();
        fx.whenDone(older.thenCombine(newer, Window::new), s::isCurrent, (window, failure) -> {
            if (failure != null) {
                failed(failure, s);
                result.complete(Optional.empty());
            } else if (epoch != thread.window().epoch || window.older.receivedMessages().isEmpty()
                    || !window.older.receivedMessages().getFirst().id().equals(serverId)) {
                result.complete(thread.byServerId(serverId)); // gone for this user, or another window came first
            } else {
                thread.showWindow(window.older, window.newer, s.me(), book::named);
                listener.pageAdded(thread, false);
                result.complete(thread.byServerId(serverId));
            }
        });
        return result;
    }

    /** Pages in the messages after a detached window's newest (when the reader scrolled down to it). */
    void loadNewer(MessageThread thread) {
        Session s = session.get();
        if (s == null || !thread.isDetached() || thread.window().loadingNewer) {
            return;
        }
        thread.window().loadingNewer = true;
        listener.pageAdded(thread, false);
        var id = thread.conversation();
        int epoch = thread.window().epoch;
        fx.whenDone(s.client().chatManager().history(id.chatType(), id.id(), thread.window().newerCursor,
                HistoryPager.PAGE_SIZE, SearchDirection.DOWN), s::isCurrent, (page, failure) -> {
                    if (epoch != thread.window().epoch) {
                        return;
                    }
                    if (failure != null) {
                        thread.window().loadingNewer = false;
                        failed(failure, s);
                    } else {
                        thread.addNewer(page, s.me(), book::named);
                    }
                    listener.pageAdded(thread, false);
                });
    }

    /** Leaves a detached window for the newest page, which is loaded again. */
    void backToLive(MessageThread thread) {
        if (thread.isDetached()) {
            thread.backToLive();
            pager.loadPage(thread, ok -> { });
        }
    }

    private void failed(Throwable failure, Session s) {
        String prefix = "Could not load the messages of this conversation. ";
        LOG.log(Level.INFO, prefix + failure.getMessage());
        toasts.show(ToastKind.ERROR, prefix + ErrorMessages.describe(failure, s.request().serverUrl()));
    }

    /** The id after {@code serverId} (ids are decimal numbers), as the bound of a page that ends with it. */
    private static Optional<String> next(String serverId) {
        try {
            return Optional.of(new BigInteger(serverId).add(BigInteger.ONE).toString());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private record Window(HistoryPage older, HistoryPage newer) {
    }
}
