package dev.parley.client;

import java.time.Duration;

/**
 * Receives a {@link ChatClient}'s events. Every method has an empty default, so a handler overrides only what it needs.
 * Register with {@link ChatClient#addEventHandler(String, ChatEventHandler)}; several named handlers coexist.
 * <p>
 * <b>Threading.</b> Each client has one event thread (named {@code parley-events-<user>} once a user has logged in).
 * All handlers of a client are called on it, one event at a time, in the order the events happened, and for each event
 * in the order the handlers were added. They are never called on the socket's I/O thread and never concurrently, so a
 * handler needs no locking of its own state; a handler that blocks delays the client's later events (but not its
 * networking). A handler that throws is logged and does not stop the other handlers or later events. A handler must
 * not wait for one of the client's futures to complete ({@code join()}) on this thread if that future's completion is
 * announced by an event it would then be blocking; chain with {@code thenAccept} instead.
 */
public interface ChatEventHandler {

    /** The client logged in: the first login, or a successful reconnect. The outbox is being re-sent. */
    default void onConnected() {
    }

    /**
     * The session's connection ended. Called when the client leaves {@link ConnectionState#CONNECTED} (if it will
     * reconnect, {@link #onReconnecting} follows), and when {@link ChatClient#close()} or the token's expiry ends a
     * session that was reconnecting. When reconnecting gives up, {@link #onError} says why instead.
     *
     * @param reason why
     */
    default void onDisconnected(DisconnectReason reason) {
    }

    /**
     * A reconnect attempt is scheduled.
     *
     * @param attempt the attempt, 1 for the first after a loss
     * @param delay   how long the client waits before it
     */
    default void onReconnecting(int attempt, Duration delay) {
    }

    /**
     * The connection state changed (see {@link ConnectionState} for the lifecycle). Called for every change, before the
     * more specific event ({@link #onConnected()}, {@link #onDisconnected}) of the same change.
     */
    default void onConnectionStateChanged(ConnectionState state) {
    }

    /**
     * A text message arrived: a message for this user, or a copy of one this user sent from another device. Each server
     * id is raised once, even if the server pushes the message again.
     */
    default void onTextMessage(TextMessageEvent message) {
    }

    /**
     * The server stored a message this client sent (its send future completes too).
     *
     * @param localId  the message's local id
     * @param serverId the server's id for it
     */
    default void onReceivedMessage(String localId, String serverId) {
    }

    /**
     * The recipient's client received a message this user sent.
     *
     * @param serverId the message's server id
     * @param from     the recipient who received it
     */
    default void onDeliveredMessage(String serverId, String from) {
    }

    /**
     * The recipient read a message this user sent.
     *
     * @param serverId the message's server id
     * @param from     the recipient who read it
     */
    default void onReadMessage(String serverId, String from) {
    }

    /**
     * Messages stored while this user was offline follow ({@link #onTextMessage} for each), then
     * {@link #onOfflineMessageSyncFinish()}.
     *
     * @param count how many
     */
    default void onOfflineMessageSyncStart(int count) {
    }

    /** The stored messages announced by {@link #onOfflineMessageSyncStart(int)} have all arrived. */
    default void onOfflineMessageSyncFinish() {
    }

    /**
     * 80% of the token's lifetime (from the login or the last renewal to its expiry) has passed: get a new token and
     * call {@link ChatClient#renewToken(String)}. A client that logged in with a password renews by itself.
     */
    default void onTokenWillExpire() {
    }

    /**
     * The token expired. The client then ends the connection and does not reconnect: log in again with a new token.
     */
    default void onTokenExpired() {
    }

    /**
     * Something failed that no future reports: a reconnect that gave up, an error the server sent outside any request.
     */
    default void onError(ChatError error) {
    }
}
