package dev.parley.desktop.service;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.LoginResult;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The sign-in half of {@link ChatService}: makes one {@link ChatClient} per sign-in, logs in (or registers first),
 * signs in again after the server ended the session, renews the token, and signs out, keeping the session's state
 * (connection, user, whether a new token is needed) in properties that the service exposes read-only. FX thread only.
 */
final class SessionControl {
    private static final System.Logger LOG = System.getLogger(SessionControl.class.getName());
    private static final String HANDLER_ID = "parley-desktop";

    private final FxBoundary fx;
    private final UnaryOperator<ChatOptions.Builder> tuning;
    private final ToastCenter toasts;
    private final SyncTracker sync;
    private final Removals removals;
    private final ConversationBook book;
    private final Messenger messenger;
    private final DesktopAlerts alerts;
    private final Clock clock;
    private final SessionNotices notices;
    private final OfflineStart offline;
    /** The media and live parts of each sign-in. */
    final SessionExtras extras;
    final ReadOnlyObjectWrapper<ConnectionState> connectionState =
            new ReadOnlyObjectWrapper<>(this, "connectionState", ConnectionState.DISCONNECTED);
    final ReadOnlyStringWrapper currentUser = new ReadOnlyStringWrapper(this, "currentUser", "");
    final ReadOnlyBooleanWrapper signedIn = new ReadOnlyBooleanWrapper(this, "signedIn", false);
    final ReadOnlyBooleanWrapper renewalNeeded = new ReadOnlyBooleanWrapper(this, "renewalNeeded", false);
    private Session session;
    private Thread lastClose;

    SessionControl(FxBoundary fx, UnaryOperator<ChatOptions.Builder> tuning, ToastCenter toasts, SyncTracker sync,
                   Removals removals, ConversationBook book, Messenger messenger, DesktopAlerts alerts, Clock clock) {
        this.fx = fx;
        this.tuning = Objects.requireNonNull(tuning, "tuning");
        this.toasts = toasts;
        this.sync = sync;
        this.removals = removals;
        this.book = book;
        this.messenger = messenger;
        this.alerts = alerts;
        this.clock = clock;
        this.notices = new SessionNotices(toasts, sync, renewalNeeded);
        this.extras = new SessionExtras(fx, book, messenger);
        this.offline = new OfflineStart(fx, notices);
    }

    /** The current session, {@code null} when signed out. */
    Session current() {
        return session;
    }

    CompletableFuture<Void> start(SignInRequest request, boolean register) {
        Objects.requireNonNull(request, "request");
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (session != null) {
            signOut();
        }
        ChatClient client;
        ChatOptions options;
        try {
            options = options(request);
            client = ChatClient.create(options);
        } catch (IllegalArgumentException e) {
            result.completeExceptionally(new ChatServiceException(ErrorMessages.describe(e, ""), e));
            return result;
        }
        Session s = new Session(client, request);
        session = s;
        removals.signedIn(request.serverUrl(), request.user().toLowerCase(Locale.ROOT));
        messenger.attach(s);
        extras.started(s);
        client.addEventHandler(HANDLER_ID, new SdkEvents(fx, s, state -> connectionState.set(offline.shown(s, state)),
                messenger, book, notices, alerts, clock, extras));
        CompletableFuture<LoginResult> login = register
                ? client.registerUser(request.user(), request.secret())
                        .thenCompose(user -> client.openWithPassword(request.user(), request.secret()))
                : login(s);
        fx.whenDone(login, () -> true, (accepted, failure) -> {
            if (!s.isCurrent()) {
                result.cancel(false);
            } else if (failure != null && !register && OfflineStart.unreachable(failure)) {
                messenger.cache().whenShown(s, cached -> {
                    if (!s.isCurrent()) {
                        result.cancel(false);
                    } else if (cached) {
                        continueOffline(s, options, result);
                    } else {
                        refused(s, failure, result);
                    }
                });
            } else if (failure != null) {
                refused(s, failure, result);
            } else {
                accepted(accepted, result);
            }
        });
        return result;
    }

    /**
     * The server could not be reached and the list shows this user's cache: the session goes on offline (reading,
     * writing into the outbox) and the login is tried again until the server answers ({@link OfflineStart}).
     */
    private void continueOffline(Session s, ChatOptions options, CompletableFuture<Void> result) {
        LOG.log(Level.INFO, "{0} is unreachable: showing the local cache and trying again", s.request().serverUrl());
        currentUser.set(s.me());
        connectionState.set(ConnectionState.RECONNECTING);
        toasts.show(ToastKind.WARNING, ToastCenter.Topic.CONNECTION,
                "Cannot reach the server: showing what this device kept. Parley keeps trying.");
        offline.begin(s, options.reconnectPolicy(), () -> login(s), accepted -> {
            connectionState.set(s.client().connectionState());
            accepted(accepted, result);
        }, failure -> refused(s, failure, result), result);
    }

    private void accepted(LoginResult accepted, CompletableFuture<Void> result) {
        currentUser.set(accepted.user());
        signedIn.set(true);
        messenger.loadConversations();
        result.complete(null);
    }

    /** The sign-in failed (refused, or unreachable with nothing cached): back to signed out, with a sentence. */
    private void refused(Session s, Throwable failure, CompletableFuture<Void> result) {
        SignInRequest request = s.request();
        String sentence = ErrorMessages.describe(failure, request.serverUrl());
        LOG.log(Level.INFO, "sign-in of {0} at {1} failed: {2}", request.user(), request.serverUrl(),
                failure.getMessage());
        endSession();
        result.completeExceptionally(new ChatServiceException(sentence, failure));
    }

    /** The user acts: a waiting attempt to reach the server (offline start or reconnect) is made at once. */
    void userActive() {
        offline.now();
        messenger.userActive();
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

    void signOut() {
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
        offline.cancel();
        extras.ended();
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

    void reconnect() {
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

    void renewToken(String token) {
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

    /** Waits up to {@code limit} for the last connection to close (at exit). */
    void awaitClosed(Duration limit) {
        Thread closing = lastClose;
        if (closing != null) {
            try {
                closing.join(limit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
