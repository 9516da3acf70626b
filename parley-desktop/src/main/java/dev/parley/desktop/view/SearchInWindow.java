package dev.parley.desktop.view;

import dev.parley.client.ConversationId;
import dev.parley.desktop.chat.ChatController;
import dev.parley.desktop.chat.ConversationController;
import dev.parley.desktop.live.FxScheduler;
import dev.parley.desktop.search.SearchHit;
import dev.parley.desktop.search.SearchPanel;
import dev.parley.desktop.search.SearchViewModel;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.ConversationItem;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.value.ChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyEvent;

/**
 * Search in the main window: Ctrl+F (or the 🔍 button at the header's right end) opens the {@link SearchPanel} as the
 * side pane at the right of the conversation, with "This conversation" bound to the open one. Choosing a result opens
 * its conversation and reveals the message ({@link ConversationController#reveal}: the message selected, scrolled
 * into view and highlighted for a moment; one that is not paged in is shown in a window of the history around it,
 * loaded at once, apart from the newest messages until the reader scrolls down to them or jumps to the latest); the
 * side pane closes, so nothing hides it. Escape closes the panel and gives the focus back to the composer. One panel
 * per sign-in (its search service and user are the sign-in's). FX thread only.
 */
final class SearchInWindow {
    private static final System.Logger LOG = System.getLogger(SearchInWindow.class.getName());

    private final ChatService service;
    private final ChatController chat;
    private final ConversationController conversation;
    private SearchViewModel viewModel;
    private SearchPanel panel;
    /** When the last result was chosen ({@link System#nanoTime()}), and how long showing it took. */
    private long lastJumpNanos = -1;

    /**
     * Puts search into the window's views.
     *
     * @param tools        the sign-in's services ({@code null} while signed out)
     * @param searchButton the 🔍 button (the caller gives it its picture); put at the header's right end here
     */
    SearchInWindow(ChatService service, ReadOnlyObjectProperty<SessionTools> tools, Node chatView,
                   ChatController chat, ConversationController conversation, Button searchButton) {
        this.service = Objects.requireNonNull(service, "service");
        this.chat = Objects.requireNonNull(chat, "chat");
        this.conversation = Objects.requireNonNull(conversation, "conversation");
        searchButton.setId("searchButton");
        searchButton.getStyleClass().add("flat");
        searchButton.setTooltip(new Tooltip("Search messages (Ctrl+F)"));
        searchButton.setAccessibleText("Search messages (Ctrl+F)");
        searchButton.setOnAction(e -> open());
        conversation.headerEnd().getChildren().add(searchButton);
        chatView.addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (SearchPanel.SHORTCUT.match(event)) {
                event.consume();
                open();
            }
        });
        tools.addListener((o, old, now) -> build(now));
        build(tools.get());
        service.openConversationProperty().addListener((o, old, open) -> follow(open));
    }

    /** Opens the search panel with the focus in its query (Ctrl+F). */
    void open() {
        if (panel != null) {
            chat.showSidePane(panel.root());
            panel.open();
        }
    }

    /** How long showing the last chosen result took, in milliseconds; -1 before the first. */
    long lastJumpMillis() {
        return lastJumpNanos < 0 ? -1 : lastJumpNanos / 1_000_000;
    }

    private void build(SessionTools tools) {
        if (panel != null) {
            viewModel.close();
            chat.hideSidePane(panel.root());
        }
        panel = null;
        viewModel = null;
        if (tools == null) {
            return;
        }
        SearchViewModel made = new SearchViewModel(tools.search(), tools.me(), this::conversationName,
                service::displayName, FxScheduler.javafx(), Clock.systemDefaultZone(), this::jump);
        SearchPanel loaded = SearchPanel.load(made);
        loaded.root().setId("searchPanel");
        made.showingProperty().addListener(closedBy(loaded));
        loaded.root().parentProperty().addListener((o, was, parent) -> {
            if (parent == null) { // another side pane (the members) took its place
                made.close();
            }
        });
        viewModel = made;
        panel = loaded;
        follow(service.openConversationProperty().get());
    }

    private ChangeListener<Boolean> closedBy(SearchPanel closing) {
        return (o, was, showing) -> {
            if (!showing && closing.root().getParent() != null) {
                chat.hideSidePane(closing.root());
                if (service.getOpenConversation().isPresent()) {
                    conversation.focusComposer();
                } else {
                    chat.focusNewChat();
                }
            }
        };
    }

    private void follow(ConversationId open) {
        if (viewModel != null) {
            if (open == null) {
                viewModel.clearOpenConversation();
            } else {
                viewModel.setOpenConversation(open);
            }
        }
    }

    private String conversationName(ConversationId id) {
        return service.getConversations().stream().filter(row -> row.conversation().equals(id)).findFirst()
                .map(ConversationItem::name).filter(name -> !name.isEmpty()).orElse(id.id());
    }

    /** Opens a result's conversation and reveals its message once the conversation's first page is in. */
    private void jump(SearchHit hit) {
        long chosen = System.nanoTime();
        if (!service.isOpen(hit.conversation()) && !service.openConversation(hit.conversation())) {
            return;
        }
        String serverId = hit.message().id();
        whenPageIn().thenCompose(ready -> conversation.reveal(serverId))
                .thenCompose(found -> found || !service.loadingOlderProperty().get()
                        ? CompletableFuture.completedFuture(found)
                        : whenPageIn().thenCompose(ready -> conversation.reveal(serverId))) // a page was on its way
                .thenAccept(found -> {
                    lastJumpNanos = System.nanoTime() - chosen;
                    LOG.log(Level.DEBUG, "search result {0} {1} in {2} ms", serverId,
                            found ? "shown" : "not found", lastJumpMillis());
                });
    }

    /** Completes on the FX thread once no history page of the open conversation is on its way. */
    private CompletableFuture<Void> whenPageIn() {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        if (!service.loadingOlderProperty().get()) {
            ready.complete(null);
            return ready;
        }
        service.loadingOlderProperty().addListener(new ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (!now) {
                    o.removeListener(this);
                    ready.complete(null);
                }
            }
        });
        return ready;
    }
}
