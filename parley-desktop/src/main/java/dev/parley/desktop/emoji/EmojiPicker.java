package dev.parley.desktop.emoji;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.geometry.Bounds;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.TilePane;
import javafx.stage.PopupWindow;
import javafx.stage.Popup;

/**
 * The emoji picker: a popup with a row of categories (Smileys &amp; Emotion … Flags, each shown by a picture) and a
 * grid of the chosen category's emoji. Choosing one (click, or Enter / Space on the focused one) gives its text to
 * the consumer and closes the popup.
 * Keyboard: the arrow keys move in the grid (up and down by a row), Ctrl+Tab / Ctrl+Shift+Tab change the category
 * (the focus goes to its first emoji), Escape closes; no key reaches the window below while it is open. A category's
 * grid is built when it is first shown. FX thread only.
 */
public final class EmojiPicker {
    /** Pictures per row. */
    static final int COLUMNS = 10;
    private static final double CELL = 36;
    private static final double PICTURE = 24;

    private final EmojiSet set;
    private final EmojiText pictures;
    private final Consumer<String> choose;
    private final Popup popup = new Popup();
    private final ToggleGroup categories = new ToggleGroup();
    private final StackPane shown = new StackPane();
    private final Map<String, ScrollPane> grids = new HashMap<>();

    /** A picker of {@code set}'s emoji that hands the chosen one's text to {@code choose}. */
    public EmojiPicker(EmojiSet set, Consumer<String> choose) {
        this.set = Objects.requireNonNull(set, "set");
        this.pictures = new EmojiText(set);
        this.choose = Objects.requireNonNull(choose, "choose");
        HBox header = new HBox(2);
        header.getStyleClass().add("emoji-categories");
        for (String category : EmojiSet.CATEGORIES) {
            List<Emoji> emoji = set.category(category);
            if (emoji.isEmpty()) {
                continue;
            }
            ToggleButton button = new ToggleButton();
            button.setGraphic(pictures.picture(set.image(emoji.getFirst().text()).orElseThrow(), category, 20));
            button.setTooltip(new Tooltip(category));
            button.setAccessibleText(category);
            button.setUserData(category);
            button.setFocusTraversable(false); // the keyboard changes the category with Ctrl+Tab
            button.getStyleClass().addAll("flat", "emoji-category");
            button.setToggleGroup(categories);
            header.getChildren().add(button);
        }
        categories.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                categories.selectToggle(was); // one category is always shown
            } else {
                showCategory((String) now.getUserData());
            }
        });
        categories.selectToggle(categories.getToggles().getFirst());
        BorderPane content = new BorderPane(shown);
        content.setTop(header);
        content.getStyleClass().add("emoji-picker");
        content.setPrefSize(COLUMNS * CELL + 28, 320);
        content.addEventFilter(KeyEvent.KEY_PRESSED, this::key);
        // No key leaks to the window below (Enter there would send the message) while the picker is open; Escape
        // is left to the popup, which closes on it.
        content.addEventHandler(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() != KeyCode.ESCAPE) {
                event.consume();
            }
        });
        popup.getContent().add(content);
        popup.setAutoHide(true);
        popup.setHideOnEscape(true);
        popup.setAnchorLocation(PopupWindow.AnchorLocation.WINDOW_BOTTOM_LEFT);
    }

    /** Opens the picker above {@code anchor} (the composer's emoji button), with the focus on the first emoji. */
    public void show(Node anchor) {
        Bounds screen = anchor.localToScreen(anchor.getBoundsInLocal());
        popup.show(anchor, screen.getMinX(), screen.getMinY() - 4);
        focusFirst();
    }

    public void hide() {
        popup.hide();
    }

    public boolean isShowing() {
        return popup.isShowing();
    }

    /** The category shown. */
    public String category() {
        return (String) categories.getSelectedToggle().getUserData();
    }

    private void showCategory(String category) {
        shown.getChildren().setAll(grids.computeIfAbsent(category, this::grid));
        focusFirst();
    }

    private ScrollPane grid(String category) {
        TilePane grid = new TilePane();
        grid.setPrefColumns(COLUMNS);
        grid.setPrefTileWidth(CELL);
        grid.setPrefTileHeight(CELL);
        grid.setPadding(new Insets(4));
        for (Emoji e : set.category(category)) {
            grid.getChildren().add(cell(e));
        }
        ScrollPane scroll = new ScrollPane(grid);
        scroll.setFitToWidth(true);
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
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

    /**
     * Ctrl+Tab / Ctrl+Shift+Tab change the category; the arrow keys move the focus in the grid, a row being
     * {@link #COLUMNS} wide, and the grid scrolls to follow.
     */
    private void key(KeyEvent event) {
        if (event.getCode() == KeyCode.TAB && event.isControlDown()) {
            event.consume();
            List<javafx.scene.control.Toggle> all = categories.getToggles();
            int at = all.indexOf(categories.getSelectedToggle());
            categories.selectToggle(all.get((at + (event.isShiftDown() ? all.size() - 1 : 1)) % all.size()));
            return;
        }
        int step = switch (event.getCode()) {
            case LEFT -> -1;
            case RIGHT -> 1;
            case UP -> -COLUMNS;
            case DOWN -> COLUMNS;
            default -> 0;
        };
        if (step == 0 || event.isControlDown() || !(shown.getChildren().getFirst() instanceof ScrollPane scroll)
                || !(scroll.getContent() instanceof TilePane grid)) {
            return;
        }
        event.consume();
        List<Node> cells = grid.getChildren();
        int at = cells.indexOf(grid.getScene() == null ? null : grid.getScene().getFocusOwner());
        int next = at < 0 ? 0 : Math.max(0, Math.min(cells.size() - 1, at + step));
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

    private void focusFirst() {
        if (popup.isShowing() && !shown.getChildren().isEmpty() && shown.getChildren().getFirst() instanceof ScrollPane s
                && s.getContent() instanceof TilePane grid && !grid.getChildren().isEmpty()) {
            grid.getChildren().getFirst().requestFocus();
        }
    }

    /** Whether {@code event} opens the picker from the composer: Ctrl+E (Cmd+E on macOS). */
    public static boolean opens(KeyEvent event) {
        return event.getCode() == KeyCode.E && event.isShortcutDown() && !event.isShiftDown() && !event.isAltDown();
    }
}
