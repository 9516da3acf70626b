package dev.parley.desktop.service;

import dev.parley.client.ChatError;
import dev.parley.client.DisconnectReason;
import java.lang.System.Logger.Level;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * What the user is told about the session as SDK events come in (on the FX thread): toasts for connection changes,
 * reconnect attempts, the token's expiry and errors, the offline sync's progress, and whether a new token is needed.
 */
final class SessionNotices {
    private static final System.Logger LOG = System.getLogger(SessionNotices.class.getName());

    private final ToastCenter toasts;
    private final SyncTracker sync;
    private final ReadOnlyBooleanWrapper renewalNeeded;

    SessionNotices(ToastCenter toasts, SyncTracker sync, ReadOnlyBooleanWrapper renewalNeeded) {
        this.toasts = toasts;
        this.sync = sync;
        this.renewalNeeded = renewalNeeded;
    }

    void connected(Session session) {
        toasts.dismissTopic(ToastCenter.Topic.RECONNECT);
        String text = session.markConnected() ? "Connected to the server." : "Connected again.";
        toasts.show(ToastKind.INFO, ToastCenter.Topic.CONNECTION, text);
    }

    void disconnected(DisconnectReason reason) {
        switch (reason) {
            case CONNECTION_LOST, HEARTBEAT_TIMEOUT ->
                    toasts.show(ToastKind.WARNING, ToastCenter.Topic.CONNECTION, "Disconnected from the server.");
            case REFUSED -> toasts.show(ToastKind.WARNING, ToastCenter.Topic.CONNECTION,
                    "The server ended the session.");
            case CLOSED, TOKEN_EXPIRED -> { }
        }
    }

    void reconnecting(int attempt) {
        toasts.show(ToastKind.WARNING, ToastCenter.Topic.RECONNECT, "Reconnecting… (attempt " + attempt + ")");
    }

    void offlineSync(boolean running, int count) {
        sync.offlineSync(running);
        if (running && count > 0) {
            toasts.show(ToastKind.INFO, count == 1 ? "1 message arrived while you were away."
                    : count + " messages arrived while you were away.");
        }
    }

    /** 80% of the token's life is gone: a password session renews by itself; a token session needs a new token. */
    void tokenWillExpire(Session session) {
        if (session.request().method() == SignInMethod.PASSWORD) {
            toasts.show(ToastKind.SUCCESS, ToastCenter.Topic.SESSION, "Session renewed.");
        } else {
            renewalNeeded.set(true);
            toasts.show(ToastKind.WARNING, ToastCenter.Topic.SESSION,
                    "Your session ends soon. Paste a new token to stay signed in.");
        }
    }

    void tokenExpired(Session session) {
        boolean token = session.request().method() == SignInMethod.TOKEN;
        renewalNeeded.set(token);
        toasts.dismissTopic(ToastCenter.Topic.RECONNECT);
        toasts.show(ToastKind.ERROR, ToastCenter.Topic.SESSION, token
                ? "Your session has expired. Paste a new token to continue."
                : "Your session has expired. Reconnect to continue.");
    }

    void error(ChatError error, Session session) {
        LOG.log(Level.INFO, "chat error {0}: {1}", error.code(), error.message());
        toasts.dismissTopic(ToastCenter.Topic.RECONNECT);
        toasts.show(ToastKind.ERROR, ErrorMessages.describeCode(error.code(), session.request().serverUrl()));
    }
}
