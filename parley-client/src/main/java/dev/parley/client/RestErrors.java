package dev.parley.client;

import dev.parley.protocol.ErrorCode;

/**
 * How a REST area's HTTP failures become SDK codes ({@link ChatRestException#code()}). The HTTP status and the
 * {@code error} name (Agora's, such as {@code illegal_argument} or {@code forbidden_op}) are always kept as they came;
 * the code is for callers that switch on Agora's numbers. A numeric {@code code} in the error body, if the server sends
 * one, wins over this table.
 *
 * @param unauthorized 401
 * @param forbidden    403
 * @param notFound     404
 * @param tooLarge     413
 */
record RestErrors(ErrorCode unauthorized, ErrorCode forbidden, ErrorCode notFound, ErrorCode tooLarge) {
    /** Most calls: 401 and 403 → 2, 404 → 204, 413 → 511. */
    static final RestErrors DEFAULT = new RestErrors(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED,
            ErrorCode.USER_NOT_FOUND, ErrorCode.MESSAGE_TOO_LARGE);
    /** The token endpoint: a wrong password (401) is a failed login, 1. */
    static final RestErrors TOKEN = new RestErrors(ErrorCode.LOGIN_FAILED, ErrorCode.AUTH_FAILED,
            ErrorCode.USER_NOT_FOUND, ErrorCode.MESSAGE_TOO_LARGE);
    /** Changing a group: 403 → 603 (not the owner or an admin), 404 → 605. */
    static final RestErrors GROUP_ADMIN = new RestErrors(ErrorCode.AUTH_FAILED, ErrorCode.GROUP_PERMISSION_DENIED,
            ErrorCode.GROUP_NOT_FOUND, ErrorCode.MESSAGE_TOO_LARGE);
    /** Reading a group or leaving it: 403 → 602 (not a member), 404 → 605. */
    static final RestErrors GROUP_MEMBER = new RestErrors(ErrorCode.AUTH_FAILED, ErrorCode.GROUP_NOT_MEMBER,
            ErrorCode.GROUP_NOT_FOUND, ErrorCode.MESSAGE_TOO_LARGE);
    /** Files and avatars: 404 → 400 (no such file), 413 → 405 (file too large). */
    static final RestErrors FILES = new RestErrors(ErrorCode.AUTH_FAILED, ErrorCode.AUTH_FAILED,
            ErrorCode.FILE_NOT_FOUND, ErrorCode.FILE_TOO_LARGE);

    /** The SDK code of an HTTP failure with this status. */
    ErrorCode codeFor(int status) {
        return switch (status) {
            case 401 -> unauthorized;
            case 403 -> forbidden;
            case 404 -> notFound;
            case 413 -> tooLarge;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> status >= 500 ? ErrorCode.SERVER_BUSY : ErrorCode.BAD_FRAME;
        };
    }
}
