package dev.parley.desktop.service;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.MessageState;
import dev.parley.client.ReceivedMessage;
import dev.parley.protocol.ChatType;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.function.Supplier;

/**
 * Read marks and unread counts while the user reads: the open conversation's unread messages are marked read when the
 * window has the focus, and the counts are fetched again when the user comes back to the window. Where the server
 * speaks protocol v2 a conversation is marked read as a whole ({@code chatManager().ackConversationRead}); against a
 * version 1 server (the acknowledgement fails) one read receipt is sent per message, older unread ones beyond the
 * pages shown included. FX thread only; part of the {@link Messenger}.
 */
final class ReadMarks {
    private static final System.Logger LOG = System.getLogger(ReadMarks.class.getName());
    /** At most this many pages beyond those shown are read to mark older unread messages read (version 1). */
    static final int MAX_READ_PAGES = 20;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final SyncTracker sync;
    private final Supplier<Session> session;
    private final Supplier<ConversationId> open;
    private boolean windowFocused = true;
    /** Whether the server refused a whole-conversation read mark (protocol v1): then receipts go one by one. */
    private boolean perMessage;

    ReadMarks(FxBoundary fx, ConversationBook book, SyncTracker sync, Supplier<Session> session,
              Supplier<ConversationId> open) {
        this.fx = fx;
        this.book = book;
        this.sync = sync;
        this.session = session;
        this.open = open;
    }

    /** A new session: the server's protocol is learnt again. */
    void reset() {
        perMessage = false;
    }

    /** The window gained or lost the focus: reading happens only while it has it. */
    void windowFocused(boolean focused) {
        windowFocused = focused;
        if (focused) {
            refreshUnread();
        }
        markIfReading();
    }

    /** Whether the user is looking at the open conversation's newest messages (not at a window far back). */
    boolean isReading() {
        return session.get() != null && windowFocused && open.get() != null && !book.thread(open.get()).isDetached();
    }

    /** Marks the open conversation's unread messages read while the user is looking at it. */
    void markIfReading() {
        if (!isReading()) {
            return;
        }
        MessageThread thread = book.thread(open.get());
        int older = thread.unread().beyondHistory();
        List<String> ids = thread.unread().markAllRead();
        for (String id : ids) {
            thread.updateByServerId(id, m -> m.withStatus(MessageStatus.READ));
        }
        book.unread(thread.conversation(), thread.unread().count());
        if (ids.isEmpty() && older == 0) {
            return;
        }
        if (perMessage) {
            markEach(thread, ids, older);
            return;
        }
        Session s = session.get();
        ConversationId c = thread.conversation();
        fx.whenDone(s.client().chatManager().ackConversationRead(c.chatType(), c.id()), s::isCurrent,
                (done, failure) -> {
                    if (failure != null && c.chatType() == ChatType.SINGLE) {
                        LOG.log(Level.DEBUG, "no whole-conversation read mark ({0}): receipts one by one",
                                failure.getMessage());
                        perMessage = true;
                        markEach(thread, ids, older);
                    }
                });
    }

    private void markEach(MessageThread thread, List<String> ids, int older) {
        if (older > 0) {
            markOlderRead(thread.conversation(), thread.cursor(), older, MAX_READ_PAGES);
        }
        sendReceipts(ids);
    }

    /**
     * Reading is cumulative: unread messages older than the pages shown are found in the history (pages that are not
     * shown) and marked read too, so that the count agrees with the server's on every device. Protocol v1 marks one
     * message a time; at most {@code pages} pages are read.
     */
    private void markOlderRead(ConversationId c, String before, int remaining, int pages) {
        Session s = session.get();
        if (before.isEmpty() || pages == 0) {
            return;
        }
        fx.whenDone(s.client().chatManager().history(c.chatType(), c.id(), before, HistoryPager.PAGE_SIZE),
                s::isCurrent, (page, failure) -> {
                    if (failure != null) {
                        LOG.log(Level.DEBUG, "older unread messages of {0} not marked: {1}", c, failure.getMessage());
                        return;
                    }
                    List<String> ids = page.receivedMessages().stream()
                            .filter(m -> !m.from().equalsIgnoreCase(s.me()) && m.state() != MessageState.READ)
                            .map(ReceivedMessage::id).toList();
                    sendReceipts(ids);
                    if (remaining > ids.size()) {
                        page.cursor().ifPresent(next -> markOlderRead(c, next, remaining - ids.size(), pages - 1));
                    }
                });
    }

    /**
     * The user came back to the window: the unread counts are fetched again, so that what was read on another device
     * of this user is no longer counted here.
     */
    void refreshUnread() {
        Session s = session.get();
        if (s == null || s.client().connectionState() != ConnectionState.CONNECTED) {
            return;
        }
        sync.loadStarted();
        fx.whenDone(s.client().conversations(), s::isCurrent, (list, failure) -> {
            sync.loadFinished();
            if (failure != null) {
                LOG.log(Level.DEBUG, "unread counts not refreshed: {0}", failure.getMessage());
                return;
            }
            book.merge(list, s.me());
            markIfReading();
        });
    }

    /**
     * A message came in while the user reads {@code conversation}: marked read at once (the whole conversation where
     * the server can, else this message).
     */
    void markRead(ConversationId conversation, List<String> ids) {
        Session s = session.get();
        if (perMessage) {
            sendReceipts(ids);
            return;
        }
        s.client().chatManager().ackConversationRead(conversation.chatType(), conversation.id())
                .exceptionally(failure -> {
                    LOG.log(Level.DEBUG, "read mark of {0} not sent: {1}", conversation, failure.getMessage());
                    return null;
                });
    }

    private void sendReceipts(List<String> ids) {
        Session s = session.get();
        for (String id : ids) {
            s.client().markRead(id).exceptionally(failure -> {
                LOG.log(Level.DEBUG, "read receipt for {0} not sent: {1}", id, failure.getMessage());
                return null;
            });
        }
    }
}
