package dev.parley.server.account;

import dev.parley.server.ParleyServerException;

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
        /** The store could not do it now. */
        UNAVAILABLE
    }

    private final Kind kind;

    public AccountException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
