package dev.parley.server.store;

/**
 * A registered user.
 *
 * @param username     lower-case user id
 * @param nickname     display name ({@code ""} when none)
 * @param passwordHash encoded salted hash ({@code ""} for a user who can only sign in with a token)
 * @param created      registration time, epoch milliseconds
 * @param avatar       the uuid of the avatar's upload ({@code ""} when none)
 */
public record UserRecord(String username, String nickname, String passwordHash, long created, String avatar) {
    public UserRecord {
        java.util.Objects.requireNonNull(avatar, "avatar");
    }

    /** A user without an avatar. */
    public UserRecord(String username, String nickname, String passwordHash, long created) {
        this(username, nickname, passwordHash, created, "");
    }

    @Override
    public String toString() {
        return "UserRecord[username=" + username + ", nickname=" + nickname + ", created=" + created + ", avatar="
                + avatar + "]";
    }
}
