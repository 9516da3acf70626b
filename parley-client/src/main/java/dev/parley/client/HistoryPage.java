package dev.parley.client;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a conversation's history, from {@link ChatClient#history} or {@link ChatManager#history}. Immutable.
 */
public final class HistoryPage {
    private final List<ReceivedMessage> received;
    private final List<TextMessageEvent> messages;
    private final String cursor;
    private final boolean last;

    /**
     * A page of version 1 text messages.
     *
     * @param messages the messages, newest first
     * @param cursor   where the next (older) page starts, {@code ""} when there is none
     * @param last     whether this is the oldest page
     */
    public HistoryPage(List<TextMessageEvent> messages, String cursor, boolean last) {
        this(messages.stream().map(ReceivedMessage::of).toList(), List.copyOf(messages), cursor, last);
    }

    private HistoryPage(List<ReceivedMessage> received, List<TextMessageEvent> messages, String cursor, boolean last) {
        this.received = List.copyOf(received);
        this.messages = messages;
        this.cursor = Objects.requireNonNull(cursor, "cursor");
        this.last = last;
    }

    /**
     * A page of messages of any kind.
     *
     * @param messages the messages, newest first
     * @param cursor   where the next (older) page starts, {@code ""} when there is none
     * @param last     whether this is the oldest page
     */
    public static HistoryPage of(List<ReceivedMessage> messages, String cursor, boolean last) {
        return new HistoryPage(messages, messages.stream().map(ReceivedMessage::toTextEvent).toList(), cursor, last);
    }

    /**
     * The messages of this page, newest first, with their content of any type (oldest first for a page read
     * {@link SearchDirection#DOWN}).
     */
    public List<ReceivedMessage> receivedMessages() {
        return received;
    }

    /**
     * The messages of this page, newest first, in version 1's text view ({@link ReceivedMessage#toTextEvent()}: a
     * message of another type shows its file name or custom event as text).
     */
    public List<TextMessageEvent> messages() {
        return messages;
    }

    /**
     * The value to pass as {@code before} to get the next, older page (as {@code from} with
     * {@link SearchDirection#DOWN}: the next, newer page); empty when there is none.
     */
    public Optional<String> cursor() {
        return cursor.isEmpty() ? Optional.empty() : Optional.of(cursor);
    }

    /** Whether this is the oldest page. */
    public boolean isLast() {
        return last;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HistoryPage p && p.received.equals(received) && p.cursor.equals(cursor) && p.last == last;
    }

    @Override
    public int hashCode() {
        return Objects.hash(received, cursor, last);
    }

    @Override
    public String toString() {
        return "HistoryPage[" + received.size() + " messages, cursor=" + cursor + ", isLast=" + last + "]";
    }
}
