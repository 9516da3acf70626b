package dev.parley.desktop.chat;

import dev.parley.desktop.service.ConversationItem;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;

/**
 * Binds {@code ConversationList.fxml} to the {@link ConversationListViewModel}. The open conversation is the view
 * model's; the list's selection follows it, and choosing a row (click or arrow keys) opens that conversation.
 */
public final class ConversationListController {
    private final ConversationListViewModel viewModel;

    @FXML private TextField newChatField;
    @FXML private ListView<ConversationItem> conversationsList;

    /** A controller for {@code viewModel} (made by the window's controller factory). */
    public ConversationListController(ConversationListViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        newChatField.textProperty().bindBidirectional(viewModel.newChatPeerProperty());
        conversationsList.setItems(viewModel.getConversations());
        conversationsList.setCellFactory(list -> new ConversationCell());
        conversationsList.getSelectionModel().selectedItemProperty()
                .addListener((o, old, row) -> viewModel.open(row));
        viewModel.openPeerProperty().addListener((o, old, peer) -> selectOpenPeer());
        viewModel.getConversations().addListener((ListChangeListener<ConversationItem>) change -> selectOpenPeer());
    }

    private void selectOpenPeer() {
        String peer = viewModel.openPeerProperty().get();
        var items = conversationsList.getItems();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i).peer().equals(peer)) {
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

    @FXML
    private void startChat() {
        viewModel.startChat();
    }
}
