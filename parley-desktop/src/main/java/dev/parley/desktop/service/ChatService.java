package dev.parley.desktop.service;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;

/**
 * The desktop app's one door to the chat SDK: it wraps one {@link ChatClient} per sign-in and turns its events and
 * results into JavaFX properties and observable lists that view models bind to.
 *
 * <h2>Threading</h2>
 * Every method must be called on the FX thread (the thread of the injected executor), and every property and list
 * changes only there. SDK events arrive on the SDK's event thread and future results on its internal threads; both
 * are handed to the executor exactly once, in {@link FxBoundary} ({@code Platform::runLater} in the app,
 * {@code Runnable::run} in tests). No method blocks: network calls run in the SDK and their results come back through
 * the executor.
 *
 * <h2>Lifecycle</h2>
 * Signed out ({@link #isSignedIn()} false, {@code DISCONNECTED}) → {@link #signIn} or {@link #createAccount}
 * ({@code CONNECTING}; an unreachable server keeps a sign-in with a local cache going, {@code RECONNECTING}, until it
 * answers) → signed in ({@code CONNECTED}; the list loads, the offline sync runs, {@link #syncingProperty()} shows
 * both) → the SDK reconnects by itself after a loss ({@code RECONNECTING}), without end, and at once when the user
 * acts ({@link #userActive()}); if the server ends the session (token expired or refused) the service stays signed in
 * but {@code DISCONNECTED}; {@link #reconnect()} or {@link #renewToken} signs in again → {@link #signOut()}.
 *
 * <h2>Conversations</h2>
 * A conversation is a {@link ConversationId}: one-to-one ({@code singleChat}, the peer's user ID) or a group
 * ({@code groupChat}, its id); the list mixes both. Its timeline holds {@link MessageItem}s of every kind
 * ({@link MessageContent}). The work is shared out to package-private helpers: signing in to {@code SessionControl},
 * the messages to {@code Messenger} (and its {@code Sender}, {@code HistoryPager}, {@code Incoming}, {@code ReadMarks},
 * {@code Amendments}, {@code People}), SDK events to {@code SdkEvents}.
 */
public final class ChatService implements AutoCloseable {
    /** The longest message the server takes, in bytes of UTF-8 (5 KB). */
    public static final int MAX_MESSAGE_BYTES = Sender.MAX_BYTES;

    private final FxBoundary fx;
    private final ToastCenter toasts = new ToastCenter();
    private final SyncTracker sync = new SyncTracker();
    private final Removals removals;
    private final ConversationBook book;
    private final OutboxStore outbox;
    private final Messenger messenger;
    private final SessionControl sessions;
    private final MessageActions actions;
    private final DesktopAlerts alerts;
    private final ConversationMarks marks;

    /** A service whose FX-thread work runs on {@code fxExecutor} ({@code Platform::runLater} in the app). */
    public ChatService(Executor fxExecutor) {
        this(fxExecutor, UnaryOperator.identity());
    }

