package dev.parley.desktop.chat;

import javafx.scene.layout.Region;

/**
 * The initials avatar of {@link Avatar} for views outside this package (the groups screens), so that a person looks
 * the same in a group's member list as in a conversation. FX thread only.
 */
public final class Avatars {
    private Avatars() {
    }

    /** A round avatar of {@code size} pixels showing {@code user}'s initials on their colour. */
    public static Region of(String user, double size) {
        Avatar avatar = new Avatar(size);
        avatar.show(user);
        return avatar;
    }
}
