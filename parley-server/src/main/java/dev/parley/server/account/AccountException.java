package dev.parley.server.account;

import dev.parley.server.ParleyServerException;
import java.time.Duration;

/** A registration or sign-in was refused; {@link #kind()} says how to answer it. */
public final class AccountException extends ParleyServerException {
    /** Why it was refused. */
    public enum Kind {
        /** A field is missing or invalid. */
        ILLEGAL_ARGUMENT,
        /** The user name is taken. */
        DUPLICATE,
        /** Wrong user name, password or app credentials. */
        UNAUTHORIZED,
        /** Too many failed sign-ins for this account: try again after {@link #retryAfter()}. */
        LOCKED,
        /** The store could not do it now. */
        UNAVAILABLE
    }

    private final Kind kind;
    private final Duration retryAfter;

    public AccountException(Kind kind, String message) {
        this(kind, message, Duration.ZERO);
    }

    private AccountException(Kind kind, String message, Duration retryAfter) {
        super(message);
        this.kind = kind;
        this.retryAfter = retryAfter;
    }

    /** A {@link Kind#LOCKED} refusal that lasts {@code retryAfter} more. */
    static AccountException locked(Duration retryAfter) {
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        return new AccountException(Kind.LOCKED,
                "too many failed sign-ins for this account, try again in " + seconds + " s",
                Duration.ofSeconds(seconds));
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#LOCKED}: how long until a sign-in is let through again (whole seconds); else zero. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
