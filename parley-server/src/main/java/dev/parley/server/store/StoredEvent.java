package dev.parley.server.store;

/**
 * An event kept for members who were offline when it happened, as the frame they get at sign-in.
 *
 * @param id        the event's id, from the sequence of message ids
 * @param messageId the message a recall or edit is about; 0 for other events
 * @param frame     the event's frame, as JSON text
 */
public record StoredEvent(long id, long messageId, String frame) implements InboxItem {
}
