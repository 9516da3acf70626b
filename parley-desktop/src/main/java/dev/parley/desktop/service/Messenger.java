package dev.parley.desktop.service;

import dev.parley.client.RegisteredUser;
import dev.parley.client.TextMessageEvent;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The messaging half of {@link ChatService}: the open conversation, history paging, receipts and unread counts;
 * sending, the outbox and retrying are the {@link Sender}'s, read receipts {@link ReadMarks}'. FX thread only; network calls go through the SDK's futures and come back through
 * the {@link FxBoundary}.
 */
final class Messenger {
    private static final System.Logger LOG = System.getLogger(Messenger.class.getName());
    private static final ObservableList<MessageItem> NO_MESSAGES = FXCollections.emptyObservableList();
    /** Messages per history page (the server's maximum). */
    static final int PAGE_SIZE = 50;

    private final FxBoundary fx;
    private final ConversationBook book;
    private final SyncTracker sync;
    private final ToastCenter toasts;
    private final Clock clock;
    private final ReadOnlyStringWrapper openPeer = new ReadOnlyStringWrapper(this, "openPeer", "");
    private final ReadOnlyObjectWrapper<ObservableList<MessageItem>> messages =
            new ReadOnlyObjectWrapper<>(this, "messages", NO_MESSAGES);
    private final ReadOnlyBooleanWrapper olderAvailable = new ReadOnlyBooleanWrapper(this, "olderAvailable");
    private final ReadOnlyBooleanWrapper loadingOlder = new ReadOnlyBooleanWrapper(this, "loadingOlder");
    private final Sender sender;
    /** Peers whose display name was asked for in this session. */
    private final java.util.Set<String> named = new java.util.HashSet<>();
    /** Whether the server has shown it cannot look users up (protocol v1). */
    private boolean namesUnavailable;
    private Session session;
    private final ReadMarks reads;

    Messenger(FxBoundary fx, ConversationBook book, SyncTracker sync, ToastCenter toasts, Clock clock,
              OutboxStore outbox) {
        this.sender = new Sender(fx, book, toasts, clock, outbox);
        this.fx = fx;
        this.book = book;
        this.sync = sync;
        this.toasts = toasts;
        this.clock = clock;
        this.reads = new ReadMarks(fx, book, sync, () -> session, openPeer::get);
    }

