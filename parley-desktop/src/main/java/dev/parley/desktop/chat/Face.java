package dev.parley.desktop.chat;

import dev.parley.desktop.live.OnlineDot;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * A person's face as the lists show it: their {@link Avatar} (the uploaded picture, else initials on their colour)
 * with the {@link OnlineDot} over its lower right corner while they are online; a group's initials without a dot. One
 * piece for the conversation list's rows and the groups' member rows, reused from row to row by their cells
 * ({@link #showPerson} rebinds). FX thread only.
 */
public final class Face extends StackPane {
    private final Avatar avatar;
    private final OnlineDot dot = new OnlineDot();

    /** A face {@code size} pixels across, showing nobody yet. */
    public Face(double size) {
        avatar = new Avatar(size);
        getStyleClass().add("avatar-with-presence");
        getChildren().addAll(avatar, dot);
        setMinWidth(Region.USE_PREF_SIZE);
        setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
    }

    /** Shows {@code user}: their picture and online state as {@code faces} has them. */
    public void showPerson(String user, Faces faces) {
        var picture = faces.picture(user);
        if (picture == null) {
            avatar.show(user);
        } else {
            avatar.show(user, picture);
        }
        dot.follow(faces.online(user));
    }

    /** Shows a group's initials (of {@code name}), never a picture or a dot. */
    public void showGroup(String name) {
        avatar.show(name);
        dot.follow(null);
    }

    /** Shows nobody (an empty cell): no picture or dot stays bound to the last person. */
    public void clear() {
        avatar.show("");
        dot.follow(null);
    }
}
