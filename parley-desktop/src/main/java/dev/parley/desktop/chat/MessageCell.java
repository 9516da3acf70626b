package dev.parley.desktop.chat;

import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.service.MessageStatus;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * A message bubble: mine on the right, theirs on the left, with the time and (for mine) the status, and a "Retry"
 * link on a failed message, and the full date and time on hovering the time. The body is a {@link MessageBody}: plain
 * text with clickable links, never markup, selectable, with a context menu. The nodes are made once per cell
 * (a list of 100,000 messages has only as many cells as fit on screen); {@link #updateItem} only sets texts and
 * pseudo-classes.
 */
final class MessageCell extends ListCell<MessageItem> {
    private static final PseudoClass MINE = PseudoClass.getPseudoClass("mine");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    /** A bubble takes at most this share of the list's width. */
    private static final double BUBBLE_SHARE = 0.75;
    /** The list's width that cells do not get: the scroll bar and the cell padding. */
    private static final double LIST_CHROME = 40;

    private final MessageBody body;
    private final Label meta = new Label();
    private final Tooltip fullTime = new Tooltip();
    private final Hyperlink retry = new Hyperlink("Retry");
    private final VBox bubble;
    private final HBox row;
    private final Label daySeparator = new Label();
    private final VBox content;

    /**
     * A cell for a list of width {@code listWidth}. Bubbles are sized from the list's width, not the cell's own: the
     * list measures cells it has not laid out yet (to estimate the scroll range), and those must come out the same
     * height as when shown, or scrolling to the newest message stops short.
     */
    MessageCell(ObservableDoubleValue listWidth, Consumer<MessageItem> onRetry, Consumer<String> openLink,
                TextSelection selection, EmojiText emoji) {
        getStyleClass().add("message-cell");
        body = new MessageBody(openLink, selection, emoji);
        meta.getStyleClass().add("message-meta");
        meta.setTooltip(fullTime);
        retry.getStyleClass().add("message-retry");
        retry.setOnAction(event -> onRetry.accept(getItem()));
        HBox footer = new HBox(6, meta, retry);
        footer.setAlignment(Pos.CENTER_RIGHT);
        bubble = new VBox(2, body, footer);
        bubble.getStyleClass().add("bubble");
        bubble.setFillWidth(false);
        bubble.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(0, (listWidth.get() - LIST_CHROME) * BUBBLE_SHARE), listWidth));
        body.maxWidthProperty().bind(bubble.maxWidthProperty().subtract(24));
        row = new HBox(bubble);
        daySeparator.getStyleClass().add("day-separator");
        daySeparator.setMaxWidth(Double.MAX_VALUE);
        daySeparator.setAlignment(Pos.CENTER);
        content = new VBox(2, daySeparator, row);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        setPrefWidth(0);
    }

    @Override
    protected void updateItem(MessageItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setAccessibleText(null);
            return;
        }
        boolean mine = item.isMine();
        boolean failed = item.status() == MessageStatus.FAILED;
        body.setText(item.text());
        fullTime.setText(TimeLabels.full(item.time()));
        meta.setText(mine ? TimeLabels.forMessage(item.time()) + " · " + statusText(item)
                : TimeLabels.forMessage(item.time()));
        retry.setVisible(failed);
        retry.setManaged(failed);
        row.setAlignment(mine ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        bubble.pseudoClassStateChanged(MINE, mine);
        bubble.pseudoClassStateChanged(FAILED, failed);
        bubble.pseudoClassStateChanged(WAITING, item.status() == MessageStatus.WAITING);
        setAccessibleText((mine ? "You: " : item.peer() + ": ") + item.text());
        showDay(item);
        setGraphic(content);
    }

    @Override
    public void updateIndex(int i) {
        super.updateIndex(i);
        if (!isEmpty() && getItem() != null) {
            showDay(getItem()); // a page put in front moves messages to other rows: the message before may differ
        }
    }

    /** A separator ("Today", "Yesterday", a date) above the first message of each day. */
    private void showDay(MessageItem item) {
        int index = getIndex();
        var items = getListView() == null ? null : getListView().getItems();
        boolean first = items == null || index <= 0 || index > items.size()
                || TimeLabels.differentDays(items.get(index - 1).time(), item.time());
        daySeparator.setText(first ? TimeLabels.day(item.time()) : "");
        daySeparator.setVisible(first);
        daySeparator.setManaged(first);
    }

    static String statusText(MessageItem item) {
        return switch (item.status()) {
            case WAITING -> "waiting";
            case SENDING -> "sending";
            case SENT -> "sent";
            case DELIVERED -> "delivered";
            case READ -> "read";
            case FAILED -> "not sent";
        };
    }
}
