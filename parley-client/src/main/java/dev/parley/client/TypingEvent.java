package dev.parley.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Someone is typing in a conversation ({@link ChatEventHandler#onTypingMessage}); valid for 5 seconds unless another
 * follows. Never stored by the server: only users online at that moment see it.
 *
 * @param conversation the conversation, as this user sees it
 * @param from         who is typing
 */
public record TypingEvent(ConversationId conversation, String from) {
    /** How long a typing indication lasts unless another follows. */
    public static final Duration VALIDITY = Duration.ofSeconds(5);

    /** Checks that no component is null. */
    public TypingEvent {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(from, "from");
    }
}
