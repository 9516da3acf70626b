package dev.parley.client;

import java.time.Instant;
import java.util.Objects;

/**
 * A successful login.
 *
 * @param user            the user id as the server knows it (lowercase: {@code "Leo"} logs in as {@code leo})
 * @param expireTimestamp when the session's token expires
 */
public record LoginResult(String user, Instant expireTimestamp) {
    /** Checks that no component is null. */
    public LoginResult {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(expireTimestamp, "expireTimestamp");
    }
}
