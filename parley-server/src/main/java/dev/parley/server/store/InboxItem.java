package dev.parley.server.store;

/**
 * Something pending for a user until one of their sessions acknowledges it: a message, or an event of one of their
 * conversations (recalled, edited, group event, read on another device). Items of a user are ordered by id.
 */
public sealed interface InboxItem permits StoredMessage, StoredEvent {

    /** The item's id: message and event ids come from one sequence. */
    long id();
}
