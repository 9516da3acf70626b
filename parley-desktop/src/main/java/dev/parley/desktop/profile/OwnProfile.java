package dev.parley.desktop.profile;

import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in user's profile as the server has it ({@link ProfileService#load()}).
 *
 * @param user     the user ID (lowercase)
 * @param nickname the display name, {@code ""} when none is set
 * @param avatar   the avatar image file's bytes as uploaded, if there is one
 */
record OwnProfile(String user, String nickname, Optional<byte[]> avatar) {
    OwnProfile {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(nickname, "nickname");
        Objects.requireNonNull(avatar, "avatar");
    }
}
