package dev.parley.protocol;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Error codes carried by {@code error} frames and by SDK failures. The numbers are the Agora Chat SDK's, so that what
 * a developer knows about Agora's codes carries over; {@link #BAD_FRAME} and {@link #TIMEOUT} reuse the SDK's negative
 * request codes.
 */
public enum ErrorCode {
    /** The send or request did not complete in time (client side). */
    TIMEOUT(-1, "request timed out"),
    /** A frame could not be understood: malformed JSON, unknown type, missing or invalid field. */
    BAD_FRAME(-3, "invalid request"),
    /** Login failed, for instance a wrong password. */
    LOGIN_FAILED(1, "login failed"),
    /** Authentication failed. */
    AUTH_FAILED(2, "authentication failed"),
    /** The connection was lost (client side). */
    DISCONNECTED(16, "socket disconnected"),
    /** The app key is malformed or not served here. */
    APP_KEY_INVALID(27, "app key invalid"),
    /** The token is malformed, forged, or for another app or user. */
    TOKEN_INVALID(28, "token invalid"),
    /** A frame other than {@code open} arrived before the session was opened. */
    NOT_LOGGED_IN(39, "not logged in"),
    /** An upper limit was reached, such as the number of devices. */
    LIMIT_REACHED(50, "upper limit reached"),
    /** The token has expired. */
    TOKEN_EXPIRED(56, "token expired"),
    /** The user does not exist. */
    USER_NOT_FOUND(204, "user not found"),
    /** Not allowed: recalling or editing another user's message, reading another user's data. */
    PERMISSION_DENIED(210, "permission denied"),
    /** The server could not do it now, for instance it could not store a message. */
    SERVER_BUSY(500, "server busy"),
    /** A local file to upload is missing or unreadable, or the server has no file by that id (client side). */
    FILE_NOT_FOUND(400, "file not found"),
    /** A file could not be uploaded (client side). */
    FILE_UPLOAD_FAILED(402, "file upload failed"),
    /** A downloaded file could not be written (client side). */
    FILE_DOWNLOAD_FAILED(403, "file download failed"),
    /** The file is larger than the server accepts (client side, from an HTTP 413 answer). */
    FILE_TOO_LARGE(405, "file too large"),
    /** The user sends faster than the configured rate. */
    RATE_LIMITED(509, "rate limited"),
    /** A send failed because the connection is not open (client side). */
    SEND_FAILED_DISCONNECTED(510, "send failed: socket disconnected"),
    /** The message (or the frame holding it) is over the size limit. */
    MESSAGE_TOO_LARGE(511, "message too large"),
    /** The recall window has passed. */
    RECALL_WINDOW_PASSED(504, "message recall time limit exceeded"),
    /** The group id is not a group id. */
    GROUP_INVALID_ID(600, "invalid group id"),
    /** The user is not a member of the group. */
    GROUP_NOT_MEMBER(602, "not a member of the group"),
    /** Only the group's owner or an admin may do this. */
    GROUP_PERMISSION_DENIED(603, "not allowed in the group"),
    /** The group has as many members as it may. */
    GROUP_FULL(604, "group full"),
    /** There is no such group. */
    GROUP_NOT_FOUND(605, "group not found");

    private static final Map<Integer, ErrorCode> BY_CODE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(ErrorCode::code, Function.identity()));

    private final int code;
    private final String description;

    ErrorCode(int code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** A short English description. */
    public String description() {
        return description;
    }

    /** The code with this number, if Parley knows it. */
    public static Optional<ErrorCode> of(int code) {
        return Optional.ofNullable(BY_CODE.get(code));
    }
}
