package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import java.time.Instant;
import java.util.Objects;

/**
 * A message written on this device that the server has not acknowledged yet, as the {@link OutboxStore} keeps it.
 *
 * @param serverUrl the server it is for
 * @param appKey    the app key it is for
 * @param user      the sender (lowercase)
 * @param localId   its local id: sent again with the same id, the server stores it once
 * @param to        the conversation it goes to (a peer in lowercase, or a group)
 * @param text      the text
 * @param quote     the message it replies to, {@link Quote#NONE} when none
 * @param time      when it was written
 */
public record OutboxEntry(String serverUrl, String appKey, String user, String localId, ConversationId to,
                          String text, Quote quote, Instant time) {
    /** Checks that no component is null. */
    public OutboxEntry {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(time, "time");
    }

    /** Whether this entry belongs to the sign-in {@code request} (same server, app key and user). */
    boolean belongsTo(SignInRequest request) {
        return serverUrl.equals(request.serverUrl()) && appKey.equals(request.appKey())
                && user.equals(request.canonicalUser());
    }
}
