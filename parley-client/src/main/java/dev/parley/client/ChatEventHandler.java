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
     * A message of any type arrived: a message for this user (one-to-one or in one of their groups), or a copy of one
     * this user sent from another device. Each server id is raised once, even if the server pushes the message again.
     * Raised first for every message; the callback for its type ({@link #onTextMessage}, {@link #onImageMessage},
     * {@link #onFileMessage}, {@link #onCustomMessage}) follows, so override this one or those. A message recalled
     * before it reached this device (during the offline sync) comes only here, with
     * {@link dev.parley.protocol.Content.Recalled} content, and its {@link #onRecallMessage} follows.
     */
    default void onMessage(ReceivedMessage message) {
    }

    /**
     * A text message arrived (after {@link #onMessage}), in version 1's view: a message for this user, or a copy of one
     * this user sent from another device; in a group, {@code to} is the group id and {@code chatType}
     * {@code groupChat}. Each server id is raised once, even if the server pushes the message again.
     */
    default void onTextMessage(TextMessageEvent message) {
    }

    /**
     * An image message arrived (after {@link #onMessage}); its content is a {@link dev.parley.protocol.Content.Image}.
     * Fetch it with {@link ChatManager#downloadThumbnail} or {@link ChatManager#downloadFile}.
     */
    default void onImageMessage(ReceivedMessage message) {
    }

    /**
     * A file message arrived (after {@link #onMessage}); its content is a {@link dev.parley.protocol.Content.File}.
     * Fetch it with {@link ChatManager#downloadFile}.
     */
    default void onFileMessage(ReceivedMessage message) {
    }

    /** A custom message arrived (after {@link #onMessage}); its content is a {@link dev.parley.protocol.Content.Custom}. */
    default void onCustomMessage(ReceivedMessage message) {
    }

    /**
     * A message was recalled by its sender (from any of their devices, this user's included). Raised once per message.
     */
    default void onRecallMessage(RecallEvent recall) {
    }

    /**
     * A text message was edited by its sender. Raised once per edit (a message edited twice raises two events).
     */
    default void onModifiedMessage(EditEvent edit) {
    }

    /**
     * A whole conversation was read: by the peer (every message this user sent them is read), or by this user on
     * another device (the conversation has no unread messages left). Raised once per stored acknowledgement.
     */
    default void onChannelMessage(ChannelAckEvent ack) {
    }

    /** Someone is typing in a conversation (for {@link TypingEvent#VALIDITY} unless another event follows). */
    default void onTypingMessage(TypingEvent typing) {
    }

    /**
     * A user this client subscribed to ({@link PresenceManager#subscribePresence}) is online or offline, or changed
     * their status line: once at the subscription and again on every change.
     */
    default void onPresenceStatusChange(PresenceEvent presence) {
    }

    /**
     * A group this user is in was created, changed, gained or lost a member, or was destroyed; also raised to a user
     * added to or removed from a group. Raised once per event.
     */
    default void onGroupEvent(GroupEvent event) {
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
     * Messages stored while this user was offline follow ({@link #onMessage} for each, with the recalls, edits, group
     * events and acknowledgements of other devices that happened meanwhile, in the order they happened), then
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
