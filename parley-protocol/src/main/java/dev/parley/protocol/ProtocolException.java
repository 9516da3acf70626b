package dev.parley.protocol;

/**
 * The one unchecked exception type of the protocol module. Each failure carries the {@link ErrorCode} a peer should
 * be told. Subtypes name the concern: {@link FrameException} for frames that cannot be decoded, and
 * {@link dev.parley.protocol.token.TokenException} for tokens that do not verify.
 */
public class ProtocolException extends RuntimeException {
    private final ErrorCode code;

    public ProtocolException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The error code to report for this failure. */
    public ErrorCode code() {
        return code;
    }
}
