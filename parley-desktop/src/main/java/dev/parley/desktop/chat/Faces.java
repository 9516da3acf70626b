package dev.parley.desktop.chat;

import javafx.beans.value.ObservableValue;
import javafx.scene.image.Image;

/**
 * What a {@link Face} shows of a person beside their initials: the picture they uploaded and whether they are online.
 * The conversation list, the header and the groups' member list ask the same source ({@link LiveViewModel} in the
 * window), so a person looks the same everywhere. {@link #INITIALS} stands for none (initials only, never online).
 * Threading: FX thread only.
 */
public interface Faces {
    /** Initials only: no pictures, nobody online (a view without a signed-in window behind it). */
    Faces INITIALS = new Faces() {
        @Override
        public ObservableValue<Image> picture(String user) {
            return null;
        }

        @Override
        public ObservableValue<Boolean> online(String user) {
            return null;
        }
    };

    /** {@code user}'s uploaded picture, holding {@code null} until it is in or when they have none; may be null. */
    ObservableValue<Image> picture(String user);

    /** Whether {@code user} is online now; {@code null} where online state is not shown. */
    ObservableValue<Boolean> online(String user);

    /**
     * Keeps the online state of {@code users} up to date from now on: people shown who are not in the conversation
     * list (a group's members) are not followed otherwise. Nothing by default.
     */
    default void watch(java.util.Collection<String> users) {
    }
}
