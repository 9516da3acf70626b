package dev.parley.desktop.chat;

import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.service.ConversationItem;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/**
 * Binds {@code ConversationList.fxml} to the {@link ConversationListViewModel}. The open conversation is the view
 * model's; the list's selection follows it, and choosing a row (click or arrow keys) opens that conversation. The ＋
 * menu beside the new-chat field offers "New chat" (the field) and "New group…" (what {@link #onNewGroup} says).
 */
public final class ConversationListController {
    private final ConversationListViewModel viewModel;
    private final EmojiText emoji;
    private Runnable newGroup = () -> { };

    @FXML private TextField newChatField;
    @FXML private ListView<ConversationItem> conversationsList;

    /**
     * A controller for {@code viewModel} (made by the window's controller factory).
     *
     * @param emoji pictures for the emoji in previews
     */
    public ConversationListController(ConversationListViewModel viewModel, EmojiText emoji) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.emoji = Objects.requireNonNull(emoji, "emoji");
    }

    @FXML
    private void initialize() {
        newChatField.textProperty().bindBidirectional(viewModel.newChatPeerProperty());
        newChatField.addEventFilter(KeyEvent.KEY_PRESSED, this::newChatKey);
        conversationsList.setItems(viewModel.getConversations());
        conversationsList.setCellFactory(list -> new ConversationCell(viewModel, emoji, viewModel.live()));
        conversationsList.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.DELETE) {
                event.consume();
                viewModel.remove(conversationsList.getSelectionModel().getSelectedItem());
            } else if (event.getCode() == KeyCode.CONTEXT_MENU
                    || (event.getCode() == KeyCode.F10 && event.isShiftDown())) {
                event.consume();
                showSelectedMenu();
            }
        });
        conversationsList.getSelectionModel().selectedItemProperty()
                .addListener((o, old, row) -> viewModel.open(row));
        viewModel.openConversationProperty().addListener((o, old, open) -> selectOpen());
        viewModel.getConversations().addListener((ListChangeListener<ConversationItem>) change -> selectOpen());
    }

    /** Opens the selected row's context menu (the menu key, Shift+F10). */
    private void showSelectedMenu() {
        int selected = conversationsList.getSelectionModel().getSelectedIndex();
        conversationsList.lookupAll(".conversation-cell").stream()
                .map(node -> (ConversationCell) node)
                .filter(cell -> cell.getIndex() == selected && !cell.isEmpty())
                .findFirst().ifPresent(ConversationCell::showMenu);
    }

    private void selectOpen() {
        var open = viewModel.openConversationProperty().get();
        var items = conversationsList.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).conversation().equals(open)) {
                if (conversationsList.getSelectionModel().getSelectedIndex() != i) {
                    conversationsList.getSelectionModel().clearAndSelect(i);
                }
                return;
            }
        }
        conversationsList.getSelectionModel().clearSelection();
    }

    /** Puts the cursor in the new-chat field. */
    public void focusNewChat() {
        newChatField.requestFocus();
    }

    /** What "New group…" in the ＋ menu does (the window opens the New group dialog). */
    public void onNewGroup(Runnable action) {
        this.newGroup = Objects.requireNonNull(action, "action");
    }

    @FXML
    private void focusNewChatField() {
        focusNewChat();
    }

    @FXML
    private void newGroup() {
        newGroup.run();
    }

    /** Opens the conversation {@code step} rows below (negative: above) the open one, wrapping around. */
    void openNext(int step) {
        var items = conversationsList.getItems();
        if (items.isEmpty()) {
            return;
        }
        int at = conversationsList.getSelectionModel().getSelectedIndex();
        int next = at < 0 ? (step > 0 ? 0 : items.size() - 1) : Math.floorMod(at + step, items.size());
        viewModel.open(items.get(next));
    }

    /**
     * Escape in the new-chat field clears it; in the empty field it leaves it for the conversation list and goes on to
     * the window (which closes the newest banner).
     */
    private void newChatKey(KeyEvent event) {
        if (event.getCode() != KeyCode.ESCAPE) {
            return;
        }
        if (!newChatField.getText().isEmpty()) {
            event.consume();
            newChatField.clear();
        } else {
            conversationsList.requestFocus();
        }
    }

    @FXML
    private void startChat() {
        viewModel.startChat();
    }
}
