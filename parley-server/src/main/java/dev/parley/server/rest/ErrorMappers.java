package dev.parley.server.rest;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * Jersey's exception mappers: every failure is answered as {@code {"error","error_description","timestamp"}} with
 * Agora's error names, as the REST API always answered. Ours go through {@link Failures}; Jersey's own
 * ({@link WebApplicationException}) are renamed: no resource 404 {@code not_found} (a method the path does not take
 * too, as before), a body type no resource takes 415 {@code unsupported_media_type}, anything else of Jersey's
 * {@code illegal_argument} with its status.
 */
final class ErrorMappers {
    private ErrorMappers() {
    }

    /** A JSON error response for {@code answer}. */
    static Response response(Failures.Answer answer) {
        Response.ResponseBuilder r = Response.status(answer.status()).type(Answers.JSON_TYPE)
                .entity(answer.body());
        answer.retryAfter().ifPresent(d -> r.header("Retry-After", Long.toString(d.toSeconds())));
        return r.build();
    }

    /** Maps what resources and filters throw. */
    static final class Failed implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable failure) {
            return response(Failures.answer(failure, "request"));
        }
    }

    /** Maps Jersey's own refusals. */
    static final class Refused implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            int status = e.getResponse().getStatus();
            return response(switch (e) {
                case NotFoundException n -> new Failures.Answer(404, "not_found", "no such resource");
                case NotAllowedException n -> new Failures.Answer(404, "not_found", "no such resource");
                case NotSupportedException n -> new Failures.Answer(415, "unsupported_media_type",
                        "the body must be JSON, sent with Content-Type: application/json");
                default -> status >= 500 ? Failures.answer(e, "request")
                        : new Failures.Answer(status, "illegal_argument", e.getMessage());
            });
        }
    }
}
