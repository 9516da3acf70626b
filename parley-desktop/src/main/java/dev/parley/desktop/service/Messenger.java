package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.protocol.ChatType;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The messaging half of {@link ChatService}: the conversation list, the open conversation (one-to-one or a group,
 * keyed by {@link ConversationId}), opening and paging it, and what the user does in it. The work is shared out:
 * sending, the outbox and retrying are the {@link Sender}'s, history the {@link HistoryPager}'s (a window far back,
 * detached from the newest messages, the {@link HistoryWindow}'s and the {@link Timeline}'s), what the server pushes
 * {@link Incoming}'s, read marks {@link ReadMarks}', recall and edit {@link Amendments}', names {@link People}'s.
 * FX thread only; network calls go through the SDK's futures and come back through the {@link FxBoundary}.
 */
final class Messenger {
    private static final System.Logger LOG = System.getLogger(Messenger.class.getName());
    private static final ObservableList<MessageItem> NO_MESSAGES = FXCollections.emptyObservableList();

    private final FxBoundary fx;
    private final ConversationBook book;
    private final SyncTracker sync;
    private final ToastCenter toasts;
    private final Clock clock;
    private final ReadOnlyObjectWrapper<ConversationId> open = new ReadOnlyObjectWrapper<>(this, "open");
    private final ReadOnlyObjectWrapper<ObservableList<MessageItem>> messages =
            new ReadOnlyObjectWrapper<>(this, "messages", NO_MESSAGES);
    private final ReadOnlyBooleanWrapper olderAvailable = new ReadOnlyBooleanWrapper(this, "olderAvailable");
    private final ReadOnlyBooleanWrapper loadingOlder = new ReadOnlyBooleanWrapper(this, "loadingOlder");
    private final Sender sender;
    private final ReadMarks reads;
    private final People people;
    private final HistoryPager pager;
    private final HistoryWindow window;
    private final Timeline timeline;
    private final Incoming incoming;
    private final Amendments amendments;
    private final CacheLink cache;
    private final JoinedGroups joined;
    private Session session;
    /** Whether the server accepted the current sign-in (history is asked for only then). */
    private boolean loggedIn;

    Messenger(FxBoundary fx, ConversationBook book, SyncTracker sync, ToastCenter toasts, Clock clock,
              OutboxStore outbox) {
        this.cache = new CacheLink(fx, book);
        this.fx = fx;
        this.book = book;
        this.sync = sync;
        this.toasts = toasts;
        this.clock = clock;
        this.sender = new Sender(fx, book, toasts, clock, outbox, m -> cache.messages(java.util.List.of(m)));
        this.reads = new ReadMarks(fx, book, sync, () -> session, open::get);
        this.people = new People(fx, book, () -> session, cache::named);
        this.pager = new HistoryPager(fx, book, sync, toasts, () -> session, this::pageAdded, cache);
        this.window = new HistoryWindow(fx, book, toasts, () -> session, pager, this::pageAdded);
        this.timeline = new Timeline(this::currentThread, window, this::loadOlder);
        this.incoming = new Incoming(book, reads, people, () -> session, open::get, cache);
        this.amendments = new Amendments(fx, book, toasts, clock, () -> session, cache);
        this.joined = new JoinedGroups(fx, book, () -> session);
    }

