package dev.parley.protocol.token;

import java.time.Instant;
import java.util.Objects;

/**
 * What a successful verification established.
 *
 * @param userId    the token's user id, lowercased with {@link java.util.Locale#ROOT}; {@code ""} for an app token
 * @param issuedAt  when the token was issued (whole seconds)
 * @param expiresAt the first instant at which the token is no longer valid
 */
public record VerifiedToken(String userId, Instant issuedAt, Instant expiresAt) {
    /** Checks that no component is null. */
    public VerifiedToken {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
