package dev.parley.desktop.chat;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/**
 * Keeps the window's top bar inside a narrow window: while the bar is narrower than it needs to show everything (its
 * fixed controls at their preferred widths, plus some room for the user's name), the {@code collapsible} controls
 * (Notifications, the theme, Settings, Sign out) are taken out and the {@code more} menu, which holds the same
 * actions, is shown in their place; the connection state stays, and the user's name is cut with "…" first. The
 * needed width is measured from the controls themselves, so a longer label (another theme's name, a larger font)
 * collapses sooner. FX thread only.
 */
final class TopBarFit {
    /** Room kept for the user's name (cut with "…" below its own width) before the controls collapse. */
    static final double NAME_ROOM = 60;

    private TopBarFit() {
    }

    /** Collapses {@code collapsible} into {@code more} while {@code bar} is too narrow for them. */
    static void install(HBox bar, List<? extends Region> collapsible, Node more) {
        List<ObservableValue<?>> dependencies = new ArrayList<>(List.of(bar.widthProperty()));
        for (Node child : bar.getChildren()) { // a text that changes (the connection state) changes what is needed
            if (child instanceof Labeled labeled) {
                dependencies.add(labeled.textProperty());
            }
        }
        BooleanBinding compact = Bindings.createBooleanBinding(() -> bar.getWidth() > 0
                && bar.getWidth() < needed(bar, collapsible, more), dependencies.toArray(ObservableValue<?>[]::new));
        for (Region control : collapsible) {
            control.visibleProperty().bind(compact.not());
            control.managedProperty().bind(control.visibleProperty());
        }
        more.visibleProperty().bind(compact);
        more.managedProperty().bind(more.visibleProperty());
    }

    /**
     * The width the bar needs to show every control at its preferred width but {@code more} (and the user's name,
     * given {@link #NAME_ROOM}).
     */
    private static double needed(HBox bar, List<? extends Region> collapsible, Node more) {
        double width = bar.getInsets().getLeft() + bar.getInsets().getRight() + NAME_ROOM;
        int shown = 0;
        for (Node child : bar.getChildren()) {
            if (child == more || !(collapsible.contains(child) || child.isManaged())) { // theirs: from compact
                continue;
            }
            shown++;
            if (!child.getStyleClass().contains("current-user")) {
                width += child.prefWidth(-1);
            }
        }
        return width + bar.getSpacing() * Math.max(0, shown - 1);
    }
}
