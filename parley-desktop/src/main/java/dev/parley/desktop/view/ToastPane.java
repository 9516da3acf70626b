package dev.parley.desktop.view;

import dev.parley.desktop.service.Toast;
import dev.parley.desktop.service.ToastKind;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.animation.FadeTransition;
import javafx.animation.PauseTransition;
import javafx.animation.SequentialTransition;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * Toast banners (at most {@link dev.parley.desktop.service.ToastCenter#MAX_TOASTS}) in a strip of their own at the
 * bottom of the window, newest at the bottom: the strip takes room in the layout, so a banner never covers an input
 * or a button. Each fades out after its kind's lifetime (the timer waits while the pointer is over it) and can be
 * dismissed with a click, its × button, or Escape (handled by the window).
 */
public final class ToastPane extends VBox {
    private static final Duration FADE = Duration.millis(400);
    /** A toast's width in a window that has room. */
    public static final double TOAST_WIDTH = 320;

    private final ToastsViewModel viewModel;
    private final Map<Toast, HBox> shown = new HashMap<>();
    private final DoubleProperty toastWidth = new SimpleDoubleProperty(this, "toastWidth", TOAST_WIDTH);

    /** A pane that shows the view model's toasts. */
    public ToastPane(ToastsViewModel viewModel) {
        super(8);
        this.viewModel = viewModel;
        getStyleClass().add("toast-pane");
        setPickOnBounds(false);
        setFillWidth(false);
        setAlignment(Pos.BOTTOM_RIGHT);
        setPadding(new Insets(0, 12, 0, 12));
        getChildren().addListener((ListChangeListener<Node>) change -> setPadding(getChildren().isEmpty()
                ? new Insets(0, 12, 0, 12) : new Insets(6, 12, 6, 12)));
        viewModel.getToasts().forEach(this::add);
        viewModel.getToasts().addListener((ListChangeListener<Toast>) change -> {
            while (change.next()) {
                change.getRemoved().forEach(this::remove);
                change.getAddedSubList().forEach(this::add);
            }
        });
    }

    /** The width of a toast (the window narrows it in small windows); 320 by default. */
    public DoubleProperty toastWidthProperty() {
        return toastWidth;
    }

    private void add(Toast toast) {
        Label text = new Label(toast.text());
        text.getStyleClass().add("toast-text");
        text.setWrapText(true);
        text.setMinHeight(Region.USE_PREF_SIZE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("×");
        close.getStyleClass().addAll("toast-close", "flat");
        close.setFocusTraversable(false);
        close.setAccessibleText("Dismiss");
        close.setOnAction(event -> viewModel.dismiss(toast));
        HBox node = new HBox(8, text, close);
        node.setAlignment(Pos.CENTER_LEFT);
        node.getStyleClass().add("toast");
        node.prefWidthProperty().bind(toastWidth);
        node.setMinWidth(0);
        node.pseudoClassStateChanged(PseudoClass.getPseudoClass(toast.kind().name().toLowerCase(Locale.ROOT)),
                true);
        node.setAccessibleRole(AccessibleRole.TEXT);
        node.setAccessibleText(toast.text());
        node.setUserData(toast);
        node.setOnMouseClicked(event -> viewModel.dismiss(toast));

        SequentialTransition life = new SequentialTransition(node,
                new PauseTransition(Duration.millis(lifetime(toast.kind()))), new FadeTransition(FADE));
        ((FadeTransition) life.getChildren().get(1)).setToValue(0);
        life.setOnFinished(event -> viewModel.dismiss(toast));
        node.setOnMouseEntered(event -> {
            life.stop();
            node.setOpacity(1);
        });
        node.setOnMouseExited(event -> life.playFromStart());
        node.getProperties().put(SequentialTransition.class, life);

        shown.put(toast, node);
        getChildren().add(node);
        life.play();
    }

    private void remove(Toast toast) {
        HBox node = shown.remove(toast);
        if (node != null) {
            if (node.getProperties().get(SequentialTransition.class) instanceof SequentialTransition life) {
                life.stop();
            }
            getChildren().remove(node);
        }
    }

    private static double lifetime(ToastKind kind) {
        return kind.lifetime().toMillis();
    }
}
