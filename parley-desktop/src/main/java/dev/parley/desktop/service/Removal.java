package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import java.util.Objects;

/**
 * A conversation the user removed from the list: it stays removed, across sign-ins, until a message newer than
 * {@code upTo} arrives in it.
 *
 * @param serverUrl the server the user signed in to
 * @param user      the signed-in user (lowercase)
 * @param conversation the conversation (a peer's or a group's)
 * @param upTo      the server id of the conversation's newest message at removal, {@code ""} when it had none
 */
public record Removal(String serverUrl, String user, ConversationId conversation, String upTo) {
    /** Checks that no component is null. */
    public Removal {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(upTo, "upTo");
    }
}
