package dev.parley.desktop.chat;

import dev.parley.desktop.service.MessageItem;
import javafx.beans.Observable;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Keeps a message list where the reader expects it: at the newest message when a conversation opens or a message
 * arrives while the reader is at the bottom (or sends one), on the same message when older ones are put in front,
 * and asks for older history when the reader reaches the top. While the list is a window far back (detached from the
 * newest messages), newer pages added at its end keep the reader's place, and reaching the bottom asks for the next.
 * View code only: it scrolls, it does not change data.
 * <p>
 * A scroll is made once the list has been laid out again, when its skin has taken in the change (a list change is
 * seen here before the skin sees it).
 */
final class MessageScroller {
    private static final int NONE = -1;
    private static final int SETTLE_PASSES = 3;

    private final ListView<MessageItem> list;
    private final Runnable reachedTop;
    private final Runnable reachedBottom;
    private final ObservableBooleanValue detached;
    private final ListChangeListener<MessageItem> onChange = this::changed;
    private VirtualFlow<?> flow;
    private int pendingIndex = NONE;
    /** Layout passes left in which to settle on the newest message (row heights are estimated until shown). */
    private int settling;
    private ObservableList<MessageItem> shown;
    /** Whether this class is scrolling (the top or bottom reached then is not the reader's doing). */
    private boolean scrolling;
    /** A newer page went in at the end of a window far back: once laid out, is the reader at its bottom still? */
    private boolean newerAdded;

    private MessageScroller(ListView<MessageItem> list, Runnable reachedTop, Runnable reachedBottom,
                            ObservableBooleanValue detached) {
        this.list = list;
        this.reachedTop = reachedTop;
        this.reachedBottom = reachedBottom;
        this.detached = detached;
    }

    /**
     * Installs a scroller on {@code list}, which shows the lists {@code messages} holds.
     *
     * @param reachedTop    called when the reader scrolls to the top
     * @param reachedBottom called when the reader scrolls to the bottom
     * @param detached      whether the list is a window far back, apart from the newest messages
     * @return the scroller, to bring a message into view ({@link #reveal})
     */
    static MessageScroller install(ListView<MessageItem> list, ObservableValue<ObservableList<MessageItem>> messages,
                                   Runnable reachedTop, Runnable reachedBottom, ObservableBooleanValue detached) {
        MessageScroller scroller = new MessageScroller(list, reachedTop, reachedBottom, detached);
        list.needsLayoutProperty().addListener((o, was, needs) -> {
            if (!needs) {
                scroller.scrollNow();
            }
        });
        // An invalidation listener, not a change listener: lists are compared by content, so a change listener
        // misses the switch from one empty conversation to another.
        messages.addListener((Observable o) -> scroller.itemsReplaced(messages.getValue()));
        scroller.itemsReplaced(messages.getValue());
        list.skinProperty().addListener((o, old, skin) -> scroller.findFlow());
        return scroller;
    }

    /**
     * Brings the message at {@code index} into view once the list has been laid out again (a reply's original, after
     * the pages before it were put in front): this wins over keeping the reader's place.
     */
    void reveal(int index) {
        scrollLater(index);
    }

    private void findFlow() {
        if (list.lookup(".virtual-flow") instanceof VirtualFlow<?> found) {
            flow = found;
            flow.positionProperty().addListener((o, old, position) -> {
                if (scrolling || pendingIndex != NONE) {
                    return; // not the reader: a scroll of this class, or the list laid out anew before one
                }
                if (position.doubleValue() <= 0 && old.doubleValue() > 0 && !list.getItems().isEmpty()) {
                    reachedTop.run();
                } else if (position.doubleValue() >= 1 && old.doubleValue() < 1 && detached.get()) {
                    reachedBottom.run();
                }
            });
        }
    }

    private void itemsReplaced(ObservableList<MessageItem> items) {
        if (items == shown) {
            return;
        }
        if (shown != null) {
            shown.removeListener(onChange);
        }
        shown = items;
        if (items != null) {
            items.addListener(onChange);
            scrollLater(Integer.MAX_VALUE);
        }
    }

    private void changed(ListChangeListener.Change<? extends MessageItem> change) {
        boolean atBottom = isAtBottom(change.getList().size());
        while (change.next()) {
            if (change.wasAdded() && !change.wasReplaced()) {
                if (change.getFrom() == 0 && change.getTo() < change.getList().size()) {
                    scrollLater(change.getAddedSize());
                } else if (detached.get()) {
                    newerAdded = true; // a newer page of a window far back: the reader reads on from where they are
                    list.requestLayout();
                    continue;
                } else if (atBottom || change.getAddedSubList().stream().anyMatch(MessageItem::isMine)) {
                    scrollLater(Integer.MAX_VALUE);
                }
            } else if (change.wasReplaced() && change.getFrom() == 0 && atBottom) {
                scrollLater(Integer.MAX_VALUE);
            }
        }
    }

    private boolean isAtBottom(int sizeNow) {
        if (flow == null) {
            return true;
        }
        IndexedCell<?> last = flow.getLastVisibleCell();
        return last == null || last.getIndex() >= sizeNow - 3;
    }

    /** Scrolls to {@code index} (the end for {@link Integer#MAX_VALUE}) once the list has been laid out again. */
    private void scrollLater(int index) {
        pendingIndex = index;
        list.requestLayout();
    }

    private void scrollNow() {
        boolean scrolled = pendingIndex != NONE || settling > 0 || newerAdded;
        newerAdded = false;
        scrolling = true;
        try {
            scrollPending();
        } finally {
            scrolling = false;
        }
        // A scroll of this class that ends at the bottom of a window far back (the window was shown, or the list
        // settled at its end), or a newer page laid out with the reader still at the bottom, leaves the reader where
        // scrolling down asks for the next page, without the crossing that asks for it: ask now, or the reader would
        // have to scroll up and down again.
        if (scrolled && pendingIndex == NONE && settling == 0 && flow != null && detached.get()
                && !list.getItems().isEmpty() && flow.getPosition() >= 1) {
            reachedBottom.run();
        }
    }

    private void scrollPending() {
        int index = pendingIndex;
        int size = list.getItems() == null ? 0 : list.getItems().size();
        if (index == NONE && settling > 0) {
            settling--;
            settleAtEnd(size);
            return;
        }
        if (index == NONE || size == 0) {
            return;
        }
        pendingIndex = NONE;
        list.scrollTo(Math.min(index, size - 1));
        settling = index == Integer.MAX_VALUE ? SETTLE_PASSES : 0;
    }

    /**
     * The list scrolls by estimated row heights, so "scroll to the last row" can stop short of it: once laid out,
     * nudge until the last row is fully in view.
     */
    private void settleAtEnd(int size) {
        IndexedCell<?> last = flow == null ? null : flow.getLastVisibleCell();
        if (last == null || size == 0) {
            settling = 0;
            return;
        }
        if (last.getIndex() < size - 1) {
            flow.scrollTo(size - 1);
            return;
        }
        double overflow = last.getLayoutY() + last.getHeight() - flow.getViewportLength();
        if (overflow > 0.5) {
            flow.scrollPixels(overflow);
        } else {
            settling = 0;
        }
    }
}
