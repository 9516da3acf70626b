package dev.parley.desktop.chat;

import java.util.Locale;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Label;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;

/**
 * A round avatar with a person's initials on a colour of their own: the same user ID always gets the same colour
 * (from a hash of the ID, not of the session), so people are told apart at a glance. White text on each colour of
 * the palette has a contrast of at least 4.5:1. Where the user uploaded a picture ({@link AvatarPictures}) it is shown
 * instead, clipped round, at the same size, once it is in.
 */
public final class Avatar extends StackPane {
    /** Colours dark enough for white initials. */
    static final Color[] PALETTE = {
            Color.web("#1f6feb"), Color.web("#8250df"), Color.web("#bf3989"), Color.web("#cf222e"),
            Color.web("#9a6700"), Color.web("#1a7f37"), Color.web("#0969da"), Color.web("#6e7781"),
    };
    private final Label initials = new Label();
    /** The user's uploaded picture, round, over the initials; empty until it is in. */
    private final ImageView picture = new ImageView();

    /** An avatar {@code size} pixels across. */
    public Avatar(double size) {
        getStyleClass().add("avatar");
        initials.getStyleClass().add("avatar-initials");
        picture.setFitWidth(size);
        picture.setFitHeight(size);
        picture.setSmooth(true);
        picture.setClip(new Circle(size / 2, size / 2, size / 2));
        picture.visibleProperty().bind(picture.imageProperty().isNotNull());
        initials.visibleProperty().bind(picture.imageProperty().isNull());
        getChildren().addAll(initials, picture);
        setMinSize(size, size);
        setPrefSize(size, size);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        setStyle("-fx-background-radius: " + size / 2 + "px;");
    }

    /**
     * Shows {@code user}'s uploaded picture while {@code uploaded} holds one (initials until then and without one).
     */
    public void show(String user, ObservableValue<Image> uploaded) {
        show(user);
        picture.imageProperty().bind(uploaded);
    }

    /** Shows {@code user}'s initials (a group's: its name's), never a picture. */
    public void show(String user) {
        picture.imageProperty().unbind();
        picture.setImage(null);
        initials.setText(initialsOf(user));
        setStyle(getStyle().replaceAll("-fx-background-color: [^;]*;", "") + "-fx-background-color: "
                + web(colourFor(user)) + ";");
        setAccessibleText(user);
    }

    /** Up to two letters: the first of the ID and the first after a separator ("roy.smith" → "RS"), uppercase. */
    static String initialsOf(String user) {
        if (user.isEmpty()) {
            return "?";
        }
        StringBuilder letters = new StringBuilder().appendCodePoint(user.codePointAt(0));
        for (int i = 1; i < user.length() - 1; i++) {
            if ("._-".indexOf(user.charAt(i)) >= 0 && Character.isLetterOrDigit(user.charAt(i + 1))) {
                letters.append(user.charAt(i + 1));
                break;
            }
        }
        return letters.toString().toUpperCase(Locale.ROOT);
    }

    /** The colour of {@code user}: stable across runs and machines (a hash of its UTF-16 text). */
    static Color colourFor(String user) {
        return PALETTE[Math.floorMod(user.hashCode(), PALETTE.length)];
    }

    private static String web(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
