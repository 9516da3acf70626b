package dev.parley.desktop.service;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.LoginResult;
import dev.parley.client.TextMessageEvent;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.function.UnaryOperator;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
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
 * Signed out ({@link #isSignedIn()} false, {@link ConnectionState#DISCONNECTED}) → {@link #signIn} or
 * {@link #createAccount} ({@code CONNECTING}) → signed in ({@code CONNECTED}; the conversation list loads, the
 * offline sync runs, {@link #syncingProperty()} shows both) → the SDK reconnects by itself after a loss
 * ({@code RECONNECTING}), without end, and at once when the user acts ({@link #userActive()}); if the server ends the
 * session (the token expired or was refused) the service stays signed in but {@code DISCONNECTED}, and
 * {@link #reconnect()} or {@link #renewToken} signs in again → {@link #signOut()} returns to signed out.
 */
public final class ChatService implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ChatService.class.getName());
    private static final String HANDLER_ID = "parley-desktop";
    /** The longest message the server takes, in bytes of UTF-8 (5 KB). */
    public static final int MAX_MESSAGE_BYTES = Sender.MAX_BYTES;

    private final FxBoundary fx;
    private final UnaryOperator<ChatOptions.Builder> tuning;
    private final ToastCenter toasts = new ToastCenter();
    private final SyncTracker sync = new SyncTracker();
    private final Removals removals;
    private final ConversationBook book;
    private final OutboxStore outbox;
    private final Messenger messenger;
    private final SessionNotices notices;
    private final DesktopAlerts alerts;
    private final List<Runnable> activationListeners = new CopyOnWriteArrayList<>();
    private final AutoCloseable clicks;
    private final ReadOnlyObjectWrapper<ConnectionState> connectionState =
            new ReadOnlyObjectWrapper<>(this, "connectionState", ConnectionState.DISCONNECTED);
    private final ReadOnlyStringWrapper currentUser = new ReadOnlyStringWrapper(this, "currentUser", "");
    private final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper(this, "signedIn", false);
    private final ReadOnlyBooleanWrapper renewalNeeded = new ReadOnlyBooleanWrapper(this, "renewalNeeded", false);
    private final ReadOnlyIntegerWrapper totalUnread = new ReadOnlyIntegerWrapper(this, "totalUnread", 0);
    private Session session;
    private Thread lastClose;

    /** A service whose FX-thread work runs on {@code fxExecutor} ({@code Platform::runLater} in the app). */
    public ChatService(Executor fxExecutor) {
        this(fxExecutor, UnaryOperator.identity());
    }

    /**
     * A service that adjusts the SDK options of each sign-in (tests use a fast reconnect policy).
     *
     * @param fxExecutor the FX thread's executor
     * @param tuning     applied to the options built from a {@link SignInRequest}
     */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning) {
        this(fxExecutor, tuning, OutboxStore.inMemory());
    }

    /**
     * A service whose outbox of unsent messages is kept in {@code outbox} (the profile's directory in the app), so
     * that messages written offline go out after a restart.
     *
     * @param fxExecutor the FX thread's executor
     * @param tuning     applied to the options built from a {@link SignInRequest}
     * @param outbox     where waiting messages are kept between runs
     */
    public ChatService(Executor fxExecutor, UnaryOperator<ChatOptions.Builder> tuning, OutboxStore outbox) {
        this(fxExecutor, tuning, outbox, Notifier.none());
    }

    /**
     * A service that tells of incoming messages by desktop notifications through {@code notifier} while the window
     * does not have the focus (see {@link #notificationsEnabledProperty()}), and opens the conversation of one that is
     * clicked. The caller owns the notifier and closes it.
     *
     * @param fxExecutor the FX thread's executor
     * @param tuning     applied to the options built from a {@link SignInRequest}
     * @param outbox     where waiting messages are kept between runs
     * @param notifier   the operating system's notification service, or {@link Notifier#none()}
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
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.messenger = new Messenger(fx, book, sync, toasts, Clock.systemUTC(), outbox);
        this.notices = new SessionNotices(toasts, sync, renewalNeeded);
        book.rows().addListener((ListChangeListener<ConversationItem>) change -> totalUnread.set(
                book.rows().stream().mapToInt(ConversationItem::unreadCount).sum()));
        messenger.openPeerProperty().addListener((o, previous, peer) -> {
            if (!peer.isEmpty()) {
                alerts.conversationOpened(peer);
            }
        });
        // Clicks come on the notifier's thread: onto the FX thread here, the boundary's one way.
        this.clicks = notifier.onClicked(key -> fx.run(() -> notificationClicked(key)));
    }

    // ---- properties ----------------------------------------------------------------------------------------------

    /** The connection's state; see the SDK's {@link ConnectionState} for its lifecycle. */
    public ReadOnlyObjectProperty<ConnectionState> connectionStateProperty() {
        return connectionState.getReadOnlyProperty();
    }

    public ConnectionState getConnectionState() {
        return connectionState.get();
    }

    /** The signed-in user (lowercase), {@code ""} when signed out. */
    public ReadOnlyStringProperty currentUserProperty() {
        return currentUser.getReadOnlyProperty();
    }

    public String getCurrentUser() {
        return currentUser.get();
    }

    /** Whether a sign-in succeeded and the user has not signed out (the connection may be down meanwhile). */
    public ReadOnlyBooleanProperty signedInProperty() {
        return signedIn.getReadOnlyProperty();
    }

    public boolean isSignedIn() {
        return signedIn.get();
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
        return renewalNeeded.getReadOnlyProperty();
    }

    public boolean isRenewalNeeded() {
        return renewalNeeded.get();
    }

    /**
     * The SDK client of the current sign-in, for services beside this one (the profile's settings pane); empty when
     * signed out. A client is replaced at each sign-in: callers compare it again when a result comes back.
     */
    public Optional<ChatClient> currentClient() {
        return signedIn.get() && session != null ? Optional.of(session.client()) : Optional.empty();
    }

    /** The unread messages of all conversations together (the window's title shows it). */
    public ReadOnlyIntegerProperty totalUnreadProperty() {
        return totalUnread.getReadOnlyProperty();
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
        Objects.requireNonNull(listener, "listener");
        activationListeners.add(listener);
        return () -> activationListeners.remove(listener);
    }

    /** The conversations, newest first; read-only. */
    public ObservableList<ConversationItem> getConversations() {
        return book.rows();
    }

    /** The peer of the open conversation, {@code ""} when none is open. */
    public ReadOnlyStringProperty openPeerProperty() {
        return messenger.openPeerProperty();
    }

    public String getOpenPeer() {
        return messenger.openPeerProperty().get();
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
        return start(request, false);
    }

    /** Creates the user with the request's password, then signs in as them; see {@link #signIn}. */
    public CompletableFuture<Void> createAccount(SignInRequest request) {
        if (request.method() != SignInMethod.PASSWORD) {
            throw new IllegalArgumentException("an account is created with a password");
        }
        return start(request, true);
    }

    private CompletableFuture<Void> start(SignInRequest request, boolean register) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (session != null) {
            signOut();
        }
        ChatClient client;
        try {
            client = ChatClient.create(options(request));
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new ChatServiceException(ErrorMessages.describe(e, ""), e));
            return result;
        }
        Session s = new Session(client, request);
        session = s;
        removals.signedIn(request.serverUrl(), request.user().toLowerCase(Locale.ROOT));
        messenger.attach(s);
        client.addEventHandler(HANDLER_ID, new SdkEvents(fx, s, this, messenger, notices, alerts));
        CompletableFuture<LoginResult> login = register
                ? client.registerUser(request.user(), request.secret())
                        .thenCompose(user -> client.openWithPassword(request.user(), request.secret()))
                : login(s);
        fx.whenDone(login, () -> true, (accepted, failure) -> {
            if (!s.isCurrent()) {
                result.cancel(false);
            } else if (failure != null) {
                String sentence = ErrorMessages.describe(failure, request.serverUrl());
                LOG.log(Level.INFO, "sign-in of {0} at {1} failed: {2}", request.user(), request.serverUrl(),
                        failure.getMessage());
                endSession();
                result.completeExceptionally(new ChatServiceException(sentence, failure));
            } else {
                currentUser.set(accepted.user());
                signedIn.set(true);
                messenger.loadConversations();
                result.complete(null);
            }
        });
        return result;
    }

    private ChatOptions options(SignInRequest request) {
        URI url = URI.create(request.serverUrl());
        if (url.getHost() == null || !("ws".equals(url.getScheme()) || "wss".equals(url.getScheme()))) {
            throw new IllegalArgumentException("url must be ws://host:port/websocket");
        }
        return tuning.apply(ChatOptions.builder().appKey(request.appKey()).url(url)).build();
    }

    private static CompletableFuture<LoginResult> login(Session s) {
        SignInRequest r = s.request();
        try {
            return r.method() == SignInMethod.TOKEN ? s.client().open(r.user(), r.secret())
                    : s.client().openWithPassword(r.user(), r.secret());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Signs out: closes the connection (in the background), forgets the session's state, shows sign-in. */
    public void signOut() {
        if (session == null) {
            return;
        }
        boolean wasSignedIn = signedIn.get();
        endSession();
        toasts.clear();
        if (wasSignedIn) {
            toasts.show(ToastKind.INFO, "You signed out.");
        }
    }

    private void endSession() {
        Session s = session;
        s.end();
        session = null;
        alerts.signedOut();
        messenger.detach();
        book.clear();
        sync.reset();
        currentUser.set("");
        signedIn.set(false);
        renewalNeeded.set(false);
        connectionState.set(ConnectionState.DISCONNECTED);
        ChatClient client = s.client();
        lastClose = Thread.ofVirtual().name("parley-close").start(client::close);
    }

    /** Signs in again after the connection was given up (the SDK stopped reconnecting, or the token expired). */
    public void reconnect() {
        Session s = session;
        if (s == null || s.client().connectionState() != ConnectionState.DISCONNECTED) {
            return;
        }
        fx.whenDone(login(s), s::isCurrent, (accepted, failure) -> {
            if (failure != null) {
                LOG.log(Level.INFO, "sign-in again failed: {0}", failure.getMessage());
                toasts.show(ToastKind.ERROR, ToastCenter.Topic.CONNECTION,
                        ErrorMessages.describe(failure, s.request().serverUrl()));
            } else {
                renewalNeeded.set(false);
            }
        });
    }

    /**
     * Uses a new token: replaces the session's token while connected, or signs in again with it when the old one
     * expired.
     */
    public void renewToken(String token) {
        Session s = session;
        String fresh = token.strip();
        if (s == null || fresh.isEmpty()) {
            return;
        }
        if (s.client().connectionState() == ConnectionState.DISCONNECTED) {
            s.tokenRenewed(fresh);
            reconnect();
            return;
        }
        fx.whenDone(s.client().renewToken(fresh), s::isCurrent, (expiry, failure) -> {
            if (failure != null) {
                LOG.log(Level.INFO, "token renewal refused: {0}", failure.getMessage());
                toasts.show(ToastKind.ERROR, ToastCenter.Topic.SESSION,
                        ErrorMessages.describe(failure, s.request().serverUrl()));
            } else {
                s.tokenRenewed(fresh);
                renewalNeeded.set(false);
                toasts.show(ToastKind.SUCCESS, ToastCenter.Topic.SESSION, "Session renewed.");
            }
        });
    }

    // ---- conversations -------------------------------------------------------------------------------------------

    /** Opens the conversation with {@code peer}, loading its newest messages if needed; false if not possible. */
    public boolean openConversation(String peer) {
        return messenger.open(Objects.requireNonNull(peer, "peer"));
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
    public void removeConversation(String peer) {
        messenger.remove(Objects.requireNonNull(peer, "peer"));
    }

    /** Closes the open conversation (the narrow layout's back button). */
    public void closeConversation() {
        messenger.close();
    }

    /** Pages in older messages of the open conversation (when the user scrolled to the top). */
    public void loadOlderMessages() {
        messenger.loadOlder();
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
        return messenger.send(Objects.requireNonNull(text, "text"));
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
        messenger.userActive();
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

    // ---- SDK events, on the FX thread (from SdkEvents) -----------------------------------------------------------

    void connectionChanged(ConnectionState state) {
        connectionState.set(state);
    }

    /** A message came in: the conversation's state, then (if the user is away) a desktop notification. */
    void messageArrived(TextMessageEvent message) {
        Session s = session;
        messenger.messageArrived(message);
        if (s != null) {
            String from = message.from().toLowerCase(Locale.ROOT);
            alerts.messageArrived(message, s.me(), book.row(from).map(ConversationItem::name).orElse(""));
        }
    }

    /** A desktop notification was clicked (on the FX thread): open its conversation, bring the window forward. */
    private void notificationClicked(String key) {
        if (session == null) {
            return;
        }
        if (!key.equals(DesktopAlerts.BACKLOG_KEY)) {
            messenger.open(key);
        }
        activationListeners.forEach(Runnable::run);
    }

    /**
     * Signs out and waits up to two seconds for the connection to close (at application exit).
     */
    @Override
    public void close() {
        signOut();
        try {
            clicks.close();
        } catch (Exception e) {
            LOG.log(Level.DEBUG, "notification click listener not removed: {0}", e.getMessage());
        }
        outbox.flush();
        removals.flush();
        Thread closing = lastClose;
        if (closing != null) {
            try {
                closing.join(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
