package dev.parley.server;

/**
 * The one unchecked exception type of the server module; subtypes name the concern (store, configuration …).
 */
public class ParleyServerException extends RuntimeException {
    public ParleyServerException(String message) {
        super(message);
    }

    public ParleyServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
