package dev.parley.client;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's public profile ({@link UserInfoManager#fetchUserInfo}).
 *
 * @param username  the user id (lowercase)
 * @param nickname  the display name, {@code ""} when the user has none
 * @param avatarUrl where the avatar is ({@code GET}, with a user token), {@code ""} when the user has none
 * @param created   when the user registered ({@link Instant#EPOCH} if the server did not say)
 */
public record UserInfo(String username, String nickname, String avatarUrl, Instant created) {
    /** Checks that no component is null. */
    public UserInfo {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(avatarUrl, "avatarUrl");
        Objects.requireNonNull(created, "created");
    }

    /** The avatar's address, if the user has one. */
    public Optional<String> avatar() {
        return avatarUrl.isEmpty() ? Optional.empty() : Optional.of(avatarUrl);
    }

    /** What to call the user: the nickname, else the user id. */
    public String displayName() {
        return nickname.isBlank() ? username : nickname;
    }
}
