package dev.parley.desktop.service;

import java.util.Objects;

/**
 * A conversation the user removed from the list: it stays removed, across sign-ins, until a message newer than
 * {@code upTo} arrives in it.
 *
 * @param serverUrl the server the user signed in to
 * @param user      the signed-in user (lowercase)
 * @param peer      the other side of the conversation
 * @param upTo      the server id of the conversation's newest message at removal, {@code ""} when it had none
 */
public record Removal(String serverUrl, String user, String peer, String upTo) {
    /** Checks that no component is null. */
    public Removal {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(upTo, "upTo");
    }
}
