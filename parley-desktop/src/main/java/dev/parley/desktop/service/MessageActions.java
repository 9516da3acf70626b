package dev.parley.desktop.service;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * What the user does with a message of the open conversation, from its context menu: reply to it (the quote goes in
 * the reply's {@code ext} as {@code msgQuote}, the way Agora's documentation does it), recall it or edit it (their
 * own, within the server's rules), and find a reply's original in the history. Get it from
 * {@link ChatService#actions()}. FX thread only; results come back on it.
 */
public final class MessageActions {
    private final Messenger messenger;

    MessageActions(Messenger messenger) {
        this.messenger = messenger;
    }

    /**
     * Sends {@code text} to the open conversation as a reply to {@code original} (its quote goes in the message's
     * {@code ext}, as {@code msgQuote}); otherwise as {@link ChatService#send(String)}.
     */
    public boolean reply(String text, MessageItem original) {
        Objects.requireNonNull(original, "original");
        return messenger.send(Objects.requireNonNull(text, "text"), Quote.of(original));
    }

    /** Whether {@code message} can be recalled now: the user's own, stored, within the server's recall window. */
    public boolean canRecall(MessageItem message) {
        return messenger.amendments().canRecall(message);
    }

    /**
     * Takes {@code message} back from every member; completes on the FX thread with whether the server did (a
     * refusal, such as "too late", is told in a toast).
     */
    public CompletableFuture<Boolean> recall(MessageItem message) {
        return messenger.amendments().recall(Objects.requireNonNull(message, "message"));
    }

    /** Whether {@code message} can be edited: the user's own text message, stored by the server. */
    public boolean canEdit(MessageItem message) {
        return messenger.amendments().canEdit(message);
    }

    /** Replaces the text of {@code message}; completes on the FX thread with whether the server took it. */
    public CompletableFuture<Boolean> edit(MessageItem message, String text) {
        return messenger.amendments().edit(Objects.requireNonNull(message, "message"),
                Objects.requireNonNull(text, "text"));
    }

    /**
     * Finds the open conversation's message {@code serverId} (a reply's original, a search result); one that is not
     * paged in is shown in a window of the history around it, detached from the newest messages ({@link Timeline});
     * completes on the FX thread with it (then it is in {@link ChatService#getMessages()}), or empty if it cannot be
     * found.
     */
    public CompletableFuture<Optional<MessageItem>> reveal(String serverId) {
        return messenger.reveal(Objects.requireNonNull(serverId, "serverId"));
    }
}
