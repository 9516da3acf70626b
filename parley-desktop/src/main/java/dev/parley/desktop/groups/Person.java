package dev.parley.desktop.groups;

import java.util.Objects;

/**
 * A user as the groups screens show them: their user ID and their nickname ({@code ""} when they have none).
 *
 * @param userId   the user ID (lowercase)
 * @param nickname the display name the user chose, {@code ""} for none
 */
public record Person(String userId, String nickname) {
    /** Checks that no component is null. */
    public Person {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(nickname, "nickname");
    }

    /** What to call the person: the nickname, else the user ID. */
    public String displayName() {
        return nickname.isBlank() ? userId : nickname;
    }
}
