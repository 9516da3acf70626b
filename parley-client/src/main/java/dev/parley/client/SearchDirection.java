package dev.parley.client;

/**
 * Which way a history page reads from its starting message, as Agora's {@code SearchDirection} names it for
 * fetching history: {@link #UP} towards older messages, {@link #DOWN} towards newer ones. See
 * {@link ChatManager#history(ChatType, String, String, int, SearchDirection)}.
 */
public enum SearchDirection {
    /** Older than the starting message, newest first (the server's {@code before}); the newest page with no start. */
    UP,
    /** Newer than the starting message, oldest first (the server's {@code after}); the oldest page with no start. */
    DOWN
}
