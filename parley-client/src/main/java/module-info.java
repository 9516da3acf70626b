/**
 * The Parley chat SDK: log in to a Parley server over a WebSocket, send and receive one-to-one text messages with
 * receipts, reconnect with backoff, keep unsent messages in an outbox, watch the token's lifetime, and call the REST
 * API (registration, password login, conversations, history).
 * <p>
 * Exports only {@code dev.parley.client}; start at {@link dev.parley.client.ChatClient}. The WebSocket runs on Tyrus
 * with its pure-JDK container; REST calls use {@code java.net.http}.
 */
module dev.parley.client {
    // Message extension fields (ext) are JSON-P objects in the public API.
    requires transitive dev.parley.protocol;
    requires transitive jakarta.json;
    requires jakarta.websocket.client;
    requires org.glassfish.tyrus.client;
    // Tyrus loads its container by class name; requiring it keeps it in a linked image.
    requires org.glassfish.tyrus.container.jdk.client;
    requires java.net.http;

    exports dev.parley.client;
}
