package dev.parley.desktop.service;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The open conversation's timeline beyond its newest page: whether it shows a window of older history detached from
 * the newest messages (after a jump to a search result or a reply's original far back), paging newer messages into
 * such a window as the reader scrolls down, and going back to the newest messages. Get it from
 * {@link ChatService#timeline()}. FX thread only.
 * <p>
 * While detached, new messages of the conversation are not put into the window (they show in the conversation list,
 * unread); they are there when the window reaches the newest messages or after {@link #jumpToLatest()}, with this
 * device's messages being sent.
 */
public final class Timeline {
    private final ReadOnlyBooleanWrapper detached = new ReadOnlyBooleanWrapper(this, "detached");
    private final ReadOnlyBooleanWrapper loadingNewer = new ReadOnlyBooleanWrapper(this, "loadingNewer");
    private final Supplier<Optional<MessageThread>> open;
    private final HistoryWindow window;
    private final Runnable older;

    Timeline(Supplier<Optional<MessageThread>> open, HistoryWindow window, Runnable older) {
        this.open = open;
        this.window = window;
        this.older = older;
    }

    /** Whether the open conversation shows a window of older history, apart from its newest messages. */
    public ReadOnlyBooleanProperty detachedProperty() {
        return detached.getReadOnlyProperty();
    }

    public boolean isDetached() {
        return detached.get();
    }

    /** Whether newer messages are being paged into a detached window. */
    public ReadOnlyBooleanProperty loadingNewerProperty() {
        return loadingNewer.getReadOnlyProperty();
    }

    /** Pages in older messages of the open conversation (the reader scrolled to the top). */
    public void loadOlder() {
        older.run();
    }

    /** Pages in the messages after a detached window (the reader scrolled to its end); nothing when not detached. */
    public void loadNewer() {
        open.get().ifPresent(window::loadNewer);
    }

    /** Leaves a detached window: the newest messages are loaded again and shown. */
    public void jumpToLatest() {
        open.get().ifPresent(window::backToLive);
    }

    /** The state of {@code thread} (the open one), or of none. */
    void show(Optional<MessageThread> thread) {
        detached.set(thread.map(MessageThread::isDetached).orElse(false));
        loadingNewer.set(thread.map(t -> t.window().loadingNewer).orElse(false));
    }
}
