package dev.parley.desktop.chat;

import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.service.MessageStatus;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableDoubleValue;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * One item of the timeline. A message is a bubble: mine on the right, theirs on the left, with the time, "edited" when
 * it was, (for mine) the status, a "Retry" link on a failed message, and the full date and time on hovering the time.
 * In a group, a message from someone else has its sender's name and avatar above it, once for a run of messages of
 * the same sender. A reply shows the quoted message in a block above its text; clicking it jumps to the original. A
 * recalled message reads "This message was recalled" in italics; an image shows an {@code ImageBubble} (its thumbnail,
 * click or Enter opens the viewer) and a file a {@code FileBubble} (name, size, Save, Open), kept by a
 * {@link MediaSlot} while the cell shows the same attachment. A group event is a centred note. The body is a
 * {@link MessageBody}: plain text with clickable links, selectable, with a context menu (Copy, and Reply, Edit, Recall
 * where they apply). The nodes are made once per cell; {@link #updateItem} only sets texts and pseudo-classes.
 */
final class MessageCell extends ListCell<MessageItem> {
    private static final PseudoClass MINE = PseudoClass.getPseudoClass("mine");
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final PseudoClass WAITING = PseudoClass.getPseudoClass("waiting");
    private static final PseudoClass RECALLED = PseudoClass.getPseudoClass("recalled");
    /** A bubble takes at most this share of the list's width. */
    private static final double BUBBLE_SHARE = 0.75;
    /** The list's width that cells do not get: the scroll bar and the cell padding. */
    private static final double LIST_CHROME = 40;

    private final ConversationViewModel viewModel;
    /** People's uploaded pictures for the sender's avatar. */
    private final LiveViewModel live;
    private final MessageBody body;
    private final Label meta = new Label();
    private final Label editedMark = new Label("edited");
    private final Tooltip fullTime = new Tooltip();
    private final Hyperlink retry = new Hyperlink("Retry");
    private final VBox quote = new VBox(1);
    private final Label quoteSender = new Label();
    private final Label quoteText = new Label();
    private final VBox bubble;
    private final HBox row;
    private final Label daySeparator = new Label();
    private final Label note = new Label();
    private final Avatar senderAvatar = new Avatar(22);
    private final Label senderName = new Label();
    private final HBox senderRow = new HBox(6, senderAvatar, senderName);
    private final VBox content;
    private final MenuItem reply = new MenuItem("Reply");
    private final MenuItem edit = new MenuItem("Edit");
    private final MenuItem recall = new MenuItem("Recall");
    private final MediaSlot media;
    /** The image or file bubble in the bubble now, {@code null} for none. */
    private Node shownMedia;

    /**
     * A cell for a list of width {@code listWidth}. Bubbles are sized from the list's width, not the cell's own: the
     * list measures cells it has not laid out yet (to estimate the scroll range), and those must come out the same
     * height as when shown, or scrolling to the newest message stops short.
     *
     * @param jumpTo shows the message with this server id (a reply's original)
     */
    MessageCell(ObservableDoubleValue listWidth, ConversationViewModel viewModel, Consumer<String> jumpTo,
                Consumer<String> openLink, TextSelection selection, EmojiText emoji, MediaViewModel media,
                LiveViewModel live) {
        this.viewModel = viewModel;
        this.live = live;
        this.media = new MediaSlot(media);
        getStyleClass().add("message-cell");
        body = new MessageBody(openLink, selection, emoji);
        meta.getStyleClass().add("message-meta");
        meta.setTooltip(fullTime);
        editedMark.getStyleClass().addAll("message-meta", "message-edited");
        retry.getStyleClass().add("message-retry");
        retry.setOnAction(event -> viewModel.retry(getItem()));
        quoteSender.getStyleClass().add("message-quote-sender");
        quoteText.getStyleClass().add("message-quote-text");
        quote.getChildren().addAll(quoteSender, quoteText);
        quote.getStyleClass().add("message-quote");
        quote.setCursor(Cursor.HAND);
        quote.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && getItem() != null) {
                jumpTo.accept(getItem().quote().messageId());
            }
        });
        HBox footer = new HBox(6, editedMark, meta, retry);
        footer.setAlignment(Pos.CENTER_RIGHT);
        bubble = new VBox(2, body, footer); // a reply's quote goes in first when shown
        bubble.getStyleClass().add("bubble");
        bubble.setFillWidth(false);
        bubble.maxWidthProperty().bind(Bindings.createDoubleBinding(
                () -> Math.max(0, (listWidth.get() - LIST_CHROME) * BUBBLE_SHARE), listWidth));
        body.maxWidthProperty().bind(bubble.maxWidthProperty().subtract(24));
        quote.maxWidthProperty().bind(body.maxWidthProperty());
        row = new HBox(bubble);
        daySeparator.getStyleClass().add("day-separator");
        daySeparator.setMaxWidth(Double.MAX_VALUE);
        daySeparator.setAlignment(Pos.CENTER);
        note.getStyleClass().add("timeline-note");
        note.setMaxWidth(Double.MAX_VALUE);
        note.setAlignment(Pos.CENTER);
        note.setWrapText(true);
        senderName.getStyleClass().add("message-sender");
        senderRow.setAlignment(Pos.CENTER_LEFT);
        content = new VBox(2, daySeparator, note, row); // the sender's row goes in before the bubble when shown
        reply.setId("replyMenuItem");
        edit.setId("editMenuItem");
        recall.setId("recallMenuItem");
        reply.setOnAction(e -> viewModel.reply(getItem()));
        edit.setOnAction(e -> viewModel.edit(getItem()));
        recall.setOnAction(e -> viewModel.recall(getItem()));
        body.setMenuItems(() -> {
            MessageItem item = getItem();
            List<MenuItem> items = new java.util.ArrayList<>(3);
            if (viewModel.canReply(item)) {
                items.add(reply);
            }
            if (viewModel.canEdit(item)) {
                items.add(edit);
            }
            if (viewModel.canRecall(item)) { // within the server's window, so asked each time
                items.add(recall);
            }
            return items;
        });
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        setPrefWidth(0);
        content.setVisible(false); // until it shows an item
        setGraphic(content);
    }

    @Override
    protected void updateItem(MessageItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            // The content stays the graphic, hidden: taking it out and putting it back styled its whole tree again
            // each time the list reused the cell while scrolling (JFR). (Left out of the layout instead, the skin
            // would drop it from the cell for good.) A cell with no item keeps the last one's texts, unseen.
            content.setVisible(false);
            setAccessibleText(null);
            return;
        }
        content.setVisible(true);
        boolean isNote = item.isNote();
        show(note, isNote);
        show(row, !isNote);
        if (isNote) {
            note.setText(item.text());
            setAccessibleText(item.text());
        } else {
            showMessage(item);
        }
        showDayAndSender(item);
    }

    private void showMessage(MessageItem item) {
        boolean mine = item.isMine();
        boolean failed = item.status() == MessageStatus.FAILED;
        body.setText(item.text());
        showMedia(media.bubbleFor(item.content()));
        fullTime.setText(TimeLabels.full(item.time()));
        meta.setText(mine ? TimeLabels.forMessage(item.time()) + " · " + statusText(item)
                : TimeLabels.forMessage(item.time()));
        show(editedMark, item.edited());
        show(retry, failed);
        boolean quoted = item.quote().isPresent();
        if (quoted != bubble.getChildren().contains(quote)) {
            if (quoted) {
                bubble.getChildren().addFirst(quote);
            } else {
                bubble.getChildren().remove(quote);
            }
        }
        if (quoted) {
            quoteSender.setText(viewModel.displayName(item.quote().sender()));
            quoteText.setText(item.quote().preview());
        }
        row.setAlignment(mine ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        bubble.pseudoClassStateChanged(MINE, mine);
        bubble.pseudoClassStateChanged(FAILED, failed);
        bubble.pseudoClassStateChanged(WAITING, item.status() == MessageStatus.WAITING);
        bubble.pseudoClassStateChanged(RECALLED, item.isRecalled());
        setAccessibleText((mine ? "You: " : item.senderLabel() + ": ") + item.text());
    }

    /** Shows an image's or a file's bubble in place of the text, or the text when {@code attachment} is null. */
    private void showMedia(Node attachment) {
        show(body, attachment == null);
        if (attachment != shownMedia) {
            bubble.getChildren().remove(shownMedia);
            if (attachment != null) {
                bubble.getChildren().add(bubble.getChildren().indexOf(body) + 1, attachment);
            }
            shownMedia = attachment;
        }
    }

    /** Shows the message's context menu (from the keyboard); nothing for a note. */
    void showMenu() {
        if (getItem() != null && !getItem().isNote()) {
            body.showMenu();
        }
    }

    @Override
    public void updateIndex(int i) {
        super.updateIndex(i);
        if (!isEmpty() && getItem() != null) {
            showDayAndSender(getItem()); // a page put in front moves messages to other rows: the one before may differ
        }
    }

    /**
     * A separator ("Today", "Yesterday", a date) above the first item of each day; in a group, the sender's name and
     * avatar above the first of a run of their messages.
     */
    private void showDayAndSender(MessageItem item) {
        int index = getIndex();
        List<MessageItem> items = getListView() == null ? null : getListView().getItems();
        MessageItem before = items == null || index <= 0 || index > items.size() ? null : items.get(index - 1);
        boolean firstOfDay = before == null || TimeLabels.differentDays(before.time(), item.time());
        daySeparator.setText(firstOfDay ? TimeLabels.day(item.time()) : "");
        show(daySeparator, firstOfDay);
        boolean showSender = viewModel.isGroup() && !item.isMine() && !item.isNote()
                && (firstOfDay || before.isNote() || before.isMine() || !before.sender().equals(item.sender()));
        boolean present = content.getChildren().contains(senderRow);
        if (showSender && !present) {
            content.getChildren().add(content.getChildren().indexOf(row), senderRow);
        } else if (!showSender && present) {
            content.getChildren().remove(senderRow);
        }
        if (showSender) {
            senderName.setText(item.senderLabel());
            senderAvatar.show(item.sender(), live.picture(item.sender()));
        }
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
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
