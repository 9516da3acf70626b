package dev.parley.desktop.chat;

import dev.parley.desktop.service.ConversationItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;

/**
 * The context menu of a conversation row: Pin/Unpin, Mute/Unmute, Mark as unread, and Remove from list, with their
 * texts following the row's marks ({@link #forRow}). One per cell; it opens by right click, and by the menu key or
 * Shift+F10 on the selected row (the list's controller). FX thread only.
 */
final class ConversationMenu {
    private final ContextMenu menu = new ContextMenu();
    private final MenuItem pin = new MenuItem();
    private final MenuItem mute = new MenuItem();
    private final MenuItem unread = new MenuItem("Mark as unread");
    private ConversationItem row;

    ConversationMenu(ConversationListViewModel viewModel) {
        pin.setId("pinConversationMenuItem");
        mute.setId("muteConversationMenuItem");
        unread.setId("markUnreadMenuItem");
        MenuItem remove = new MenuItem("Remove from list");
        remove.setId("removeConversationMenuItem");
        pin.setOnAction(e -> viewModel.setPinned(row, !row.pinned()));
        mute.setOnAction(e -> viewModel.setMuted(row, !row.muted()));
        unread.setOnAction(e -> viewModel.markUnread(row));
        remove.setOnAction(e -> viewModel.remove(row));
        menu.getItems().addAll(pin, mute, unread, new SeparatorMenuItem(), remove);
    }

    /** The menu, its texts set for {@code item}. */
    ContextMenu forRow(ConversationItem item) {
        row = item;
        pin.setText(item.pinned() ? "Unpin" : "Pin to top");
        mute.setText(item.muted() ? "Unmute" : "Mute");
        unread.setDisable(item.showsUnread());
        return menu;
    }
}
