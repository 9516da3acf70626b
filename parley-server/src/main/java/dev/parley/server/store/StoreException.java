package dev.parley.server.store;

import dev.parley.server.ParleyServerException;

/**
 * The store could not read or write; nothing of the failed operation is durable. The message says what failed and
 * never carries a message body or a password hash.
 */
public final class StoreException extends ParleyServerException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
