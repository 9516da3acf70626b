package dev.parley.desktop.chat;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.geometry.Orientation;
import javafx.geometry.Point2D;
import dev.parley.desktop.emoji.EmojiText;
import javafx.scene.Cursor;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Path;
import javafx.scene.shape.PathElement;
import javafx.scene.text.HitInfo;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * A message's text: plain text runs and web links in a {@link TextFlow}, which wraps at word boundaries (a long link
 * also after its slashes, dots and the like, {@link Links#breakable}). A link opens in the system browser when
 * clicked. The text can be selected by dragging the mouse (one message at a time, {@link TextSelection}); the context
 * menu copies the selection, or the whole message, and "Copy link" copies the link under the mouse; the cell adds the
 * message's own actions to it ({@link #setMenuItems}). Never markup:
 * every run is a {@link Text}, and every emoji a picture ({@link EmojiText}); copying gives the emoji's characters.
 * Its accessible text (and what tests read) is the message's text.
 */
final class MessageBody extends Region {
    private final TextFlow flow = new TextFlow();
    private final Path highlight = new Path();
    private final Consumer<String> openLink;
    private final TextSelection selection;
    private final EmojiText emoji;
    /** The emoji pictured at each position of {@link #shown} that holds a picture (one character in the flow). */
    private final TreeMap<Integer, String> pictures = new TreeMap<>();
    private final ContextMenu menu = new ContextMenu();
    private final MenuItem copy = new MenuItem("Copy");
    private final MenuItem copyLink = new MenuItem("Copy link");
    /**
     * The text as the flow counts it: zero-width spaces in long links, and one {@link #PICTURE} character for each
     * emoji picture.
     */
    private String shown = "";
    private int anchor;
    private int caret;
    private String linkUnderMouse = "";
    /** The message's own items that apply now (Reply, Edit, Recall …), asked each time before the menu shows. */
    private java.util.function.Supplier<List<MenuItem>> ownItems = List::of;
    private final javafx.scene.control.SeparatorMenuItem separator = new javafx.scene.control.SeparatorMenuItem();
    /** Whether the primary button went down on this body and has not come up (a drag selects). */
    private boolean selecting;
    /**
     * The plain runs' nodes of the text shown, taken again for the next text's plain runs: a list cell shows one
     * message after another while the list scrolls, and a node new to the scene is styled from scratch (matching every
     * stylesheet rule), which was the larger part of a scrolled frame (JFR); a node whose text changes is laid out
     * again only.
     */
    private final List<Text> plainRuns = new ArrayList<>();

    /** What a picture counts as in {@link #shown} (a flow counts every node other than a Text as one character). */
    private static final char PICTURE = '\uFFFC';
    /** How high an emoji picture is in a message, in pixels (the text is 14 px). */
    static final double EMOJI_SIZE = 20;

    MessageBody(Consumer<String> openLink, TextSelection selection, EmojiText emoji) {
        this.openLink = openLink;
        this.selection = selection;
        this.emoji = emoji;
        getStyleClass().add("message-body");
        highlight.getStyleClass().add("message-selection");
        highlight.setManaged(false);
        highlight.setMouseTransparent(true);
        getChildren().addAll(highlight, flow);
        setCursor(Cursor.TEXT);
        copy.setId("copyMenuItem");
        copyLink.setId("copyLinkMenuItem");
        copy.setOnAction(e -> copyToClipboard(selectedText().isEmpty() ? getText() : selectedText()));
        copyLink.setOnAction(e -> copyToClipboard(linkUnderMouse));
        menu.getItems().addAll(copy, copyLink);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> selecting = false);
        setOnContextMenuRequested(e -> {
            showMenu(linkAt(e.getPickResult().getIntersectedNode()), e.getScreenX(), e.getScreenY());
            e.consume();
        });
    }

    /** Shows the context menu at a screen point; {@code link} is the link under the mouse, {@code ""} for none. */
    private void showMenu(String link, double screenX, double screenY) {
        List<MenuItem> own = ownItems.get();
        menu.getItems().setAll(copy, copyLink);
        if (!own.isEmpty()) {
            menu.getItems().add(separator);
            menu.getItems().addAll(own);
        }
        linkUnderMouse = link;
        copyLink.setVisible(!linkUnderMouse.isEmpty());
        copy.setText(selectedText().isEmpty() ? "Copy" : "Copy selection");
        menu.show(this, screenX, screenY);
    }

    /** Shows the context menu below the text's start (from the keyboard: the menu key or Shift+F10). */
    void showMenu() {
        javafx.geometry.Bounds b = localToScreen(getBoundsInLocal());
        if (b != null && !menu.isShowing()) {
            showMenu("", b.getMinX() + 8, b.getMinY() + Math.min(b.getHeight(), 20));
        }
    }

    /**
     * Gives the context menu the message's own items (Reply, Edit, Recall …), after Copy: {@code applicable} is asked
     * each time before the menu shows, for those that apply to the message then.
     */
    void setMenuItems(java.util.function.Supplier<List<MenuItem>> applicable) {
        ownItems = applicable;
    }

    /**
     * Shows {@code text}; another text clears the selection in this body (the same text again keeps it: a cell is
     * updated when its message's status changes, and on layout).
     */
    void setText(String text) {
        if (!flow.getChildren().isEmpty() && text.equals(getText())) {
            return;
        }
        selection.release(this);
        anchor = 0;
        caret = 0;
        highlight.getElements().clear();
        List<Node> runs = new ArrayList<>();
        StringBuilder all = new StringBuilder();
        pictures.clear();
        Iterator<Text> spare = List.copyOf(plainRuns).iterator();
        plainRuns.clear();
        Function<String, Text> plainRun = run -> {
            Text node = spare.hasNext() ? spare.next() : plain("");
            node.setText(run);
            plainRuns.add(node);
            return node;
        };
        for (Links.Run run : Links.split(text)) {
            if (!run.link()) {
                for (Node node : emoji.nodes(run.text(), EMOJI_SIZE, plainRun)) {
                    String pictured = EmojiText.emojiOf(node);
                    if (pictured != null) {
                        pictures.put(all.length(), pictured);
                        all.append(PICTURE);
                    } else {
                        all.append(((Text) node).getText());
                    }
                    runs.add(node);
                }
                continue;
            }
            Text node = new Text(Links.breakable(run.text()));
            node.getStyleClass().add("message-link");
            String url = run.text();
            node.setUserData(url);
            node.setCursor(Cursor.HAND);
            node.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.isStillSincePress() && selectedText().isEmpty()) {
                    openLink.accept(url);
                }
            });
            all.append(node.getText());
            runs.add(node);
        }
        shown = all.toString();
        if (!runs.equals(flow.getChildren())) { // the same nodes (one plain run, as most messages are) stay put
            flow.getChildren().setAll(runs);
        }
        setAccessibleText(text);
    }

    private static Text plain(String text) {
        Text node = new Text(text);
        node.getStyleClass().add("message-text");
        return node;
    }

    /** The message's text. */
    String getText() {
        return original(0, shown.length());
    }

    /** Characters {@code from} to {@code to} of {@link #shown} as the message has them: emoji for pictures. */
    private String original(int from, int to) {
        StringBuilder text = new StringBuilder(to - from);
        int i = from;
        for (Map.Entry<Integer, String> picture : pictures.subMap(from, to).entrySet()) {
            text.append(shown, i, picture.getKey()).append(picture.getValue());
            i = picture.getKey() + 1;
        }
        text.append(shown, i, to);
        return Links.withoutBreaks(text.toString());
    }

    /** The selected part of the text, {@code ""} when nothing is selected. */
    String selectedText() {
        int from = Math.min(anchor, caret);
        int to = Math.min(Math.max(anchor, caret), shown.length());
        return from < to ? original(from, to) : "";
    }

    /** Selects characters {@code from} to {@code to} of the text as shown (the mouse does this). */
    void select(int from, int to) {
        anchor = Math.max(0, Math.min(from, shown.length()));
        caret = Math.max(0, Math.min(to, shown.length()));
        if (anchor != caret) {
            selection.take(this);
        }
        showSelection();
    }

    /** Drops the selection (another message was selected). */
    void clearSelection() {
        anchor = caret;
        highlight.getElements().clear();
    }

    private void pressed(MouseEvent e) {
        selecting = e.getButton() == MouseButton.PRIMARY;
        if (!selecting) {
            return;
        }
        int at = indexAt(e);
        if (e.isShiftDown() && selection.owner() == this) {
            select(anchor, at);
        } else if (e.getClickCount() >= 2) {
            selectAll();
        } else {
            selection.take(this);
            select(at, at);
        }
    }

    private void dragged(MouseEvent e) {
        if (selecting) {
            select(anchor, indexAt(e));
            e.consume();
        }
    }

    private void selectAll() {
        select(0, shown.length());
    }

    private int indexAt(MouseEvent e) {
        Point2D local = flow.sceneToLocal(e.getSceneX(), e.getSceneY());
        HitInfo hit = flow.hitTest(local);
        return Math.max(0, Math.min(hit.getInsertionIndex(), shown.length()));
    }

    private void showSelection() {
        int from = Math.min(anchor, caret);
        int to = Math.max(anchor, caret);
        if (from == to) {
            highlight.getElements().clear();
            return;
        }
        PathElement[] shape = flow.rangeShape(from, to);
        highlight.getElements().setAll(shape);
        highlight.setLayoutX(flow.getLayoutX());
        highlight.setLayoutY(flow.getLayoutY());
    }

    private static String linkAt(Node node) {
        return node instanceof Text t && t.getUserData() instanceof String url ? url : "";
    }

    static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    // ---- layout: the flow's size, its height for a given width ----------------------------------------------------

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computePrefWidth(double height) {
        return flow.prefWidth(-1) + snappedLeftInset() + snappedRightInset();
    }

    @Override
    protected double computeMinWidth(double height) {
        return 0;
    }

    @Override
    protected double computePrefHeight(double width) {
        double inner = width < 0 ? -1 : Math.max(0, width - snappedLeftInset() - snappedRightInset());
        return flow.prefHeight(inner) + snappedTopInset() + snappedBottomInset();
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected void layoutChildren() {
        flow.resizeRelocate(snappedLeftInset(), snappedTopInset(),
                getWidth() - snappedLeftInset() - snappedRightInset(),
                getHeight() - snappedTopInset() - snappedBottomInset());
        showSelection();
    }
}