    ReadOnlyStringProperty openPeerProperty() {
        return openPeer.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return messages.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty olderAvailableProperty() {
        return olderAvailable.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty loadingOlderProperty() {
        return loadingOlder.getReadOnlyProperty();
    }

    void attach(Session newSession) {
        this.session = newSession;
        sender.attach(newSession);
    }

    /** Forgets everything of the last session. */
    void detach() {
        session = null;
        sender.detach();
        named.clear();
        namesUnavailable = false;
        openPeer.set("");
        messages.set(NO_MESSAGES);
        olderAvailable.set(false);
        loadingOlder.set(false);
    }

    // ---- conversations -------------------------------------------------------------------------------------------

    void loadConversations() {
        Session s = session;
        sync.loadStarted();
        fx.whenDone(s.client().conversations(), s::isCurrent, (list, failure) -> {
            sync.loadFinished();
            if (failure != null) {
                report("Could not load your conversations. ", failure, s);
                return;
            }
            book.merge(OneToOne.only(list), s.me());
            OneToOne.only(list).forEach(c -> lookUpName(c.peer()));
            reads.markIfReading();
        });
    }

    /**
     * Starts a conversation with a user ID typed in the new-chat field: an ID that is not in the list yet is looked
     * up on the server first ({@code GET …/users/{id}}), and a user the server does not know is refused with a toast.
     * A server without the lookup endpoint (protocol v1) cannot tell: the conversation opens unchecked, and the first
     * message says "There is no user named …" if there is none. Completes on the FX thread with whether it opened.
     */
    CompletableFuture<Boolean> start(String peerInput) {
        String peer = peerInput.strip().toLowerCase(Locale.ROOT);
        if (!acceptable(peer)) {
            return CompletableFuture.completedFuture(false);
        }
        if (peer.equals(openPeer.get()) || book.row(peer).isPresent()) {
            return CompletableFuture.completedFuture(open(peer));
        }
        Session s = session;
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        fx.whenDone(s.client().lookUpUser(peer), s::isCurrent, (user, failure) -> {
            if (failure == null && user.isEmpty()) {
                toasts.show(ToastKind.ERROR, "New chat: there is no user “" + peer + "” on this server.");
                result.complete(false);
                return;
            }
            named.add(peer);
            if (failure != null) {
                namesUnavailable = true;
                LOG.log(Level.DEBUG, "no user lookup ({0}): opening the chat with {1} unchecked",
                        failure.getMessage(), peer);
            }
            boolean opened = open(peer);
            if (failure == null) {
                user.map(RegisteredUser::nickname).filter(n -> !n.isBlank()).ifPresent(n -> book.name(peer, n));
            }
            result.complete(opened);
        });
        return result;
    }

    /**
     * Learns {@code peer}'s display name (nickname) from the server, once per peer and session; nothing if the server
     * has no user lookup (then no further lookups are made).
     */
    private void lookUpName(String peer) {
        Session s = session;
        if (s == null || namesUnavailable || !named.add(peer)) {
            return;
        }
        fx.whenDone(s.client().lookUpUser(peer), s::isCurrent, (user, failure) -> {
            if (failure != null) {
                namesUnavailable = true;
                LOG.log(Level.DEBUG, "no display names from the server: {0}", failure.getMessage());
                return;
            }
            user.map(RegisteredUser::nickname).filter(n -> !n.isBlank()).ifPresent(n -> book.name(peer, n));
        });
    }

    /** Whether {@code peer} can be chatted with at all; a toast naming the field if not. */
    private boolean acceptable(String peer) {
        if (session == null || peer.isEmpty()) {
            return false;
        }
        if (!UserIdRules.isValid(peer)) {
            toasts.show(ToastKind.ERROR, "New chat: a user ID uses only a–z, 0–9, '_', '-' and '.'.");
            return false;
        }
        if (peer.equals(session.me())) {
            toasts.show(ToastKind.ERROR, "New chat: that is you. Pick someone else to chat with.");
            return false;
        }
        return true;
    }

    /** Opens the conversation with {@code peer} (any case); returns false with a toast if that is not possible. */
    boolean open(String peerInput) {
        String peer = peerInput.strip().toLowerCase(Locale.ROOT);
        if (!acceptable(peer)) {
            return false;
        }
        if (peer.equals(openPeer.get())) {
            return true;
        }
        MessageThread thread = book.thread(peer);
        book.start(peer, clock.instant());
        openPeer.set(peer);
        messages.set(thread.items());
        showHistoryState(thread);
        if (thread.needsHistory()) {
            loadPage(thread);
        } else {
            reads.markIfReading();
        }
        return true;
    }

    /** Takes the conversation with {@code peer} off the list (closing it if open) until a newer message arrives. */
    void remove(String peer) {
        if (peer.equals(openPeer.get())) {
            close();
        }
        book.remove(peer);
    }

    void close() {
        openPeer.set("");
        messages.set(NO_MESSAGES);
        olderAvailable.set(false);
        loadingOlder.set(false);
    }

    /** Pages in the next older part of the open conversation's history, if there is one and none is loading. */
    void loadOlder() {
        currentThread().filter(MessageThread::canLoadOlder).ifPresent(this::loadPage);
    }

    private void loadPage(MessageThread thread) {
        Session s = session;
        boolean first = thread.needsHistory();
        thread.loading(true);
        showHistoryState(thread);
        if (first) {
            sync.loadStarted();
        }
        fx.whenDone(s.client().history(thread.peer(), thread.cursor(), PAGE_SIZE), s::isCurrent, (page, failure) -> {
            if (first) {
                sync.loadFinished();
            }
            if (failure != null) {
                thread.loading(false);
                showHistoryState(thread);
                report("Could not load the messages with " + thread.peer() + ". ", failure, s);
                return;
            }
            thread.addPage(page, s.me());
            showHistoryState(thread);
            if (first) {
                thread.last().ifPresent(last -> book.row(thread.peer())
                        .filter(row -> row.preview().isEmpty())
                        .ifPresent(row -> book.newest(last, thread.unreadCount())));
                reads.markIfReading();
            }
        });
    }

    private void showHistoryState(MessageThread thread) {
        if (thread.peer().equals(openPeer.get())) {
            olderAvailable.set(thread.hasOlder());
            loadingOlder.set(thread.isLoading());
        }
    }

    // ---- sending (the Sender's) ---------------------------------------------------------------------------------

    /** Sends {@code text} to the open conversation; false when none is open, or the text is blank or too long. */
    boolean send(String text) {
        String peer = openPeer.get();
        return session != null && !peer.isEmpty() && sender.send(peer, text);
    }

    /** Sends a failed message again, with the same local id (the server stores it once). */
    void retry(MessageItem item) {
        sender.retry(item);
    }

    /** The connection is back: what waits in the outbox goes out. */
    void connected() {
        sender.flush();
    }

    /** The user acts (types, sends, focuses the window): reconnect at once if waiting to, send what waits. */
    void userActive() {
        if (session != null) {
            session.client().reconnectNow();
            sender.flush();
        }
    }

    // ---- SDK events ----------------------------------------------------------------------------------------------

    /**
     * A message came in live (or in the offline sync). It may already be in the thread, if a history page fetched
     * meanwhile had it; it is still unread then, because the server pushes only what this user has not had.
     */
    void messageArrived(TextMessageEvent event) {
        if (session == null) {
            return;
        }
        MessageItem item = MessageItem.fromServer(event, session.me());
        MessageThread thread = book.thread(item.peer());
        lookUpName(item.peer()); // a conversation that begins live is named too (once per peer and session)
        boolean reading = reads.isReading() && item.peer().equals(openPeer.get());
        if (!item.isMine() && reading) {
            item = item.withStatus(MessageStatus.READ);
        }
        boolean added = thread.addFromServer(item);
        if (item.isMine()) {
            if (added) {
                book.newest(item, thread.unreadCount());
            }
            return;
        }
        if (reading) {
            thread.updateByServerId(item.serverId(), m -> m.withStatus(MessageStatus.READ));
            reads.markRead(List.of(item.serverId()));
        } else {
            thread.unreadArrived(item.serverId());
        }
        if (added) {
            book.newest(item, thread.unreadCount());
        } else {
            book.unread(item.peer(), thread.unreadCount());
        }
    }

    void stored(String localId, String serverId) {
        sender.stored(localId, serverId);
    }

    void receipt(String serverId, String from, MessageStatus status) {
        book.existingThread(from.toLowerCase(Locale.ROOT)).ifPresent(thread -> thread.updateByServerId(serverId,
                m -> m.status().canBecome(status) ? m.withStatus(status) : m));
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    void windowFocused(boolean focused) {
        if (focused) {
            userActive();
        }
        reads.windowFocused(focused);
    }

    private Optional<MessageThread> currentThread() {
        return session == null || openPeer.get().isEmpty() ? Optional.empty()
                : book.existingThread(openPeer.get());
    }

    private void report(String prefix, Throwable failure, Session s) {
        LOG.log(Level.INFO, prefix + failure.getMessage());
        toasts.show(ToastKind.ERROR, prefix + ErrorMessages.describe(failure, s.request().serverUrl()));
    }
}
