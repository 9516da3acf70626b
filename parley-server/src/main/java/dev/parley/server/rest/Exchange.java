package dev.parley.server.rest;

import dev.parley.server.account.AccountException;
import dev.parley.server.http.HttpAnswers;
import dev.parley.server.limit.LogLimiter;
import dev.parley.server.store.StoreException;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * One REST request and its answer. The response is suspended from the start, so no thread waits with it: the body is
 * read as it arrives ({@link BodyReader}), work runs on the executor of its kind, and whichever thread has the answer
 * writes it and resumes the response. The first answer wins; later ones (a timeout racing a result) are dropped.
 * <p>
 * Errors are mapped in one place ({@link #fail}): {@link HttpError} as thrown, {@link AccountException} by kind,
 * {@link StoreException} 503 (logged), {@link RejectedExecutionException} 503 "server busy", anything else 500
 * (logged).
 * <p>
 * Threading: any thread may answer; {@link #lock} orders an answer with the body reader's use of the request.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
    private static final LogLimiter BUSY_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));
    private static final LogLimiter FAILURE_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final Request request;
    private final Response response;
    /** Kept apart: the request is recycled once answered, and a late failure still names it in the log. */
    private final String uri;
    /** Guards {@link #answered}, {@link #deadline} and the request's input while the body is read. */
    final Object lock = new Object();
    private boolean answered;
    /** True while the request may still have body bytes on the wire that nobody read. */
    private boolean unreadBody;
    private Future<?> deadline;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.uri = request.getRequestURI();
        long length = request.getContentLengthLong();
        this.unreadBody = length > 0 || (length < 0 && request.getRequest().isChunked());
        response.suspend();
    }

    Request request() {
        return request;
    }

    /** Whether an answer was given (or the connection was lost); then nothing more may touch the request. */
    boolean answered() {
        synchronized (lock) {
            return answered;
        }
    }

    /** A timer that answers on its own (the body deadline); cancelled by the answer. */
    void deadline(Future<?> timer) {
        synchronized (lock) {
            if (answered) {
                timer.cancel(false);
            } else {
                this.deadline = timer;
            }
        }
    }

    /** The whole body has been read: its deadline is over, and the connection may be kept alive after the answer. */
    void bodyRead() {
        synchronized (lock) {
            unreadBody = false;
            cancelDeadline();
        }
    }

    /** Runs {@code work} on {@code executor}; when the executor is full the answer is 503 at once. */
    void run(Executor executor, Runnable work) {
        try {
            executor.execute(() -> {
                try {
                    work.run();
                } catch (RuntimeException | Error e) {
                    fail(e);
                }
            });
        } catch (RejectedExecutionException e) {
            fail(e);
        }
    }

    void json(int status, JsonValue body) {
        answer(status, body.toString().getBytes(StandardCharsets.UTF_8), Optional.empty());
    }

    void error(int status, String error, String description) {
        answer(status, HttpAnswers.errorBody(error, description), Optional.empty());
    }

    /** Answers the failure a handler, a future or the body reader ended with. */
    void fail(Throwable failure) {
        Throwable e = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (answered()) {
            return; // answered already (the body deadline): nobody to tell
        }
        switch (e) {
            case HttpError h -> error(h.status, h.error, h.getMessage());
            case AccountException a -> {
                switch (a.kind()) {
                    case ILLEGAL_ARGUMENT -> error(400, "illegal_argument", a.getMessage());
                    case DUPLICATE -> error(400, "duplicate_unique_property_exists", a.getMessage());
                    case UNAUTHORIZED -> error(401, "unauthorized", a.getMessage());
                    case LOCKED -> answer(429, HttpAnswers.errorBody("reach_limit", a.getMessage()),
                            Optional.of(a.retryAfter()));
                    case UNAVAILABLE -> error(503, "service_unavailable", a.getMessage());
                }
            }
            case RejectedExecutionException r -> {
                BUSY_LOG.log(System.Logger.Level.WARNING, "REST {0} answered 503: its executor is full", uri);
                error(503, "service_unavailable", "server busy, try again");
            }
            case StoreException s -> {
                FAILURE_LOG.log(System.Logger.Level.ERROR, "REST {0} failed: {1}", uri, s);
                error(503, "service_unavailable", "server busy, try again");
            }
            default -> {
                FAILURE_LOG.log(System.Logger.Level.ERROR, "REST {0} failed: {1}", uri, e);
                error(500, "internal_error", "the server failed to answer");
            }
        }
    }

    /**
     * The connection went away while the body was read: there is nobody to answer, but the response must be resumed
     * so that Grizzly releases it.
     */
    void abandon() {
        synchronized (lock) {
            if (answered) {
                return;
            }
            answered = true;
            cancelDeadline();
        }
        try {
            response.resume();
        } catch (IllegalStateException alreadyCancelled) {
            // Grizzly cancelled it itself when the connection closed
        }
    }

    private void answer(int status, byte[] body, Optional<Duration> retryAfter) {
        boolean close;
        synchronized (lock) {
            if (answered) {
                return;
            }
            answered = true;
            cancelDeadline();
            close = unreadBody;
        }
        Connection<?> connection = request.getRequest().getConnection();
        try {
            response.setStatus(status, HttpAnswers.reasonPhrase(status));
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(body.length);
            retryAfter.ifPresent(d -> response.setHeader("Retry-After", Long.toString(d.toSeconds())));
            if (close) {
                // the rest of the body is not worth reading (or never comes): end the connection after the answer
                response.setHeader("Connection", "close");
            }
            response.getOutputStream().write(body);
        } catch (IOException | IllegalStateException e) {
            // the connection is gone, or the response was cancelled: nobody to tell
            close = true;
        } finally {
            try {
                response.resume();
            } catch (IllegalStateException alreadyCancelled) {
                close = true;
            }
            if (close) {
                connection.closeSilently();
            } else {
                readNextRequest(connection);
            }
        }
    }

    /**
     * Makes sure the connection reads again once the answer is out. When a body arrived after its headers, Grizzly
     * handed it to {@link BodyReader} from a read it completed without asking the selector for more (it expects the
     * handler to ask), and resuming the response does not ask either: a keep-alive connection would wait forever
     * for its next request. Asking twice is harmless.
     */
    private static void readNextRequest(Connection<?> connection) {
        try {
            connection.enableIOEvent(IOEvent.READ);
        } catch (IOException | RuntimeException closed) {
            // closed meanwhile: nothing to read
        }
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    /** An answer other than 200, thrown from deep inside a handler. */
    static final class HttpError extends RuntimeException {
        final int status;
        final String error;

        HttpError(int status, String error, String description) {
            super(description, null, false, false);
            this.status = status;
            this.error = error;
        }
    }
}
