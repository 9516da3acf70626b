package dev.parley.desktop.chat;

import dev.parley.desktop.emoji.EmojiLine;
import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.live.OnlineDot;
import dev.parley.desktop.service.ConversationItem;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * A conversation row, one-to-one or group: the {@link Face} (the peer's picture or initials on a colour of their
 * own, a group's initials), the name (the peer's display name with the user ID beside it, or the group's name), the
 * time of the last message, its preview of any kind ("📷 Photo"; in a group with the sender first, "Roy Smith: hi";
 * plain text, emoji as pictures: {@link EmojiLine}) and the unread badge; at the right, the user's marks: 📌 pinned,
 * 🔕 muted (its badge grey), and a badge (a dot without a count) for a conversation marked unread. Its context menu
 * is a {@link ConversationMenu}. A one-to-one row's face has an {@link OnlineDot} while the peer is online, and while
 * someone types in the conversation "roy is typing…" (italic, in the accent colour) takes the preview's place
 * ({@link LiveViewModel}). The nodes are made once per cell; {@link #updateItem} only sets texts and rebinds the face
 * and the typing line to the row's conversation.
 */
final class ConversationCell extends ListCell<ConversationItem> {
    private static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");
    private static final PseudoClass MUTED = PseudoClass.getPseudoClass("muted");
    private static final PseudoClass DOT = PseudoClass.getPseudoClass("dot");

    private final Label peer = new Label();
    private final Label userId = new Label();
    private final Label time = new Label();
    /** The last message's first line, emoji as pictures. */
    private final EmojiLine preview;
    private final Label badge = new Label();
    private final Face face = new Face(36);
    private final ConversationMenu menu;
    private final Label pinned = new Label("📌");
    private final Label muted = new Label("🔕");
    private final HBox graphic;
    private final LiveViewModel live;
    private final Label typing = new Label();

    /** How high an emoji picture is in a preview, in pixels. */
    static final double EMOJI_SIZE = 17;

    ConversationCell(ConversationListViewModel actions, EmojiText emoji, LiveViewModel live) {
        this.live = live;
        getStyleClass().add("conversation-cell");
        preview = new EmojiLine(emoji, EMOJI_SIZE, "conversation-preview-text");
        menu = new ConversationMenu(actions);
        pinned.getStyleClass().add("conversation-mark");
        pinned.setId("pinnedMark");
        muted.getStyleClass().add("conversation-mark");
        muted.setId("mutedMark");
        peer.getStyleClass().add("conversation-peer");
        time.getStyleClass().add("conversation-time");
        userId.getStyleClass().add("conversation-id");
        userId.setMinWidth(0);
        preview.getStyleClass().add("conversation-preview");
        badge.getStyleClass().add("unread-badge");
        peer.setMinWidth(0);
        preview.setMinWidth(0);
        time.setMinWidth(Region.USE_PREF_SIZE);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(6, peer, userId, spacer, pinned, time);
        top.setAlignment(Pos.BASELINE_LEFT);
        HBox.setHgrow(preview, Priority.ALWAYS);
        preview.setMaxWidth(Double.MAX_VALUE);
        preview.setPrefWidth(0);
        typing.getStyleClass().add("conversation-typing");
        typing.setMinWidth(0);
        typing.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(typing, Priority.ALWAYS);
        typing.visibleProperty().bind(typing.textProperty().isNotEmpty());
        typing.managedProperty().bind(typing.visibleProperty());
        preview.visibleProperty().bind(typing.visibleProperty().not());
        preview.managedProperty().bind(preview.visibleProperty());
        HBox bottom = new HBox(6, preview, typing, muted, badge);
        bottom.setAlignment(Pos.CENTER_LEFT);
        VBox text = new VBox(2, top, bottom);
        text.setMinWidth(0);
        HBox.setHgrow(text, Priority.ALWAYS);
        graphic = new HBox(8, face, text);
        graphic.setAlignment(Pos.CENTER_LEFT);
        graphic.setMinWidth(0);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
        setPrefWidth(0);
    }

    /** Opens the row's context menu below its title (the menu key or Shift+F10 on the selected row). */
    void showMenu() {
        if (getItem() != null) {
            menu.forRow(getItem()).show(this, javafx.geometry.Side.BOTTOM, 48, -getHeight() / 2);
        }
    }

    private static void show(javafx.scene.Node node, boolean shown) {
        node.setVisible(shown);
        node.setManaged(shown);
    }

    @Override
    protected void updateItem(ConversationItem item, boolean empty) {
        super.updateItem(item, empty);
        if (empty || item == null) {
            setGraphic(null);
            setContextMenu(null);
            setAccessibleText(null);
            pseudoClassStateChanged(UNREAD, false);
            typing.textProperty().unbind();
            typing.setText("");
            face.clear();
            return;
        }
        boolean showId = !item.name().isEmpty() && !item.isGroup();
        peer.setText(item.title());
        userId.setText(showId ? item.id() : "");
        userId.setVisible(showId);
        userId.setManaged(showId);
        if (item.isGroup()) {
            face.showGroup(item.title());
        } else {
            face.showPerson(item.id(), live);
        }
        setContextMenu(menu.forRow(item));
        show(pinned, item.pinned());
        show(muted, item.muted());
        time.setText(TimeLabels.forList(item.time()));
        preview.setText(item.line());
        typing.textProperty().bind(live.typingText(item.conversation()));
        int unread = item.unreadCount();
        badge.setText(unread > 99 ? "99+" : unread > 0 ? Integer.toString(unread) : "");
        show(badge, item.showsUnread());
        badge.pseudoClassStateChanged(MUTED, item.muted());
        badge.pseudoClassStateChanged(DOT, unread == 0);
        pseudoClassStateChanged(UNREAD, item.showsUnread());
        setAccessibleText((showId ? item.name() + " (" + item.id() + ")" : item.title())
                + (item.pinned() ? ", pinned" : "") + (item.muted() ? ", muted" : "")
                + (unread > 0 ? ", " + unread + " unread" : item.markedUnread() ? ", marked unread" : "") + ": "
                + item.line());
        setGraphic(graphic);
    }
}
