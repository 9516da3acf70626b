package dev.parley.protocol.token;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolException;
import java.util.Objects;

/**
 * A token that cannot be parsed or does not verify. The {@link #reason()} says why; the {@link #code()} is
 * {@link ErrorCode#TOKEN_EXPIRED} for {@link Reason#EXPIRED} and {@link ErrorCode#TOKEN_INVALID} for every other
 * reason. Messages never contain the token text or the app certificate.
 */
public final class TokenException extends ProtocolException {
    /** Why a token was refused. */
    public enum Reason {
        /** Not a well-formed AccessToken2: wrong version, bad base64 or zlib, truncated, oversized, trailing data. */
        MALFORMED,
        /** The signature does not match the app certificate: forged, tampered with, or signed with another certificate. */
        BAD_SIGNATURE,
        /** The token was issued for another app id. */
        WRONG_APP,
        /** The token was issued for another user than the one expected. */
        WRONG_USER,
        /** A user token was required, but the token has no chat user privilege (or no user id). */
        NOT_A_USER_TOKEN,
        /** An app token was required, but the token has no chat app privilege. */
        NOT_AN_APP_TOKEN,
        /** The token's issue time is further in the future than the allowed clock skew. */
        NOT_YET_VALID,
        /** The token's lifetime has ended, or it has none (an expire of 0). */
        EXPIRED
    }

    private final Reason reason;

    /**
     * A token failure.
     *
     * @param reason  why the token was refused
     * @param message a description for logs; it must not contain the token or any secret
     */
    public TokenException(Reason reason, String message) {
        super(codeFor(reason), message);
        this.reason = reason;
    }

    /** Why the token was refused. */
    public Reason reason() {
        return reason;
    }

    private static ErrorCode codeFor(Reason reason) {
        return Objects.requireNonNull(reason, "reason") == Reason.EXPIRED
                ? ErrorCode.TOKEN_EXPIRED
                : ErrorCode.TOKEN_INVALID;
    }
}
