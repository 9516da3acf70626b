package dev.parley.client;

/**
 * The state of a {@link ChatClient}'s connection. {@link ChatClient#connectionState()} reads it from any thread;
 * {@link ChatEventHandler#onConnectionStateChanged} reports each change, in order, on the event thread.
 * <p>
 * Lifecycle:
 * <pre>
 *   DISCONNECTED --open()--------------------------------&gt; CONNECTING
 *   CONNECTING   --server answers "opened"----------------&gt; CONNECTED     (open future completes, onConnected)
 *   CONNECTING   --error frame, timeout, socket failure---&gt; DISCONNECTED  (open future fails)
 *   CONNECTED    --socket lost or heartbeat missed--------&gt; RECONNECTING  (onDisconnected, onReconnecting)
 *   RECONNECTING --server answers "opened"----------------&gt; CONNECTED     (onConnected, the outbox is re-sent)
 *   RECONNECTING --attempts used up or a fatal code-------&gt; DISCONNECTED  (onError, pending sends fail)
 *   CONNECTED    --token expired, or server ends session--&gt; DISCONNECTED  (onDisconnected; no reconnect)
 *   any          --close()--------------------------------&gt; DISCONNECTED  (final: the client cannot open again)
 * </pre>
 * A client whose {@code autoReconnectMaxAttempts} is 0 goes from CONNECTED straight to DISCONNECTED on a loss.
 * From DISCONNECTED (other than after {@code close()}) the application may call {@code open} again.
 */
public enum ConnectionState {
    /** Not logged in: before {@code open}, after a failed login, after the session ended, or after close. */
    DISCONNECTED,
    /** {@code open} was called; the socket is being opened or the login is being answered. */
    CONNECTING,
    /** Logged in: messages are sent at once. */
    CONNECTED,
    /** The connection was lost and the client is trying again; sends wait in the outbox. */
    RECONNECTING
}
