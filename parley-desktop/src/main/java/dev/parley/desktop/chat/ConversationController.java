package dev.parley.desktop.chat;

import dev.parley.desktop.emoji.EmojiPicker;
import dev.parley.desktop.emoji.EmojiText;
import dev.parley.desktop.service.MessageItem;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.css.PseudoClass;
import javafx.scene.TraversalDirection;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Binds {@code Conversation.fxml} to the {@link ConversationViewModel}. Messages are a virtualized list of
 * {@link MessageCell}s; a message's context menu opens by right-click, or from the keyboard on the selected message
 * (arrow keys in the list, then the menu key or Shift+F10); reaching the top pages in older history
 * ({@link MessageScroller}); clicking a reply's quote
 * scrolls to its original; one far back is shown in a window of the history around it, apart from the newest
 * messages, with a "Jump to latest" button (Ctrl+End) while it is; reaching its end pages newer messages in. A bar above the composer shows the message being replied to or
 * edited, with ✕ to cancel (or Escape in the composer). In the composer Enter sends (or saves an edit), Shift+Enter starts a new line, Tab / Shift+Tab move the focus (no tab characters), and Ctrl+E or the
 * emoji button opens the {@link EmojiPicker}, which puts the chosen emoji in at the caret. The window puts its own
 * buttons at the header's right end ({@link #headerEnd()}), may lock the composer with a sentence
 * ({@link #lockComposer}), and jumps to a message ({@link #reveal}). Images and files come in through the 📎 button
 * (Ctrl+O), a drop anywhere on the conversation or Ctrl+V ({@link ComposerMedia}), their uploads shown above the
 * composer; the composer's typing is announced, and the header's line under the title says who types there, or the
 * peer's presence and status line ({@link LiveViewModel}).
 */
public final class ConversationController {
    private static final PseudoClass OVER = PseudoClass.getPseudoClass("over");
    private static final PseudoClass TYPING = PseudoClass.getPseudoClass("typing");
    private static final PseudoClass REVEALED = PseudoClass.getPseudoClass("revealed");
    /** How long a message jumped to stays highlighted. */
    static final double FLASH_MILLIS = 1_500;

    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination MENU_KEY = new KeyCodeCombination(KeyCode.F10, KeyCombination.SHIFT_DOWN);
    private static final KeyCombination LATEST = new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN);

    private final ConversationViewModel viewModel;
    private final Consumer<String> openLink;
    private final TextSelection selection = new TextSelection();
    private final MediaViewModel media;
    private final LiveViewModel live;
    private ComposerMedia composerMedia;

    @FXML private HBox header;
    @FXML private Button backButton;
    @FXML private Label peerLabel;
    @FXML private Label peerIdLabel;
    @FXML private ProgressIndicator olderIndicator;
    @FXML private HBox headerEnd;
    @FXML private Label lockLabel;
    @FXML private ListView<MessageItem> messagesList;
    @FXML private Label emptyHint;
    @FXML private Button latestButton;
    @FXML private Label limitLabel;
    @FXML private HBox composerBar;
    @FXML private HBox contextBar;
    @FXML private Label contextTitle;
    @FXML private Label contextPreview;
    @FXML private TextArea composer;
    @FXML private Button sendButton;
    @FXML private Button emojiButton;
    @FXML private Button attachButton;
    @FXML private VBox conversationPane;
    @FXML private StackPane uploadsSlot;
    @FXML private HBox presenceRow;
    @FXML private Label presenceLabel;
    @FXML private Label statusLineLabel;

    private final EmojiText emoji;
    private MessageScroller scroller;
    /** The highlight of a message jumped to: the list's {@code revealed} class for a moment. */
    private final PauseTransition flash = new PauseTransition(Duration.millis(FLASH_MILLIS));
    /** Made when first opened. */
    private EmojiPicker picker;

    /**
     * A controller for {@code viewModel} (made by the window's controller factory).
     *
     * @param openLink opens a web link in the system browser
     * @param media    images and files: attach, drop, paste, uploads, bubbles
     * @param live     typing and presence
     */
    public ConversationController(ConversationViewModel viewModel, Consumer<String> openLink, EmojiText emoji,
                                  MediaViewModel media, LiveViewModel live) {
        this.viewModel = Objects.requireNonNull(viewModel, "viewModel");
        this.media = Objects.requireNonNull(media, "media");
        this.live = Objects.requireNonNull(live, "live");
        this.openLink = Objects.requireNonNull(openLink, "openLink");
        this.emoji = Objects.requireNonNull(emoji, "emoji");
    }

    @FXML
    private void initialize() {
        peerLabel.textProperty().bind(viewModel.peerTitleBinding());
        peerIdLabel.textProperty().bind(viewModel.peerIdBinding());
        peerIdLabel.visibleProperty().bind(viewModel.peerIdBinding().isNotEmpty());
        peerIdLabel.managedProperty().bind(peerIdLabel.visibleProperty());
        olderIndicator.visibleProperty().bind(viewModel.loadingOlderProperty());
        messagesList.itemsProperty().bind(viewModel.messagesProperty());
        messagesList.setCellFactory(list -> new MessageCell(list.widthProperty(), viewModel, this::jumpTo, openLink,
                selection, emoji, media, live));
        bindLive();
        composerMedia = new ComposerMedia(media, conversationPane, uploadsSlot);
        viewModel.replyingToProperty().addListener((o, old, item) -> showContext());
        viewModel.editingProperty().addListener((o, old, item) -> showContext());
        showContext();
        emojiButton.setGraphic(emoji.picture(emoji.set().picture("1f600"), "Emoji", 20)); // 😀
        attachButton.setGraphic(emoji.picture(emoji.set().picture("1f4ce"), "Attach", 20)); // 📎
        messagesList.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (COPY.match(event) && !selection.text().isEmpty()) {
                MessageBody.copyToClipboard(selection.text());
                event.consume();
            }
        });
        messagesList.setOnContextMenuRequested(event -> { // the menu key or Shift+F10, where the platform sends it
            if (event.isKeyboardTrigger()) {
                showSelectedMenu();
                event.consume();
            }
        });
        messagesList.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (MENU_KEY.match(event) || event.getCode() == KeyCode.CONTEXT_MENU) {
                showSelectedMenu();
                event.consume();
            }
        });
        messagesList.visibleProperty().bind(viewModel.hasConversationBinding());
        emptyHint.visibleProperty().bind(viewModel.hasConversationBinding().not());
        header.visibleProperty().bind(viewModel.hasConversationBinding());
        composerBar.disableProperty().bind(viewModel.hasConversationBinding().not());
        lockLabel.setVisible(false);
        lockLabel.managedProperty().bind(lockLabel.visibleProperty());
        composer.textProperty().bindBidirectional(viewModel.draftProperty());
        composer.addEventFilter(KeyEvent.KEY_PRESSED, this::composerKey);
        sendButton.disableProperty().bind(viewModel.canSendBinding().not());
        sendButton.textProperty().bind(javafx.beans.binding.Bindings.when(viewModel.editingProperty().isNotNull())
                .then("Save").otherwise("Send"));
        limitLabel.textProperty().bind(viewModel.limitTextBinding());
        limitLabel.visibleProperty().bind(viewModel.limitTextBinding().isNotEmpty());
        limitLabel.managedProperty().bind(limitLabel.visibleProperty());
        viewModel.tooLongBinding().addListener((o, was, over) -> limitLabel.pseudoClassStateChanged(OVER, over));
        flash.statusProperty().addListener((o, was, now) ->
                messagesList.pseudoClassStateChanged(REVEALED, now == Animation.Status.RUNNING));
        scroller = MessageScroller.install(messagesList, viewModel.messagesProperty(), viewModel::loadOlder,
                viewModel::loadNewer, viewModel.detachedProperty());
        latestButton.visibleProperty().bind(viewModel.detachedProperty().and(viewModel.hasConversationBinding()));
        conversationPane.addEventFilter(KeyEvent.KEY_PRESSED, event -> { // before the composer moves its caret
            if (LATEST.match(event) && viewModel.detachedProperty().get()) {
                jumpToLatest();
                event.consume();
            }
        });
        viewModel.conversationProperty().addListener((o, old, open) -> {
            if (open != null) {
                composer.requestFocus();
            }
        });
    }

    /**
     * The header's avatar, typing or presence line (a group's member count) and status line; the composer's changes
     * announce typing.
     */
    private void bindLive() {
        HeaderAvatar.install(header, header.getChildren().indexOf(backButton) + 1, viewModel.conversationProperty(),
                viewModel.peerTitleBinding(), live);
        presenceLabel.textProperty().bind(live.subtitleBinding());
        statusLineLabel.textProperty().bind(live.statusLineBinding());
        statusLineLabel.visibleProperty().bind(statusLineLabel.textProperty().isNotEmpty()
                .and(live.typingInOpenBinding().not()));
        statusLineLabel.managedProperty().bind(statusLineLabel.visibleProperty());
        presenceRow.visibleProperty().bind(presenceLabel.textProperty().isNotEmpty());
        presenceRow.managedProperty().bind(presenceRow.visibleProperty());
        presenceLabel.pseudoClassStateChanged(TYPING, live.typingInOpenBinding().get());
        live.typingInOpenBinding().addListener((o, was, on) -> presenceLabel.pseudoClassStateChanged(TYPING, on));
        viewModel.draftProperty().addListener((o, old, text) -> {
            if (!viewModel.isRestoringDraft()) {
                live.composerChanged(text);
            }
        });
    }

    /** Shows the selected message's context menu (from the keyboard). */
    private void showSelectedMenu() {
        int selected = messagesList.getSelectionModel().getSelectedIndex();
        messagesList.lookupAll(".message-cell").stream().map(n -> (MessageCell) n)
                .filter(c -> c.getIndex() == selected && c.isVisible()).findFirst()
                .ifPresent(MessageCell::showMenu);
    }

    /** The reply or edit bar above the composer: shown while one is in progress. */
    private void showContext() {
        MessageItem replying = viewModel.replyingToProperty().get();
        MessageItem editing = viewModel.editingProperty().get();
        MessageItem item = editing != null ? editing : replying;
        contextBar.setVisible(item != null);
        contextBar.setManaged(item != null);
        contextTitle.setText(item == null ? "" : editing != null ? "Editing your message"
                : "Replying to " + (replying.isMine() ? "yourself" : replying.senderLabel()));
        contextPreview.setText(item == null ? "" : item.content().preview());
        if (item != null) {
            composer.requestFocus();
        }
    }

    /** "Jump to latest" (or Ctrl+End): the newest messages again, scrolled to the end. */
    @FXML
    private void jumpToLatest() {
        viewModel.jumpToLatest();
        scroller.reveal(Integer.MAX_VALUE);
    }

    /** Scrolls to the message {@code serverId} (a reply's original); one far back opens a window around it. */
    private void jumpTo(String serverId) {
        reveal(serverId);
    }

    /**
     * Shows the open conversation's message {@code serverId} (in a window of the history around it when it is not
     * paged in, detached from the newest messages): selects it, scrolls
     * it into view and highlights it for a moment. Completes on the FX thread with whether it was found.
     */
    public CompletableFuture<Boolean> reveal(String serverId) {
        return viewModel.findOriginal(serverId).thenApply(found -> found.map(original -> {
            int index = messagesList.getItems().indexOf(original);
            if (index >= 0) {
                messagesList.getSelectionModel().clearAndSelect(index);
                scroller.reveal(index);
                flash.playFromStart();
            }
            return index >= 0;
        }).orElse(false));
    }

    /** The header's right end, for the window's buttons (search, a group's members). */
    public HBox headerEnd() {
        return headerEnd;
    }

    /**
     * Disables the composer while {@code reason} is not empty, and shows the reason above it instead ("You are no
     * longer a member of this group.").
     */
    public void lockComposer(ObservableStringValue reason) {
        lockLabel.textProperty().bind(reason);
        lockLabel.visibleProperty().bind(Bindings.isNotEmpty(reason));
        composerBar.disableProperty().bind(viewModel.hasConversationBinding().not().or(lockLabel.visibleProperty()));
    }

    /** Puts the keyboard focus in the composer (or the messages, while the composer is locked). */
    public void focusComposer() {
        if (composerBar.isDisabled()) {
            messagesList.requestFocus();
        } else {
            composer.requestFocus();
        }
    }

    private void composerKey(KeyEvent event) {
        if (EmojiPicker.opens(event)) {
            event.consume();
            pickEmoji();
            return;
        }
        if (ComposerMedia.ATTACH.match(event)) {
            event.consume();
            attach();
            return;
        }
        if (composerMedia.pasteKey(event)) {
            return;
        }
        if (event.getCode() == KeyCode.ESCAPE && viewModel.cancelReplyAndEdit()) {
            event.consume();
            return;
        }
        if (event.getCode() == KeyCode.TAB && !event.isControlDown()) { // Tab moves the focus; no tab characters
            event.consume();
            composer.requestFocusTraversal(event.isShiftDown() ? TraversalDirection.PREVIOUS : TraversalDirection.NEXT);
            return;
        }
        if (event.getCode() != KeyCode.ENTER) {
            return;
        }
        event.consume();
        if (event.isShiftDown()) {
            composer.replaceSelection("\n");
        } else {
            viewModel.send();
        }
    }

    /** Shows the back button (to the list) while {@code narrow} holds. */
    void showBackButton(ObservableBooleanValue narrow) {
        backButton.visibleProperty().bind(narrow);
        backButton.managedProperty().bind(narrow);
    }

    @FXML
    private void send() {
        viewModel.send();
    }

    /** Opens the emoji picker above its button; the chosen emoji goes in at the composer's caret. */
    @FXML
    private void pickEmoji() {
        if (picker == null) {
            picker = new EmojiPicker(emoji.set(), text -> {
                composer.replaceSelection(text);
                composer.requestFocus();
            });
        }
        picker.show(emojiButton);
    }

    /** The 📎 button: the system's chooser, then the chosen files go to the open conversation. */
    @FXML
    private void attach() {
        composerMedia.chooseAndAttach(attachButton.getScene() == null ? null : attachButton.getScene().getWindow());
        composer.requestFocus();
    }

    @FXML
    private void cancelContext() {
        viewModel.cancelReplyAndEdit();
        composer.requestFocus();
    }

    @FXML
    private void back() {
        viewModel.close();
    }
}
