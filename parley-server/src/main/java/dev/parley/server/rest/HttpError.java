package dev.parley.server.rest;

/**
 * An answer other than 200, thrown from deep inside a resource or a filter: {@code status} with the Agora error name
 * {@code error} and the message as {@code error_description}. No stack trace: it is an answer, not a fault.
 */
final class HttpError extends RuntimeException {
    final int status;
    final String error;
    /** The Agora error number the body carries as {@code code} (protocol v2: groups, files), 0 for none. */
    final int code;

    HttpError(int status, String error, String description) {
        this(status, error, description, 0);
    }

    HttpError(int status, String error, String description, int code) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    /** The answer to a store's refusal, by its protocol error code. */
    static HttpError refused(dev.parley.protocol.ErrorCode code, String description) {
        return switch (code) {
            case GROUP_NOT_FOUND -> new HttpError(404, "service_resource_not_found", description, code.code());
            case USER_NOT_FOUND -> new HttpError(404, "service_resource_not_found", description, code.code());
            case GROUP_NOT_MEMBER, GROUP_PERMISSION_DENIED, GROUP_FULL, PERMISSION_DENIED ->
                    new HttpError(403, "forbidden_op", description, code.code());
            default -> new HttpError(400, "illegal_argument", description, code.code());
        };
    }

    /** 413 for a body over {@code limit} bytes. */
    static HttpError tooLarge(long limit) {
        return new HttpError(413, "request_entity_too_large", "body over " + limit + " bytes");
    }
}
