package dev.parley.desktop.live;

import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The small green dot on the avatar of someone who is online: a {@link Region} of style class {@code online-dot}
 * (green with a ring of the background's colour, from AtlantaFX's looked-up colours, so it reads in the light and the
 * dark theme), shown only while {@link UserPresence#onlineProperty()} is true. Its style sheet comes with it.
 * Threading: FX thread.
 */
public final class OnlineDot extends Region {
    private static final String STYLE_SHEET = OnlineDot.class.getResource("live.css").toExternalForm();

    /** A dot that shows while {@code presence} is online. */
    public OnlineDot(UserPresence presence) {
        this();
        follow(presence.onlineProperty());
    }

    /** A dot that is hidden until it {@link #follow follows} someone (a list cell's, reused from row to row). */
    public OnlineDot() {
        getStyleClass().add("online-dot");
        getStylesheets().add(STYLE_SHEET);
        setVisible(false);
        setAccessibleText("online");
        setMouseTransparent(true);
        StackPane.setAlignment(this, Pos.BOTTOM_RIGHT);
    }

    /** Shows while {@code online} is true; {@code null} hides it for good (a row without a dot). */
    public void follow(ObservableValue<Boolean> online) {
        visibleProperty().unbind();
        if (online == null) {
            setVisible(false);
        } else {
            visibleProperty().bind(online);
        }
    }

    /** {@code avatar} with the dot of {@code presence} over its lower right corner. */
    public static StackPane overlay(Node avatar, UserPresence presence) {
        OnlineDot dot = new OnlineDot(presence);
        StackPane pane = new StackPane(avatar, dot);
        pane.getStyleClass().add("avatar-with-presence");
        return pane;
    }
}