    /** A service that adjusts the SDK options of each sign-in (tests use a fast reconnect policy); see below. */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning) {
        this(fxExecutor, tuning, OutboxStore.inMemory());
    }

    /** A service whose outbox of unsent messages is kept in {@code outbox} (see the last constructor). */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning, OutboxStore outbox) {
        this(fxExecutor, tuning, outbox, Notifier.none());
    }

    /**
     * A service that tells of incoming messages through {@code notifier} while the window has no focus (see
     * {@link #notificationsEnabledProperty()}), and opens a clicked one's conversation; the caller closes the notifier.
     */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning, OutboxStore outbox,
                       Notifier notifier) {
        this(fxExecutor, tuning, outbox, notifier, RemovalStore.inMemory());
    }

    /**
     * A service that also keeps the conversations the user removed from the list in {@code removals} (the profile's
     * directory in the app), so that they stay removed at the next sign-in until a new message arrives in them.
     *
     * @param fxExecutor the FX thread's executor
     * @param tuning     applied to the options built from a {@link SignInRequest}
     * @param outbox     where waiting messages are kept between runs
     * @param notifier   the operating system's notification service, or {@link Notifier#none()}
     * @param removals   where removed conversations are kept between runs
     */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning, OutboxStore outbox,
                       Notifier notifier, RemovalStore removals) {
        this.fx = new FxBoundary(fxExecutor);
        this.removals = new Removals(Objects.requireNonNull(removals, "removals"));
        this.book = new ConversationBook(this.removals);
        this.alerts = new DesktopAlerts(Objects.requireNonNull(notifier, "notifier"));
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        Clock clock = Clock.systemUTC();
        this.messenger = new Messenger(fx, book, sync, toasts, clock, outbox);
        this.marks = new ConversationMarks(book, messenger.cache(), messenger);
        this.actions = new MessageActions(messenger);
        this.sessions = new SessionControl(fx, tuning, toasts, sync, this.removals, book, messenger, alerts, clock);
        messenger.openProperty().addListener((o, previous, open) -> {
            if (open != null) {
                alerts.conversationOpened(open);
            }
        });
        alerts.handleClicks(fx, this::isSignedIn, messenger::open);
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    /** The connection's state; see the SDK's {@link ConnectionState} for its lifecycle. */
    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return sessions.connectionState.getReadOnlyProperty();
    }

    public ConnectionState getConnectionState() {
        return sessions.connectionState.get();
    }

    /** The signed-in user (lowercase), {@code ""} when signed out. */
    public ReadOnlyStringProperty currentUserProperty() {
        return sessions.currentUser.getReadOnlyProperty();
    }

    public String getCurrentUser() {
        return sessions.currentUser.get();
    }

    /** Whether a sign-in succeeded and the user has not signed out (the connection may be down meanwhile). */
    public ReadOnlyBooleanProperty signedInProperty() {
        return sessions.signedIn.getReadOnlyProperty();
    }

    public boolean isSignedIn() {
        return sessions.signedIn.get();
    }

    /** Whether the conversation list, a history page or the offline sync is being fetched. */
    public ReadOnlyBooleanProperty syncingProperty() {
        return sync.syncingProperty();
    }

    public boolean isSyncing() {
        return sync.syncingProperty().get();
    }

    /** Whether a token sign-in needs a new token: it expires soon, or has expired. */
    public ReadOnlyBooleanProperty renewalNeededProperty() {
        return sessions.renewalNeeded.getReadOnlyProperty();
    }

    public boolean isRenewalNeeded() {
        return sessions.renewalNeeded.get();
    }

    /**
     * The SDK client of the current sign-in, for services beside this one (the profile's settings pane); empty when
     * signed out. A client is replaced at each sign-in: callers compare it again when a result comes back.
     */
    public Optional<ChatClient> currentClient() {
        Session s = sessions.current();
        return isSignedIn() && s != null ? Optional.of(s.client()) : Optional.empty();
    }

    /** The unread messages of all conversations together (the window's title shows it). */
    public ReadOnlyIntegerProperty totalUnreadProperty() {
        return book.totalUnreadProperty();
    }

    /**
     * Whether incoming messages are told by desktop notifications while the window does not have the focus
     * (default on; the app keeps it in the profile's settings). A change takes effect at once.
     */
    public BooleanProperty notificationsEnabledProperty() {
        return alerts.enabledProperty();
    }

    public boolean isNotificationsEnabled() {
        return alerts.enabledProperty().get();
    }

    public void setNotificationsEnabled(boolean enabled) {
        alerts.enabledProperty().set(enabled);
    }

    /**
     * Calls {@code listener} on the FX thread when the user clicked a desktop notification (after its conversation
     * was opened), so that the window comes to the front. Closing the handle removes the listener.
     */
    public AutoCloseable onNotificationClicked(Runnable listener) {
        return alerts.onActivated(Objects.requireNonNull(listener, "listener"));
    }

    /** The conversations, newest first; read-only. */
    public ObservableList<ConversationItem> getConversations() {
        return book.rows();
    }

    /** The open conversation; its value is {@code null} while none is open (see {@link #getOpenConversation()}). */
    public ReadOnlyObjectProperty<ConversationId> openConversationProperty() {
        return messenger.openProperty();
    }

    /** The open conversation, empty when none is open. */
    public Optional<ConversationId> getOpenConversation() {
        return Optional.ofNullable(messenger.openProperty().get());
    }

    /** Whether {@code conversation} is the open one. */
    public boolean isOpen(ConversationId conversation) {
        return MessageItem.keyOf(conversation).equals(messenger.openProperty().get());
    }

    /** A user's display name (nickname) as the server told it, else the user ID. */
    public String displayName(String user) {
        return book.nameOf(user);
    }

    /** The open conversation's messages, oldest first (a new list when another conversation opens); read-only. */
    public ReadOnlyObjectProperty<ObservableList<MessageItem>> messagesProperty() {
        return messenger.messagesProperty();
    }

    public ObservableList<MessageItem> getMessages() {
        return messenger.messagesProperty().get();
    }

    /** Whether the open conversation has older messages on the server that are not paged in yet. */
    public ReadOnlyBooleanProperty olderAvailableProperty() {
        return messenger.olderAvailableProperty();
    }

    /** Whether a page of the open conversation's history is being fetched. */
    public ReadOnlyBooleanProperty loadingOlderProperty() {
        return messenger.loadingOlderProperty();
    }

    /** The toasts to show. */
    public ToastCenter toasts() {
        return toasts;
    }

    /** The toasts on screen, oldest first; read-only. */
    public ObservableList<Toast> getToasts() {
        return toasts.getToasts();
    }

    // ---- signing in and out --------------------------------------------------------------------------------------

    /**
     * Signs in with a token or a password. Completes (on the FX thread) once the server accepted the login; fails
     * with a {@link ChatServiceException} whose message is a sentence for the user.
     */
    public CompletableFuture<Void> signIn(SignInRequest request) {
        return sessions.start(request, false);
    }

    /** Creates the user with the request's password, then signs in as them; see {@link #signIn}. */
    public CompletableFuture<Void> createAccount(SignInRequest request) {
        if (request.method() != SignInMethod.PASSWORD) {
            throw new IllegalArgumentException("an account is created with a password");
        }
        return sessions.start(request, true);
    }

    /** Signs out: closes the connection (in the background), forgets the session's state, shows sign-in. */
    public void signOut() {
        sessions.signOut();
    }

    /** Signs in again after the connection was given up (the SDK stopped reconnecting, or the token expired). */
    public void reconnect() {
        sessions.reconnect();
    }

    /** A new token: replaces the session's while connected, or signs in again with it when the old one expired. */
    public void renewToken(String token) {
        sessions.renewToken(token);
    }

    // ---- conversations -------------------------------------------------------------------------------------------

    /** Opens {@code conversation} (one-to-one or group), loading its newest messages if needed; false if it cannot. */
    public boolean openConversation(ConversationId conversation) {
        return messenger.open(Objects.requireNonNull(conversation, "conversation"));
    }

    /**
     * Starts a conversation with a typed user ID: checks that the user exists (when the server can tell), then opens
     * it. Completes on the FX thread with whether it opened; a refusal is told in a toast that names the field.
     */
    public CompletableFuture<Boolean> startConversation(String peer) {
        return messenger.start(Objects.requireNonNull(peer, "peer"));
    }

    /**
     * Removes a conversation from the list (any conversation, with messages or none); it is listed again when a new
     * message comes in, and stays removed until then, across sign-ins (kept in the service's {@link RemovalStore}).
     * The messages stay on the server.
     */
    public void removeConversation(ConversationId conversation) {
        messenger.remove(Objects.requireNonNull(conversation, "conversation"));
    }

    /** Closes the open conversation (the narrow layout's back button). */
    public void closeConversation() {
        messenger.close();
    }

    /** The open conversation's timeline: older pages, a window far back detached from the newest, and back. */
    public Timeline timeline() {
        return messenger.timeline();
    }

    /**
     * Sends {@code text} (stripped) to the open conversation. It goes to the outbox first: while the connection is
     * down it waits there (shown as {@link MessageStatus#WAITING}, kept across restarts) and goes out by itself, in
     * order, when the connection is back.
     *
     * @return false, and nothing is sent, when no conversation is open or the text is blank or over
     *         {@link #MAX_MESSAGE_BYTES} bytes of UTF-8
     */
    public boolean send(String text) {
        return messenger.send(Objects.requireNonNull(text, "text"), Quote.NONE);
    }

    /** The media and live parts of each sign-in: uploads, downloads, typing and presence. */
    public SessionExtras extras() {
        return sessions.extras;
    }

    /** Fetches group {@code groupId}'s name again (this user renamed it: shown before the server's event comes). */
    public void refreshGroupName(String groupId) {
        messenger.refreshGroupName(Objects.requireNonNull(groupId, "groupId"));
    }

    /** Pin, mute and mark unread, on the conversation list. */
    public ConversationMarks marks() {
        return marks;
    }

    /** Keeps a local cache per server, app key and user in {@code profileDir} from the next sign-in (instant start). */
    public void useLocalCache(java.nio.file.Path profileDir) {
        messenger.cache().use(profileDir);
    }

    /** Whether the list shows what the local cache kept while the sign-in is on its way (the window shows it). */
    public ReadOnlyBooleanProperty showingCacheProperty() {
        return messenger.cache().showingProperty();
    }

    /** What the user does with a message of the open conversation: reply, recall, edit, find a reply's original. */
    public MessageActions actions() {
        return actions;
    }

    /** How many bytes {@code text} would take as a message (UTF-8, stripped), to compare with the limit. */
    public static int messageBytes(String text) {
        return Sender.byteLength(text);
    }

    /**
     * The user is acting (typing, for instance): a connection that waits to be restored is tried at once, and what
     * waits in the outbox goes out if the connection is up.
     */
    public void userActive() {
        sessions.userActive();
    }

    /** Sends a failed message again with the same local id. */
    public void retry(MessageItem message) {
        messenger.retry(Objects.requireNonNull(message, "message"));
    }

    /** Whether the window has the focus: read receipts go out only while the user can see the conversation. */
    public void setWindowFocused(boolean focused) {
        alerts.windowFocused(focused);
        messenger.windowFocused(focused);
    }

    /** Signs out, closes the outbox store and waits up to two seconds for the connection to close (at exit). */
    @Override
    public void close() {
        signOut();
        alerts.close();
        outbox.close();
        removals.flush();
        messenger.cache().close();
        sessions.awaitClosed(Duration.ofSeconds(2));
    }
}
