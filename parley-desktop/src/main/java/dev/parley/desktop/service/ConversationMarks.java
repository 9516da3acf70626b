package dev.parley.desktop.service;

import dev.parley.client.ConversationId;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the user marks on the conversation list: pin (pinned rows come first), mute (a grey badge, no desktop
 * notification), and mark as unread (the badge shows, a dot without a count, until the conversation is opened
 * again). The marks show in the rows ({@link ConversationItem#pinned()}, {@link ConversationItem#muted()},
 * {@link ConversationItem#markedUnread()}) and are kept in the local cache, so they survive a restart (a conversation
 * the cache does not list yet, one without messages, keeps them for this session only). FX thread only.
 */
public final class ConversationMarks {
    private final ConversationBook book;
    private final CacheLink cache;
    private final Messenger messenger;

    ConversationMarks(ConversationBook book, CacheLink cache, Messenger messenger) {
        this.book = book;
        this.cache = cache;
        this.messenger = messenger;
    }

    /** Pins {@code conversation} to the top of the list, or unpins it. */
    public void setPinned(ConversationId conversation, boolean pinned) {
        change(conversation, m -> m.withPinned(pinned), key -> cache.pinned(key, pinned));
    }

    /** Mutes {@code conversation} (no desktop notifications, a grey badge), or unmutes it. */
    public void setMuted(ConversationId conversation, boolean muted) {
        change(conversation, m -> m.withMuted(muted), key -> cache.muted(key, muted));
    }

    /**
     * Marks {@code conversation} unread: its badge shows until it is opened again. The open conversation is closed
     * first (it is being read otherwise).
     */
    public void markUnread(ConversationId conversation) {
        ConversationId key = MessageItem.keyOf(Objects.requireNonNull(conversation, "conversation"));
        if (key.equals(messenger.openProperty().get())) {
            messenger.close();
        }
        change(key, m -> m.withMarkedUnread(true), k -> cache.markedUnread(k, true));
    }

    private void change(ConversationId conversation, java.util.function.UnaryOperator<ConversationBook.Marks> next,
                        Consumer<ConversationId> keep) {
        ConversationId key = MessageItem.keyOf(Objects.requireNonNull(conversation, "conversation"));
        if (book.row(key).isEmpty()) {
            return;
        }
        book.mark(key, next.apply(book.marks(key)));
        keep.accept(key);
    }
}
