/**
 * Parley's wire protocol, versions 1 and 2: the frames exchanged over the WebSocket as a sealed interface of records,
 * their JSON codec, Agora-compatible AccessToken2 tokens and the error codes. It performs no I/O.
 * <p>
 * Exports {@code dev.parley.protocol} (frames, codec, error codes, ids) and {@code dev.parley.protocol.token}
 * (building and verifying AccessToken2 chat tokens).
 */
module dev.parley.protocol {
    requires transitive jakarta.json.bind;
    requires transitive jakarta.json;
    // JSON-B and JSON-P providers are found by ServiceLoader; requiring them keeps them in a linked image.
    requires org.eclipse.yasson;
    requires org.eclipse.parsson;

    exports dev.parley.protocol;
    exports dev.parley.protocol.token;

    // Yasson reads and writes the frame records reflectively.
    opens dev.parley.protocol to org.eclipse.yasson;
}
