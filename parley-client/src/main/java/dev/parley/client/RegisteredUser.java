package dev.parley.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A user created by {@link ChatClient#registerUser}.
 *
 * @param username the user id as stored (lowercase)
 * @param nickname the nickname, {@code ""} when none was given
 * @param created  when the user was created
 */
public record RegisteredUser(String username, String nickname, Instant created) {
    /** Checks that no component is null. */
    public RegisteredUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(created, "created");
    }
}
