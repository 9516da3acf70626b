package dev.parley.desktop.chat;

import dev.parley.client.ConnectionState;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.scene.Node;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * Binds {@code Chat.fxml} to the {@link ChatViewModel}; every handler is one call into it. Below
 * {@value #NARROW_WIDTH} px the window shows one pane at a time: the list, or the open conversation with a back
 * button; where the top bar does not fit, its less used controls move into its ⋯ menu ({@link TopBarFit}). Ctrl+N
 * or Ctrl+K (Cmd on macOS) puts the cursor in the new-chat field; Ctrl+Tab and Ctrl+Shift+Tab open the next and
 * previous conversation of the list; Ctrl+, opens the settings pane. A side pane at the right of the
 * conversation ({@link #showSidePane}: a group's members, search) takes the whole width in the narrow layout.
 */
public final class ChatController {
    /** Below this width the list and the conversation share the window in turns. */
    static final double NARROW_WIDTH = 640;
    /** The side pane's width beside the conversation (members, search), as the style sheet gives its content. */
    static final double SIDE_PANE_WIDTH = 320;
    private static final KeyCombination NEW_CHAT = new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEW_CHAT_K = new KeyCodeCombination(KeyCode.K, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SETTINGS = new KeyCodeCombination(KeyCode.COMMA, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination NEXT = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN);
    private static final KeyCombination PREVIOUS = new KeyCodeCombination(KeyCode.TAB, KeyCombination.CONTROL_DOWN,
            KeyCombination.SHIFT_DOWN);

    private final ChatViewModel viewModel;

    @FXML private BorderPane root;
    @FXML private Region statusDot;
    @FXML private Label statusLabel;
    @FXML private ProgressIndicator syncIndicator;
    @FXML private Label userLabel;
    @FXML private HBox topBar;
    @FXML private Button themeButton;
    @FXML private CheckBox notificationsCheck;
    @FXML private Button settingsButton;
    @FXML private Button signOutButton;
    @FXML private MenuButton moreButton;
    @FXML private CheckMenuItem notificationsItem;
    @FXML private MenuItem themeItem;
    @FXML private HBox renewBar;
    @FXML private PasswordField newTokenField;
    @FXML private HBox reconnectBar;
    @FXML private VBox conversationList;
    @FXML private VBox conversation;
    @FXML private StackPane sidePane;
    @FXML private ConversationListController conversationListController;
    @FXML private ConversationController conversationController;

    /** A controller for {@code viewModel} (made by the window's controller factory). */
    public ChatController(ChatViewModel viewModel) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
    }

    @FXML
    private void initialize() {
        statusLabel.textProperty().bind(viewModel.statusTextBinding());
        showState(viewModel.connectionStateProperty().get());
        viewModel.connectionStateProperty().addListener((o, old, state) -> showState(state));
        syncIndicator.visibleProperty().bind(viewModel.syncingProperty());
        userLabel.textProperty().bind(viewModel.currentUserProperty());
        themeButton.textProperty().bind(viewModel.themeToggleTextBinding());
        notificationsCheck.selectedProperty().bindBidirectional(viewModel.notificationsEnabledProperty());
        notificationsItem.selectedProperty().bindBidirectional(viewModel.notificationsEnabledProperty());
        themeItem.textProperty().bind(viewModel.themeToggleTextBinding());
        TopBarFit.install(topBar, List.of(notificationsCheck, themeButton, settingsButton, signOutButton),
                moreButton);
        renewBar.visibleProperty().bind(viewModel.renewalNeededProperty());
        renewBar.managedProperty().bind(renewBar.visibleProperty());
        newTokenField.textProperty().bindBidirectional(viewModel.newTokenProperty());
        reconnectBar.visibleProperty().bind(viewModel.reconnectAvailableBinding());
        reconnectBar.managedProperty().bind(reconnectBar.visibleProperty());

        BooleanBinding narrow = root.widthProperty().lessThan(NARROW_WIDTH);
        BooleanBinding open = viewModel.openConversationProperty().isNotNull();
        BooleanBinding side = Bindings.isNotEmpty(sidePane.getChildren());
        sidePane.visibleProperty().bind(side);
        sidePane.managedProperty().bind(side);
        sidePane.maxWidthProperty().bind(Bindings.when(narrow).then(Double.MAX_VALUE).otherwise(360.0));
        // beside the conversation it keeps its width, and the conversation gives way: squeezed below its content's
        // width, the pane's rows and buttons ran off the window's right edge
        sidePane.minWidthProperty().bind(Bindings.when(narrow).then(0.0).otherwise(SIDE_PANE_WIDTH));
        HBox.setHgrow(sidePane, Priority.SOMETIMES);
        BooleanBinding sideOnly = narrow.and(side); // the narrow layout shows the side pane alone
        conversationList.visibleProperty().bind(narrow.not().or(open.not()).and(sideOnly.not()));
        conversationList.managedProperty().bind(conversationList.visibleProperty());
        conversationList.maxWidthProperty().bind(Bindings.when(narrow)
                .then(Double.MAX_VALUE).otherwise(360.0));
        HBox.setHgrow(conversationList, Priority.SOMETIMES);
        conversation.visibleProperty().bind(narrow.not().or(open).and(sideOnly.not()));
        conversation.managedProperty().bind(conversation.visibleProperty());
        conversationController.showBackButton(narrow);

        root.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (NEW_CHAT.match(event) || NEW_CHAT_K.match(event)) {
                event.consume();
                conversationListController.focusNewChat();
            } else if (SETTINGS.match(event)) {
                event.consume();
                viewModel.openSettings();
            } else if (PREVIOUS.match(event)) {
                event.consume();
                conversationListController.openNext(-1);
            } else if (NEXT.match(event)) {
                event.consume();
                conversationListController.openNext(1);
            }
        });
    }

    private void showState(ConnectionState state) {
        for (ConnectionState s : ConnectionState.values()) {
            statusDot.pseudoClassStateChanged(PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT)), s == state);
        }
    }

    /**
     * Shows {@code pane} at the right of the conversation, instead of any other side pane; in the narrow layout it
     * takes the whole width until {@link #hideSidePane}.
     */
    public void showSidePane(Node pane) {
        if (!sidePane.getChildren().equals(java.util.List.of(pane))) {
            sidePane.getChildren().setAll(pane);
        }
    }

    /** Hides the side pane, if {@code pane} is the one shown. */
    public void hideSidePane(Node pane) {
        sidePane.getChildren().remove(pane);
    }

    /** Puts the cursor in the new-chat field. */
    public void focusNewChat() {
        conversationListController.focusNewChat();
    }

    @FXML
    private void toggleTheme() {
        viewModel.toggleTheme();
    }

    @FXML
    private void openSettings() {
        viewModel.openSettings();
    }

    @FXML
    private void signOut() {
        viewModel.signOut();
    }

    @FXML
    private void renewToken() {
        viewModel.renewToken();
    }

    @FXML
    private void reconnect() {
        viewModel.reconnect();
    }
}
