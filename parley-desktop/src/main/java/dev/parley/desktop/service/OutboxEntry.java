package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import dev.parley.client.MessageBody;
import dev.parley.protocol.Content;
import java.time.Instant;
import java.util.Objects;

/**
 * A message written on this device that the server has not acknowledged yet, as the {@link OutboxStore} keeps it: a
 * text, or an image or file still to be uploaded ({@link MessageBody.LocalFile}, whose path is the outbox's own copy
 * of the file, {@link OutboxStore#keep}).
 *
 * @param serverUrl the server it is for
 * @param appKey    the app key it is for
 * @param user      the sender (lowercase)
 * @param localId   its local id: sent again with the same id, the server stores it once
 * @param to        the conversation it goes to (a peer in lowercase, or a group)
 * @param body      a text ({@link MessageBody.Ready} of {@link Content.Text}) or a {@link MessageBody.LocalFile}
 * @param quote     the message it replies to, {@link Quote#NONE} when none
 * @param time      when it was written
 */
public record OutboxEntry(String serverUrl, String appKey, String user, String localId, ConversationId to,
                          MessageBody body, Quote quote, Instant time) {
    /** Checks that no component is null and that the body is a text or a local file. */
    public OutboxEntry {
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(appKey, "appKey");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(localId, "localId");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(quote, "quote");
        Objects.requireNonNull(time, "time");
        if (body instanceof MessageBody.Ready(Content content) && !(content instanceof Content.Text)) {
            throw new IllegalArgumentException("the outbox keeps texts and local files, not " + content.msgType());
        }
    }

    /** A text message. */
    public OutboxEntry(String serverUrl, String appKey, String user, String localId, ConversationId to, String text,
                       Quote quote, Instant time) {
        this(serverUrl, appKey, user, localId, to, new MessageBody.Ready(new Content.Text(text)), quote, time);
    }

    /** Its text; {@code ""} for an image or a file. */
    public String text() {
        return body instanceof MessageBody.Ready(Content.Text(String text)) ? text : "";
    }

    /** Whether it is an image or a file still to be uploaded. */
    public boolean isFile() {
        return body instanceof MessageBody.LocalFile;
    }

    /** Whether this entry belongs to the sign-in {@code request} (same server, app key and user). */
    boolean belongsTo(SignInRequest request) {
        return serverUrl.equals(request.serverUrl()) && appKey.equals(request.appKey())
                && user.equals(request.canonicalUser());
    }
}
