package dev.parley.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a conversation's history, from {@link ChatClient#history}. Immutable.
 */
public final class HistoryPage {
    private final List<TextMessageEvent> messages;
    private final String cursor;
    private final boolean last;

    /**
     * A page.
     *
     * @param messages the messages, newest first
     * @param cursor   where the next (older) page starts, {@code ""} when there is none
     * @param last     whether this is the oldest page
     */
    public HistoryPage(List<TextMessageEvent> messages, String cursor, boolean last) {
        this.messages = List.copyOf(messages);
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.last = last;
    }

    /** The messages of this page, newest first. */
    public List<TextMessageEvent> messages() {
        return messages;
    }

    /** The value to pass as {@code before} to get the next, older page; empty when there is none. */
    public Optional<String> cursor() {
        return cursor.isEmpty() ? Optional.empty() : Optional.of(cursor);
    }

    /** Whether this is the oldest page. */
    public boolean isLast() {
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryPage p && p.messages.equals(messages) && p.cursor.equals(cursor) && p.last == last;
    }

    @Override
    public int hashCode() {
        return Objects.hash(messages, cursor, last);
    }

    @Override
    public String toString() {
        return "HistoryPage[" + messages.size() + " messages, cursor=" + cursor + ", isLast=" + last + "]";
    }
}
