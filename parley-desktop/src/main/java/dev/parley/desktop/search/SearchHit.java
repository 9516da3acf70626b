package dev.parley.desktop.search;

import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import java.util.List;
import java.util.Objects;

/**
 * One search result as the list shows it, with the message it stands for (to open it). Immutable; any thread.
 *
 * @param message          the message found
 * @param conversation     its conversation, as this user sees it
 * @param conversationName the conversation's name (the peer's display name, or the group's name)
 * @param sender           the sender's display name ("You" for this user)
 * @param time             when it was sent, as shown
 * @param runs             its text, the matches marked
 */
public record SearchHit(ReceivedMessage message, ConversationId conversation, String conversationName, String sender,
                        String time, List<Highlights.Run> runs) {
    /** Checks that no component is null. */
    public SearchHit {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(conversationName, "conversationName");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(time, "time");
        runs = List.copyOf(runs);
    }

    /** The text shown, without marks. */
    public String text() {
        return String.join("", runs.stream().map(Highlights.Run::text).toList());
    }
}
