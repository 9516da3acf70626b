package dev.parley.protocol.token;

import dev.parley.protocol.token.TokenException.Reason;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Verifies AccessToken2 chat tokens for one app. Checks run in this order, and the first failure is reported:
 * malformed, wrong app, bad signature, kind (user or app token), wrong user, not yet valid, expired.
 * <ul>
 *   <li>The app id must equal the credentials' (ignoring hexadecimal case).</li>
 *   <li>The signature must match the app certificate (compared in constant time).</li>
 *   <li>A user token needs the chat user privilege and a non-empty user id; an app token needs the chat app
 *       privilege.</li>
 *   <li>User ids are compared after lowercasing both with {@link Locale#ROOT}.</li>
 *   <li>The issue time may be at most {@code allowedClockSkew} ahead of the clock.</li>
 *   <li>The token expires at issue time + min(token expire, privilege expire), and is refused from that instant on.
 *       An expire of 0 (no lifetime) is refused as expired: Parley only accepts expiring tokens.</li>
 * </ul>
 * Instances are immutable and thread-safe.
 */
public final class TokenVerifier {
    private final AppCredentials credentials;
    private final Clock clock;
    private final Duration allowedClockSkew;

    /**
     * A verifier for one app.
     *
     * @param credentials      the app's id and certificate
     * @param clock            the source of the current time
     * @param allowedClockSkew how far in the future a token's issue time may be (the app server's clock may run
     *                         ahead); not negative
     * @throws IllegalArgumentException if {@code allowedClockSkew} is negative
     */
    public TokenVerifier(AppCredentials credentials, Clock clock, Duration allowedClockSkew) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.allowedClockSkew = Objects.requireNonNull(allowedClockSkew, "allowedClockSkew");
        if (allowedClockSkew.isNegative()) {
            throw new IllegalArgumentException("allowedClockSkew must not be negative");
        }
    }

    /**
     * Verifies a chat user token issued for {@code expectedUserId}.
     *
     * @param token          the token text
     * @param expectedUserId the user who presents it; compared case-insensitively
     * @return the verified token, with the user id lowercased
     * @throws TokenException if the token does not verify
     */
    public VerifiedToken verifyUser(String token, String expectedUserId) {
        Objects.requireNonNull(expectedUserId, "expectedUserId");
        return verify(token, Kind.USER, expectedUserId);
    }

    /**
     * Verifies a chat user token, taking the user from the token.
     *
     * @param token the token text
     * @return the verified token, with the token's user id lowercased
     * @throws TokenException if the token does not verify
     */
    public VerifiedToken verifyUser(String token) {
        return verify(token, Kind.USER, null);
    }

    /**
     * Verifies a chat app token.
     *
     * @param token the token text
     * @return the verified token, with an empty user id
     * @throws TokenException if the token does not verify
     */
    public VerifiedToken verifyApp(String token) {
        return verify(token, Kind.APP, null);
    }

    private enum Kind {
        USER(AccessToken2.CHAT_USER_PRIVILEGE, Reason.NOT_A_USER_TOKEN, "token is not a chat user token"),
        APP(AccessToken2.CHAT_APP_PRIVILEGE, Reason.NOT_AN_APP_TOKEN, "token is not a chat app token");

        final int privilege;
        final Reason mismatch;
        final String message;

        Kind(int privilege, Reason mismatch, String message) {
            this.privilege = privilege;
            this.mismatch = mismatch;
            this.message = message;
        }
    }

    /** @param expectedUserId the expected user, or null for none */
    private VerifiedToken verify(String token, Kind kind, String expectedUserId) {
        AccessToken2 parsed = AccessToken2.parse(Objects.requireNonNull(token, "token"));

        if (!parsed.appId().equalsIgnoreCase(credentials.appId())) {
            throw new TokenException(Reason.WRONG_APP, "token was issued for another app");
        }

        byte[] expected = AccessToken2.sign(credentials.appCertificate(), parsed.issueTs(), parsed.salt(),
                parsed.signingInfoBytes());
        if (!MessageDigest.isEqual(expected, parsed.signatureBytes())) {
            throw new TokenException(Reason.BAD_SIGNATURE, "token signature does not match the app certificate");
        }

        Long privilegeExpire = parsed.chatPrivileges().get(kind.privilege);
        if (privilegeExpire == null || (kind == Kind.USER && parsed.userId().isEmpty())) {
            throw new TokenException(kind.mismatch, kind.message);
        }

        String userId = kind == Kind.USER ? parsed.userId().toLowerCase(Locale.ROOT) : "";
        if (expectedUserId != null && !userId.equals(expectedUserId.toLowerCase(Locale.ROOT))) {
            throw new TokenException(Reason.WRONG_USER, "token was issued for another user");
        }

        Instant now = clock.instant();
        Instant issuedAt = parsed.issuedAt();
        if (Duration.between(now, issuedAt).compareTo(allowedClockSkew) > 0) {
            throw new TokenException(Reason.NOT_YET_VALID, "token is issued in the future, beyond the allowed skew");
        }

        long lifetime = Math.min(parsed.expireSeconds(), privilegeExpire);
        if (lifetime == 0) {
            throw new TokenException(Reason.EXPIRED, "token has no lifetime (expire 0)");
        }
        Instant expiresAt = issuedAt.plusSeconds(lifetime);
        if (!now.isBefore(expiresAt)) {
            throw new TokenException(Reason.EXPIRED, "token has expired");
        }
        return new VerifiedToken(userId, issuedAt, expiresAt);
    }
}
