package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.util.Objects;
import java.util.Optional;

/**
 * An error reported through {@link ChatEventHandler#onError}.
 *
 * @param code    the error code, with Agora Chat's numbering (see {@link ErrorCode})
 * @param message a description for logs
 */
public record ChatError(int code, String message) {
    /** Checks that the message is not null. */
    public ChatError {
        Objects.requireNonNull(message, "message");
    }

    /** The known code, if Parley knows this number. */
    public Optional<ErrorCode> errorCode() {
        return ErrorCode.of(code);
    }
}
