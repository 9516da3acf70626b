package dev.parley.desktop.emoji;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.stage.PopupWindow;
import javafx.stage.Popup;

/**
 * The emoji picker: a popup with one tab a category (Smileys &amp; Emotion … Flags) and a grid of emoji pictures in
 * each. Choosing one (click, or Enter / Space on the focused one) gives its text to the consumer and closes the popup.
 * Keyboard: the arrow keys move in the grid (up and down by a row), Ctrl+Tab / Ctrl+Shift+Tab change the category,
 * Escape closes. A category's grid is built when its tab is first shown. FX thread only.
 */
public final class EmojiPicker {
    /** Pictures per row. */
    static final int COLUMNS = 9;
    private static final double CELL = 36;
    private static final double PICTURE = 24;

    private final EmojiSet set;
    private final EmojiText pictures;
    private final Consumer<String> choose;
    private final Popup popup = new Popup();
    private final TabPane tabs = new TabPane();

    /** A picker of {@code set}'s emoji that hands the chosen one's text to {@code choose}. */
    public EmojiPicker(EmojiSet set, Consumer<String> choose) {
        this.set = Objects.requireNonNull(set, "set");
        this.pictures = new EmojiText(set);
        this.choose = Objects.requireNonNull(choose, "choose");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("emojiTabs");
        for (String category : EmojiSet.CATEGORIES) {
            List<Emoji> emoji = set.category(category);
            if (emoji.isEmpty()) {
                continue;
            }
            Tab tab = new Tab();
            tab.setUserData(category);
            tab.setGraphic(pictures.picture(set.image(emoji.getFirst().text()).orElseThrow(), category, 20));
            tab.setTooltip(new Tooltip(category));
            tabs.getTabs().add(tab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((o, was, tab) -> fill(tab));
        fill(tabs.getSelectionModel().getSelectedItem());
        StackPane content = new StackPane(tabs);
        content.getStyleClass().add("emoji-picker");
        content.setPrefSize(COLUMNS * CELL + 40, 320);
        popup.getContent().add(content);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.setAnchorLocation(PopupWindow.AnchorLocation.WINDOW_BOTTOM_LEFT);
    }

    /** Opens the picker above {@code anchor} (the composer's emoji button), with the focus on the first emoji. */
    public void show(Node anchor) {
        Bounds screen = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, screen.getMinX(), screen.getMinY() - 4);
        focusFirst(tabs.getSelectionModel().getSelectedItem());
    }

    public void hide() {
        popup.hide();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    /** The popup (tests look nodes up in it). */
    public Popup popup() {
        return popup;
    }

    private void fill(Tab tab) {
        if (tab == null || tab.getContent() != null) {
            return;
        }
        TilePane grid = new TilePane();
        grid.setPrefColumns(COLUMNS);
        grid.setPrefTileWidth(CELL);
        grid.setPrefTileHeight(CELL);
        grid.setPadding(new Insets(4));
        for (Emoji e : set.category((String) tab.getUserData())) {
            grid.getChildren().add(cell(e));
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroll.addEventFilter(KeyEvent.KEY_PRESSED, event -> move(grid, scroll, event));
        tab.setContent(scroll);
        if (popup.isShowing()) {
            focusFirst(tab);
        }
    }

    private Button cell(Emoji e) {
        Button button = new Button();
        button.setGraphic(pictures.picture(set.image(e.text()).orElseThrow(), e.text(), PICTURE));
        button.getStyleClass().addAll("flat", "emoji-cell");
        button.setMinSize(CELL, CELL);
        button.setPrefSize(CELL, CELL);
        button.setAccessibleText(e.name());
        button.setUserData(e.text());
        button.setOnAction(event -> {
            popup.hide();
            choose.accept(e.text());
        });
        return button;
    }

    /** Arrow keys move the focus in the grid, a row being {@link #COLUMNS} wide; the grid scrolls to follow. */
    private void move(TilePane grid, ScrollPane scroll, KeyEvent event) {
        int step = switch (event.getCode()) {
            case LEFT -> -1;
            case RIGHT -> 1;
            case UP -> -COLUMNS;
            case DOWN -> COLUMNS;
            default -> 0;
        };
        if (step == 0 || event.isControlDown()) {
            return;
        }
        event.consume();
        List<Node> cells = grid.getChildren();
        int at = cells.indexOf(grid.getScene() == null ? null : grid.getScene().getFocusOwner());
        int next = Math.max(0, Math.min(cells.size() - 1, (at < 0 ? 0 : at) + (at < 0 ? 0 : step)));
        Node target = cells.get(next);
        target.requestFocus();
        double y = target.getBoundsInParent().getMinY();
        double hidden = grid.getHeight() - scroll.getViewportBounds().getHeight();
        if (hidden > 0) {
            double top = scroll.getVvalue() * hidden;
            double viewport = scroll.getViewportBounds().getHeight();
            if (y < top) {
                scroll.setVvalue(y / hidden);
            } else if (y + CELL > top + viewport) {
                scroll.setVvalue(Math.min(1, (y + CELL - viewport) / hidden));
            }
        }
    }

    private void focusFirst(Tab tab) {
        if (tab != null && tab.getContent() instanceof ScrollPane scroll && scroll.getContent() instanceof TilePane grid
                && !grid.getChildren().isEmpty()) {
            grid.getChildren().getFirst().requestFocus();
        }
    }

    /** Whether {@code event} opens the picker from the composer: Ctrl+E (Cmd+E on macOS). */
    public static boolean opens(KeyEvent event) {
        return event.getCode() == KeyCode.E && event.isShortcutDown() && !event.isShiftDown() && !event.isAltDown();
    }
}
