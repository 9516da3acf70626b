package dev.parley.desktop.service;

import dev.parley.client.MessageState;
import dev.parley.client.TextMessageEvent;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * Read receipts and unread counts while the user reads: the open conversation's unread messages are marked read when
 * the window has the focus, older unread ones beyond the pages shown too, and the counts are fetched again when the
 * user comes back to the window. FX thread only; part of the {@link Messenger}.
 */
final class ReadMarks {
    private static final System.Logger LOG = System.getLogger(ReadMarks.class.getName());
    /** At most this many pages beyond those shown are read to mark older unread messages read. */
    static final int MAX_READ_PAGES = 20;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final SyncTracker sync;
    private final Supplier<Session> session;
    private final Supplier<String> openPeer;
    private boolean windowFocused = true;

    ReadMarks(FxBoundary fx, ConversationBook book, SyncTracker sync, Supplier<Session> session,
              Supplier<String> openPeer) {
        this.fx = fx;
        this.book = book;
        this.sync = sync;
        this.session = session;
        this.openPeer = openPeer;
    }

    /** The window gained or lost the focus: reading happens only while it has it. */
    void windowFocused(boolean focused) {
        windowFocused = focused;
        if (focused) {
            refreshUnread();
        }
        markIfReading();
    }

    /** Whether the user is looking at the open conversation. */
    boolean isReading() {
        return session.get() != null && windowFocused && !openPeer.get().isEmpty();
    }

    /** Sends read receipts for the open conversation's unread messages while the user is looking at it. */
    void markIfReading() {
        if (!isReading()) {
            return;
        }
        MessageThread thread = book.thread(openPeer.get());
        int older = thread.unreadBeyondHistory();
        if (older > 0) {
            markOlderRead(thread.peer(), thread.cursor(), older, MAX_READ_PAGES);
        }
        List<String> ids = thread.markAllRead();
        for (String id : ids) {
            thread.updateByServerId(id, m -> m.withStatus(MessageStatus.READ));
        }
        markRead(ids);
        book.unread(thread.peer(), thread.unreadCount());
    }

    /**
     * Reading is cumulative: unread messages older than the pages shown are found in the history (pages that are not
     * shown) and marked read too, so that the count agrees with the server's on every device. Protocol v1 marks one
     * message a time; at most {@code pages} pages are read.
     */
    private void markOlderRead(String peer, String before, int remaining, int pages) {
        Session s = session.get();
        if (before.isEmpty() || pages == 0) {
            return;
        }
        fx.whenDone(s.client().history(peer, before, Messenger.PAGE_SIZE), s::isCurrent, (page, failure) -> {
            if (failure != null) {
                LOG.log(Level.DEBUG, "older unread messages with {0} not marked: {1}", peer, failure.getMessage());
                return;
            }
            List<String> ids = page.messages().stream()
                    .filter(m -> !m.from().equalsIgnoreCase(s.me()) && m.state() != MessageState.READ)
                    .map(TextMessageEvent::id).toList();
            markRead(ids);
            if (remaining > ids.size()) {
                page.cursor().ifPresent(next -> markOlderRead(peer, next, remaining - ids.size(), pages - 1));
            }
        });
    }

    /**
     * The user came back to the window: the unread counts are fetched again, so that what was read on another device
     * of this user is no longer counted here (the server tells read receipts only to the sender).
     */
    void refreshUnread() {
        Session s = session.get();
        if (s == null || s.client().connectionState() != dev.parley.client.ConnectionState.CONNECTED) {
            return;
        }
        sync.loadStarted();
        fx.whenDone(s.client().conversations(), s::isCurrent, (list, failure) -> {
            sync.loadFinished();
            if (failure != null) {
                LOG.log(Level.DEBUG, "unread counts not refreshed: {0}", failure.getMessage());
                return;
            }
            book.merge(OneToOne.only(list), s.me());
            markIfReading();
        });
    }

    /** Sends a read receipt for each of these messages. */
    void markRead(List<String> ids) {
        Session s = session.get();
        for (String id : ids) {
            s.client().markRead(id).exceptionally(failure -> {
                LOG.log(Level.DEBUG, "read receipt for {0} not sent: {1}", id, failure.getMessage());
                return null;
            });
        }
    }
}
