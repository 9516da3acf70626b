package dev.parley.server.rest;

import dev.parley.server.blob.BlobException;

import dev.parley.server.account.AccountException;
import dev.parley.server.http.HttpAnswers;
import dev.parley.server.limit.LogLimiter;
import dev.parley.server.store.StoreException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The one place where a failure becomes an HTTP answer, for the front ({@link Exchange#fail}) and for Jersey (the
 * {@link ErrorMappers}) alike: {@link HttpError} as thrown, {@link AccountException} by kind, a full executor
 * ({@link RejectedExecutionException}) and a {@link StoreException} 503 {@code service_unavailable}, anything else
 * 500 {@code internal_error}. The last three are logged, at most one line per 10 s of each kind: a client can cause
 * them at will.
 */
final class Failures {
    private static final System.Logger LOG = System.getLogger(Failures.class.getName());
    private static final LogLimiter BUSY_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));
    private static final LogLimiter STORE_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));
    private static final LogLimiter FAILURE_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));

    /** An error answer: status, Agora error name, description, and how long to wait before trying again. */
    record Answer(int status, String error, String description, Optional<Duration> retryAfter, int code) {
        Answer(int status, String error, String description) {
            this(status, error, description, Optional.empty(), 0);
        }

        Answer(int status, String error, String description, Optional<Duration> retryAfter) {
            this(status, error, description, retryAfter, 0);
        }

        byte[] body() {
            return HttpAnswers.errorBody(error, description, code);
        }
    }

    private Failures() {
    }

    /** The answer to {@code failure} (unwrapped from a future's wrapper) for a request to {@code what}. */
    static Answer answer(Throwable failure, String what) {
        Throwable e = unwrap(failure);
        return switch (e) {
            case HttpError h -> new Answer(h.status, h.error, h.getMessage(), Optional.empty(), h.code);
            case BlobException.TooLarge t -> new Answer(413, "request_entity_too_large", t.getMessage());
            case BlobException.NotFound n -> new Answer(404, "service_resource_not_found", n.getMessage());
            case BlobException.WrongSecret w -> new Answer(401, "unauthorized", "wrong share-secret");
            case BlobException.Unavailable u -> {
                STORE_LOG.log(System.Logger.Level.ERROR, "REST {0} failed: {1}", what, u);
                yield new Answer(503, "service_unavailable", "server busy, try again");
            }
            case AccountException a -> switch (a.kind()) {
                case ILLEGAL_ARGUMENT -> new Answer(400, "illegal_argument", a.getMessage());
                case DUPLICATE -> new Answer(400, "duplicate_unique_property_exists", a.getMessage());
                case UNAUTHORIZED -> new Answer(401, "unauthorized", a.getMessage());
                case LOCKED -> new Answer(429, "reach_limit", a.getMessage(), Optional.of(a.retryAfter()));
                case UNAVAILABLE -> new Answer(503, "service_unavailable", a.getMessage());
            };
            case RejectedExecutionException r -> {
                BUSY_LOG.log(System.Logger.Level.WARNING, "REST {0} answered 503: its executor is full", what);
                yield new Answer(503, "service_unavailable", "server busy, try again");
            }
            case StoreException s -> {
                STORE_LOG.log(System.Logger.Level.ERROR, "REST {0} failed: {1}", what, s);
                yield new Answer(503, "service_unavailable", "server busy, try again");
            }
            default -> {
                FAILURE_LOG.log(System.Logger.Level.ERROR, "REST {0} failed: {1}", what, e);
                yield new Answer(500, "internal_error", "the server failed to answer");
            }
        };
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable e = failure;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
