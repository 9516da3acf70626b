package dev.parley.desktop.live;

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
        getStyleClass().add("online-dot");
        getStylesheets().add(STYLE_SHEET);
        visibleProperty().bind(presence.onlineProperty());
        setAccessibleText("online");
        setMouseTransparent(true);
        StackPane.setAlignment(this, Pos.BOTTOM_RIGHT);
    }

    /** {@code avatar} with the dot of {@code presence} over its lower right corner. */
    public static StackPane overlay(Node avatar, UserPresence presence) {
        OnlineDot dot = new OnlineDot(presence);
        StackPane pane = new StackPane(avatar, dot);
        pane.getStyleClass().add("avatar-with-presence");
        return pane;
    }
}
