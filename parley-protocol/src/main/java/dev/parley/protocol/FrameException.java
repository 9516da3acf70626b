package dev.parley.protocol;

/** A frame could not be decoded or is invalid: malformed JSON, an unknown type, a missing or bad field. */
public final class FrameException extends ProtocolException {
    public FrameException(ErrorCode code, String message) {
        super(code, message);
    }

    public FrameException(ErrorCode code, String message, Throwable cause) {
        super(code, message, cause);
    }
}
