package dev.parley.server.session;

/**
 * A stored message encoded once as its {@code message} frame, for every connection that receives it.
 *
 * @param id    the server id (commit order)
 * @param to    the recipient user
 * @param frame the encoded frame
 */
record EncodedMessage(long id, String to, Outbound.Encoded frame) {

    /** Whether {@code user} is the recipient (not the sender getting a copy on another device). */
    boolean isTo(String user) {
        return to.equals(user);
    }
}