    /** The open conversation; {@code null} while none is open. */
    ReadOnlyObjectProperty<ConversationId> openProperty() {
        return open.getReadOnlyProperty();
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

    /** What the server pushes into conversations. */
    Incoming incoming() {
        return incoming;
    }

    /** The local cache's link (instant start, writing through). */
    CacheLink cache() {
        return cache;
    }

    /** The open conversation's timeline: a window far back, detached from the newest messages, and back. */
    Timeline timeline() {
        return timeline;
    }

    /** Recall and edit. */
    Amendments amendments() {
        return amendments;
    }

    void attach(Session newSession) {
        this.session = newSession;
        loggedIn = false;
        book.signedIn(newSession.me());
        cache.signedIn(newSession);
        reads.reset();
        sender.attach(newSession);
    }

    /** Forgets everything of the last session. */
    void detach() {
        session = null;
        loggedIn = false;
        cache.signedOut();
        sender.detach();
        people.clear();
        close();
    }

    // ---- conversations -------------------------------------------------------------------------------------------

    /** Fetches the conversation list (one-to-one and group chats, newest first) and names its people. */
    void loadConversations() {
        Session s = session;
        loggedIn = true;
        cache.loggedIn();
        currentThread().filter(MessageThread::needsHistory).ifPresent(t -> pager.loadPage(t, ok -> { }));
        sync.loadStarted();
        fx.whenDone(s.client().conversations(), s::isCurrent, (list, failure) -> {
            sync.loadFinished();
            if (failure != null) {
                report("Could not load your conversations. ", failure, s);
                return;
            }
            book.merge(list, s.me());
            joined.merge(); // groups without messages, which the server's list leaves out
            cache.conversations(list);
            list.forEach(c -> {
                if (c.chatType() == ChatType.SINGLE) {
                    people.lookUp(c.id().toLowerCase(Locale.ROOT));
                } else {
                    people.lookUp(c.latest().from().toLowerCase(Locale.ROOT));
                }
            });
            reads.markIfReading();
        });
    }

    /**
     * Starts a one-to-one conversation with a user ID typed in the new-chat field: an ID that is not in the list yet
     * is looked up on the server first ({@code GET …/users/{id}}), and a user the server does not know is refused with
     * a toast. A server without the lookup endpoint (protocol v1) cannot tell: the conversation opens unchecked, and
     * the first message says "There is no user named …" if there is none. Completes on the FX thread with whether it
     * opened.
     */
    CompletableFuture<Boolean> start(String peerInput) {
        String peer = peerInput.strip().toLowerCase(Locale.ROOT);
        if (!acceptable(peer)) {
            return CompletableFuture.completedFuture(false);
        }
        ConversationId conversation = ConversationId.single(peer);
        if (conversation.equals(open.get()) || book.row(conversation).isPresent()) {
            return CompletableFuture.completedFuture(open(conversation));
        }
        return people.check(peer).handle((user, failure) -> {
            if (failure == null && user.isEmpty()) {
                toasts.show(ToastKind.ERROR, "New chat: there is no user “" + peer + "” on this server.");
                return false;
            }
            if (failure != null) {
                LOG.log(Level.DEBUG, "no user lookup ({0}): opening the chat with {1} unchecked",
                        failure.getMessage(), peer);
            }
            return open(conversation);
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

    /** Opens {@code conversation} (a peer in any case); returns false with a toast if that is not possible. */
    boolean open(ConversationId given) {
        ConversationId conversation = MessageItem.keyOf(given);
        if (session == null || (conversation.chatType() == ChatType.SINGLE && !acceptable(conversation.id()))) {
            return false;
        }
        if (conversation.equals(open.get())) {
            return true;
        }
        MessageThread thread = book.thread(conversation);
        book.start(conversation, clock.instant());
        open.set(conversation);
        messages.set(thread.items());
        showHistoryState(thread);
        if (book.marks(conversation).markedUnread()) { // opened again: the mark has done its work
            // after this turn: the list is often in the middle of changing its selection (the user clicked the row)
            fx.run(() -> {
                book.mark(conversation, book.marks(conversation).withMarkedUnread(false));
                cache.markedUnread(conversation, false);
            });
        }
        if (thread.needsHistory()) {
            cache.recent(conversation, HistoryPager.PAGE_SIZE, cached -> {
                Session s = session;
                if (s != null && thread.addCached(cached.stream().map(m -> book.named(MessageItem.fromServer(m,
                        s.me()))).toList())) {
                    lookUpSenders(thread);
                    showHistoryState(thread);
                    showNewest(thread);
                }
            });
            if (loggedIn) {
                pager.loadPage(thread, ok -> { });
            }
        } else {
            reads.markIfReading();
        }
        return true;
    }

    /** Fetches a group's name again (the list and the header show it when it comes). */
    void refreshGroupName(String groupId) {
        people.lookUpGroup(groupId, name -> { });
    }

    /** Takes {@code conversation} off the list (closing it if open) until a newer message arrives. */
    void remove(ConversationId conversation) {
        ConversationId key = MessageItem.keyOf(conversation);
        if (key.equals(open.get())) {
            close();
        }
        book.remove(key);
        cache.removed(key);
    }

    void close() {
        open.set(null);
        messages.set(NO_MESSAGES);
        olderAvailable.set(false);
        loadingOlder.set(false);
        timeline.show(Optional.empty());
    }

    /** Pages in the next older part of the open conversation's history, if there is one and none is loading. */
    void loadOlder() {
        currentThread().filter(MessageThread::canLoadOlder).ifPresent(t -> pager.loadPage(t, ok -> { }));
    }

    /**
     * Finds the open conversation's message {@code serverId} (a reply's original, a search result): when it is not
     * paged in, the window around it is shown instead ({@link HistoryWindow}). Completes on the FX thread with it, or
     * empty when it cannot be found.
     */
    CompletableFuture<Optional<MessageItem>> reveal(String serverId) {
        return currentThread().map(t -> window.reveal(t, serverId))
                .orElse(CompletableFuture.completedFuture(Optional.empty()));
    }

    /** A page came in (or began or failed): the list's state, and after the first page the row and read marks. */
    private void pageAdded(MessageThread thread, boolean first) {
        lookUpSenders(thread);
        showHistoryState(thread);
        if (first) {
            showNewest(thread);
            reads.markIfReading();
        }
    }

    /**
     * A group's timeline names all its senders, not only those the list or a live message named: each one not asked
     * yet in this session is looked up (their messages follow when the name comes).
     */
    private void lookUpSenders(MessageThread thread) {
        if (thread.conversation().chatType() == ChatType.GROUP) {
            thread.items().stream().filter(m -> !m.isMine() && !m.isNote()).map(MessageItem::sender).distinct()
                    .forEach(people::lookUp);
        }
    }

    /** The row of a conversation listed without a preview shows the thread's newest message. */
    private void showNewest(MessageThread thread) {
        thread.last().ifPresent(last -> book.row(thread.conversation())
                .filter(row -> row.preview().isEmpty())
                .ifPresent(row -> book.newest(last, thread.unread().count())));
    }

    private void showHistoryState(MessageThread thread) {
        if (thread.conversation().equals(open.get())) {
            olderAvailable.set(thread.hasOlder());
            loadingOlder.set(thread.isLoading());
            timeline.show(Optional.of(thread));
        }
    }

    // ---- sending (the Sender's) ---------------------------------------------------------------------------------

    /**
     * Sends {@code text} to the open conversation, as a reply to {@code quote} ({@link Quote#NONE}: none); false when
     * none is open, or the text is blank or too long.
     */
    boolean send(String text, Quote quote) {
        ConversationId to = open.get();
        if (session == null || to == null) {
            return false;
        }
        currentThread().filter(MessageThread::isDetached).ifPresent(window::backToLive); // show it sent, as others do
        return sender.send(to, text, quote);
    }

    /** The outbox as the current sign-in's {@link dev.parley.desktop.media.AttachmentSender} sees it. */
    dev.parley.desktop.media.AttachmentSender.Outbox fileOutbox() {
        return sender.files();
    }

    /** Sends a failed message again, with the same local id (the server stores it once). */
    void retry(MessageItem item) {
        sender.retry(item);
    }

    /** The connection is back: what waits in the outbox goes out, and groups joined meanwhile are listed. */
    void connected() {
        sender.flush();
        if (loggedIn) { // a reconnect: groups joined meanwhile, without messages, are listed too
            joined.merge();
        }
    }

    /** The server stored a message of this device. */
    void stored(String localId, String serverId) {
        sender.stored(localId, serverId);
    }

    /** The user acts (types, sends, focuses the window): reconnect at once if waiting to, send what waits. */
    void userActive() {
        if (session != null) {
            session.client().reconnectNow();
            sender.flush();
        }
    }

    // ---- reading -------------------------------------------------------------------------------------------------

    void windowFocused(boolean focused) {
        if (focused) {
            userActive();
        }
        reads.windowFocused(focused);
    }

    private Optional<MessageThread> currentThread() {
        ConversationId c = open.get();
        return session == null || c == null ? Optional.empty() : book.existingThread(c);
    }

    private void report(String prefix, Throwable failure, Session s) {
        LOG.log(Level.INFO, prefix + failure.getMessage());
        toasts.show(ToastKind.ERROR, prefix + ErrorMessages.describe(failure, s.request().serverUrl()));
    }
}
