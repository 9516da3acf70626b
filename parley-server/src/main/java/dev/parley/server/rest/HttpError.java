package dev.parley.server.rest;

/**
 * An answer other than 200, thrown from deep inside a resource or a filter: {@code status} with the Agora error name
 * {@code error} and the message as {@code error_description}. No stack trace: it is an answer, not a fault.
 */
final class HttpError extends RuntimeException {
    final int status;
    final String error;

    HttpError(int status, String error, String description) {
        super(description, null, false, false);
        this.status = status;
        this.error = error;
    }

    /** 413 for a body over {@code limit} bytes. */
    static HttpError tooLarge(long limit) {
        return new HttpError(413, "request_entity_too_large", "body over " + limit + " bytes");
    }
}
