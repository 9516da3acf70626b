package dev.parley.client;

/** Why a logged-in connection ended, as told by {@link ChatEventHandler#onDisconnected}. */
public enum DisconnectReason {
    /** The application called {@link ChatClient#close()}. */
    CLOSED,
    /** The socket closed or failed without being asked to. */
    CONNECTION_LOST,
    /** No frame arrived for two heartbeat intervals, so the client gave the connection up. */
    HEARTBEAT_TIMEOUT,
    /** The token expired (see {@link ChatEventHandler#onTokenExpired()}); the client does not reconnect. */
    TOKEN_EXPIRED,
    /**
     * The server ended the session with an error after which reconnecting cannot help (such as an invalid token or a
     * removed user); {@link ChatEventHandler#onError} has the code.
     */
    REFUSED
}
