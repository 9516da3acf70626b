package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * A REST call that the server answered with an error: the HTTP status and the {@code error} string of the JSON body
 * {@code {"error", "error_description", "timestamp"}}, for example 400 {@code illegal_argument}, 400
 * {@code duplicate_unique_property_exists}, 401 {@code unauthorized}.
 * <p>
 * {@link #code()} is the numeric {@code code} of the error body when the server sends one (an Agora error number such
 * as 602 or 605); otherwise it maps the status: 401 from the token endpoint is {@link ErrorCode#LOGIN_FAILED} (1),
 * other 401 and 403 are {@link ErrorCode#AUTH_FAILED} (2), 404 is {@link ErrorCode#USER_NOT_FOUND} (204), 413 is
 * {@link ErrorCode#MESSAGE_TOO_LARGE} (511), 429 is {@link ErrorCode#RATE_LIMITED} (509), 5xx is
 * {@link ErrorCode#SERVER_BUSY} (500) and any other status is {@link ErrorCode#BAD_FRAME} (-3, invalid request); except
 * that for group calls 403 is {@link ErrorCode#GROUP_PERMISSION_DENIED} (603; {@link ErrorCode#GROUP_NOT_MEMBER}, 602,
 * when reading a group or leaving it) and 404 {@link ErrorCode#GROUP_NOT_FOUND} (605), and for file calls 404 is
 * {@link ErrorCode#FILE_NOT_FOUND} (400) and 413 {@link ErrorCode#FILE_TOO_LARGE} (405). Switch on {@link #error()}
 * (Agora's error names, which protocol version 2 uses) or {@link #httpStatus()} when the code is not precise enough.
 */
public final class ChatRestException extends ChatException {
    private final int httpStatus;
    private final String error;

    /**
     * A REST failure.
     *
     * @param code        the SDK code (see the class description)
     * @param httpStatus  the HTTP status
     * @param error       the {@code error} string of the body, or {@code "http_<status>"} when the body had none
     * @param description the {@code error_description}, or a short text
     */
    public ChatRestException(ErrorCode code, int httpStatus, String error, String description) {
        this(code.code(), httpStatus, error, description);
    }

    /**
     * A REST failure with a raw code (one the server sent in the error body, possibly unknown to this SDK).
     *
     * @param code        the SDK code
     * @param httpStatus  the HTTP status
     * @param error       the {@code error} string of the body, or {@code "http_<status>"} when the body had none
     * @param description the {@code error_description}, or a short text
     */
    public ChatRestException(int code, int httpStatus, String error, String description) {
        super(code, "HTTP " + httpStatus + " " + error + (description.isEmpty() ? "" : ": " + description));
        this.httpStatus = httpStatus;
        this.error = error;
    }

    /** The HTTP status the server answered with. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The {@code error} string of the answer, such as {@code illegal_argument}. */
    public String error() {
        return error;
    }
}
