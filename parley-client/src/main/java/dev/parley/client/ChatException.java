package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.util.Optional;

/**
 * The one unchecked exception of the SDK: a request that failed, with an error code in Agora Chat's numbering.
 * Futures returned by {@link ChatClient} fail with it (wrapped in a {@link java.util.concurrent.CompletionException}
 * by {@code join()}). Frequent codes: {@link ErrorCode#TIMEOUT} (-1), {@link ErrorCode#DISCONNECTED} (16),
 * {@link ErrorCode#NOT_LOGGED_IN} (39), {@link ErrorCode#TOKEN_INVALID} (28), {@link ErrorCode#TOKEN_EXPIRED} (56),
 * {@link ErrorCode#USER_NOT_FOUND} (204), and the server's send errors 500, 509 and 511.
 * {@link ChatRestException} adds the HTTP status of a failed REST call. Messages never contain tokens or passwords.
 */
public class ChatException extends RuntimeException {
    private final int code;

    /** A failure with a raw code (a number the server sent, possibly one this SDK does not know). */
    public ChatException(int code, String message) {
        super(message);
        this.code = code;
    }

    /** A failure with a known code. */
    public ChatException(ErrorCode code, String message) {
        this(code.code(), message);
    }

    /** A failure with a known code and a cause. */
    public ChatException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code.code();
    }

    /** The code as a number. */
    public int code() {
        return code;
    }

    /** The code, if Parley knows this number. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.of(code);
    }

    /** The code and message as an event value. */
    public ChatError toChatError() {
        return new ChatError(code, String.valueOf(getMessage()));
    }
}
