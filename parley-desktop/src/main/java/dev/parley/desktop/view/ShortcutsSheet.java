package dev.parley.desktop.view;

import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The keyboard shortcuts, shown over the window with F1 or "?" and closed with Escape or its button. The list here is
 * the one the README's "Shortcuts" section gives.
 */
final class ShortcutsSheet extends StackPane {
    /** The shortcuts: keys, then what they do. */
    static final List<List<String>> SHORTCUTS = List.of(
            List.of("Ctrl+N or Ctrl+K", "Start a new chat (the user ID field)"),
            List.of("Ctrl+Shift+N", "New group: name it, add members by user ID, Enter creates it"),
            List.of("Ctrl+Shift+M", "In a group: show or hide its members (rename, add, remove, leave)"),
            List.of("Ctrl+F", "Search messages, in this conversation or all (Enter shows the result, Escape closes)"),
            List.of("Escape", "In the new-chat field: clear it, then leave it; in the composer: stop replying or "
                    + "editing; elsewhere: close the newest banner"),
            List.of("Shift+F10", "In the messages: the selected message's menu (Copy, Reply, Edit, Recall)"),
            List.of("Ctrl+End", "After a jump to an older message: jump to the latest messages"),
            List.of("Ctrl+Tab / Ctrl+Shift+Tab", "Next / previous conversation"),
            List.of("Enter / Shift+Enter", "In the composer: send / new line"),
            List.of("Ctrl+E", "In the composer: the emoji picker (arrow keys move, Enter puts one in, Escape closes)"),
            List.of("Ctrl+O", "In the composer: attach images or files (or drop them on the conversation)"),
            List.of("Ctrl+V", "In the composer: a copied picture or files are sent; text is pasted"),
            List.of("Tab / Shift+Tab", "Move the focus (the composer takes no tab characters)"),
            List.of("Ctrl+C", "Copy the selected text of a message"),
            List.of("Delete", "In the conversation list: remove the conversation from the list"),
            List.of("Ctrl+,", "Settings: your profile, status, appearance and server (Escape closes)"),
            List.of("F1 or ?", "Show these shortcuts"));

    private final Button close = new Button("Close");

    ShortcutsSheet() {
        getStyleClass().add("shortcuts-overlay");
        GridPane grid = new GridPane(16, 6);
        for (int row = 0; row < SHORTCUTS.size(); row++) {
            Label keys = new Label(SHORTCUTS.get(row).get(0));
            keys.getStyleClass().add("shortcut-keys");
            keys.setMinWidth(Region.USE_PREF_SIZE);
            Label what = new Label(SHORTCUTS.get(row).get(1));
            what.setWrapText(true);
            grid.addRow(row, keys, what);
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("title-3");
        close.setId("closeShortcutsButton");
        close.setOnAction(e -> hide());
        VBox card = new VBox(12, title, grid, close);
        card.setId("shortcutsSheet");
        card.getStyleClass().add("shortcuts-card");
        card.setPadding(new Insets(16));
        card.setMaxSize(560, Region.USE_PREF_SIZE);
        card.setAlignment(Pos.TOP_LEFT);
        getChildren().add(card);
        setVisible(false);
        setOnMouseClicked(e -> {
            if (e.getTarget() == this) {
                hide();
            }
        });
    }

    void show() {
        setVisible(true);
        close.requestFocus();
    }

    void hide() {
        setVisible(false);
    }

    boolean isShowing() {
        return isVisible();
    }
}
