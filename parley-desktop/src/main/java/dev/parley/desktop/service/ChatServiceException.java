package dev.parley.desktop.service;

/**
 * A request of the {@link ChatService} that failed; {@link #getMessage()} is a sentence for the user (no stack
 * trace, no token, no password) and the cause is the SDK's failure, for the log.
 */
public final class ChatServiceException extends RuntimeException {
    /** A failure with a user-facing sentence. */
    public ChatServiceException(String sentence, Throwable cause) {
        super(sentence, cause);
    }
}
