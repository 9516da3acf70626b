package dev.parley.server.rest;

import dev.parley.server.http.HttpAnswers;
import dev.parley.server.limit.LogLimiter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.glassfish.grizzly.Connection;
import org.glassfish.grizzly.IOEvent;
import org.glassfish.grizzly.http.server.Request;
import org.glassfish.grizzly.http.server.Response;

/**
 * One REST request and its answer. The response is suspended from the start, so no thread waits with it: a JSON body
 * is read as it arrives ({@link BodyReader}), the request then runs on the executor of its kind (Jersey, through
 * {@link JerseyBridge}), and whichever thread has the answer writes it and resumes the response. The first answer
 * wins; later ones (a timeout racing a result) are dropped.
 * <p>
 * An answer is given in two steps, {@link #start} (status and headers; from then on the exchange is answered) and
 * {@link #finish} (the response is resumed; the connection is then read again, or closed when the request still had
 * body bytes on the wire that nobody read). {@link #answer} does both for the front's own answers.
 * <p>
 * Threading: any thread may answer; {@link #lock} orders an answer with the body reader's use of the request and with
 * the deadlines.
 */
final class Exchange {
    private static final System.Logger LOG = System.getLogger(Exchange.class.getName());
    private static final LogLimiter SLOW_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final Request request;
    private final Response response;
    private final Connection<?> connection;
    /** Kept apart: the request is recycled once answered, and a late failure still names it in the log. */
    private final String what;
    /** Guards the fields below and the request's input while the body is read without a thread. */
    final Object lock = new Object();
    private boolean answered;
    private boolean finished;
    /** True while the request may still have body bytes on the wire that nobody read. */
    private boolean unreadBody;
    /** Decided when the answer starts: end the connection after it. */
    private boolean closeAfter;
    private Future<?> deadline;
    /** The body of the answer begun, if one was; written to by one thread, the one that finishes. */
    private Dropping body;

    Exchange(Request request, Response response) {
        this.request = request;
        this.response = response;
        this.connection = request.getRequest().getConnection();
        this.what = request.getMethod() + " " + request.getRequestURI();
        long length = request.getContentLengthLong();
        this.unreadBody = length > 0 || (length < 0 && request.getRequest().isChunked());
        response.suspend();
    }

    Request request() {
        return request;
    }

    /** The method and path, for log lines. */
    String what() {
        return what;
    }

    /**
     * For a body streamed by a worker thread ({@link BodyStream}, Grizzly's blocking reads): the selector must not read
     * the connection meanwhile. Had it been asked to (by anything), it would take body bytes into the request's input
     * buffer while the worker reads the socket beside it, unsynchronised: bytes were lost, and an upload was stored
     * short (300,000 bytes sent, 250,880 stored) or refused as shorter than its Content-Length. Called on the selector
     * thread, in {@code service}, so it takes effect before the worker starts; the answer asks for reading again
     * ({@link #readNextRequest}).
     */
    void holdSelectorReads() {
        try {
            connection.disableIOEvent(IOEvent.READ);
        } catch (IOException | RuntimeException closed) {
            // closed meanwhile: the worker's first read fails and says so
        }
    }

    /** Whether the connection is still open (the upload deadline closes it). */
    boolean connectionOpen() {
        return connection.isOpen();
    }

    /** Whether an answer was given (or the connection was lost); then nothing more may touch the request. */
    boolean answered() {
        synchronized (lock) {
            return answered;
        }
    }

    /** A timer that acts on its own (a body deadline); cancelled by the answer, or once the body is read. */
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

    /**
     * A streamed body is not complete in time: the connection is closed (the thread reading it then fails), without
     * an answer, which could not be written while that thread is still using the request.
     */
    void cut(Duration limit) {
        synchronized (lock) {
            if (answered || !unreadBody) {
                return;
            }
        }
        SLOW_LOG.log(System.Logger.Level.WARNING, "REST {0} from {1}: body not complete within {2} s, connection closed",
                what, request.getRemoteAddr(), limit.toSeconds());
        connection.closeSilently();
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

    void error(int status, String error, String description) {
        answer(new Failures.Answer(status, error, description));
    }

    /** Answers the failure the front, a body reader or Jersey itself ended with (see {@link Failures}). */
    void fail(Throwable failure) {
        if (!answered()) {
            answer(Failures.answer(failure, what));
        }
    }

    private void answer(Failures.Answer answer) {
        byte[] body = answer.body();
        Map<String, List<String>> headers = answer.retryAfter()
                .map(d -> Map.of("Retry-After", List.of(Long.toString(d.toSeconds()))))
                .orElse(Map.of());
        try (OutputStream out = start(answer.status(), Optional.of(Answers.JSON_UTF8), headers, body.length)) {
            out.write(body);
        } catch (IOException e) {
            // start() hands out a stream that drops what it cannot write
        }
        finish();
    }

    /**
     * Starts the answer: status, headers and length ({@code -1} when unknown: chunked); returns where the body goes.
     * When the request was answered already, or the connection is gone, the body goes nowhere.
     */
    OutputStream start(int status, Optional<String> contentType, Map<String, List<String>> headers, long length) {
        synchronized (lock) {
            if (answered) {
                return OutputStream.nullOutputStream();
            }
            answered = true;
            cancelDeadline();
            closeAfter = unreadBody;
        }
        try {
            response.setStatus(status, HttpAnswers.reasonPhrase(status));
            contentType.ifPresent(response::setContentType);
            headers.forEach((name, values) -> values.forEach(v -> {
                // Grizzly sends a Content-Type given as a plain header only on some responses (not on one to a
                // request that offered an upgrade): it must be set as the content type
                if (name.equalsIgnoreCase("Content-Type")) {
                    response.setContentType(v);
                } else {
                    response.addHeader(name, v);
                }
            }));
            if (length >= 0) {
                response.setContentLengthLong(length);
            }
            if (closeAfter) {
                // the rest of the body is not worth reading (or never comes): end the connection after the answer
                response.setHeader("Connection", "close");
            }
            body = new Dropping(response.getOutputStream());
            return body;
        } catch (IllegalStateException cancelled) {
            closeAfter = true;
            return OutputStream.nullOutputStream();
        }
    }

    /**
     * Ends the answer {@link #start} began: asks for the connection's next request (see {@link #readNextRequest}),
     * then resumes the response, or resumes it and closes the connection.
     */
    void finish() {
        boolean close;
        synchronized (lock) {
            if (!answered || finished) {
                return;
            }
            finished = true;
            close = closeAfter;
        }
        if (body != null) {
            body.release();
            close |= body.broken;
        }
        if (!close) {
            readNextRequest();
        }
        try {
            response.resume();
        } catch (IllegalStateException alreadyCancelled) {
            close = true;
        }
        if (close) {
            connection.closeSilently();
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
            finished = true;
            cancelDeadline();
        }
        try {
            response.resume();
        } catch (IllegalStateException alreadyCancelled) {
            // Grizzly cancelled it itself when the connection closed
        }
    }

    /**
     * Makes sure the connection reads its next request once the answer is out, whatever the request was. Grizzly does
     * not always ask by itself when the response resumes: not after a body that arrived after its headers (handed to
     * {@link BodyReader} from a read completed without asking the selector for more), and not after an upload
     * streamed by {@link BodyStream} on a worker thread, after which the keep-alive connection waited forever for its
     * next request (the desktop's history request right after an upload hung).
     * <p>
     * Asked before the response resumes, never after: the answer is not complete then (its last byte is held back
     * by {@link Dropping}, and nothing is flushed before), so the client cannot have sent its next request yet. Asked late, after resuming, on a busy
     * machine, it raced with that next request: an upload whose worker thread was reading the connection then had the
     * selector read it as well, and lost bytes to it (400 "shorter than its Content-Length", or a Grizzly read that
     * timed out at once). Asking when Grizzly asks too is harmless.
     */
    private void readNextRequest() {
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

    /**
     * The response body. Its last byte is held back until {@link #finish}, and nothing is flushed before: an answer
     * that reached the client whole while the request was still in progress on the server let the client send its
     * next request on the same connection before Grizzly had ended this one; Grizzly then took those bytes for this
     * request's body, and the next request was never answered (seen with answers larger than Grizzly's 8 KB output
     * buffer, which it writes out at once, and with Jersey, which flushes when it closes the entity stream). Once a
     * write fails (the client went away) the rest is dropped, and the connection is closed after the answer: nobody
     * is left to tell.
     */
    private final class Dropping extends OutputStream {
        private final OutputStream out;
        private boolean broken;
        /** The last byte written, not yet passed on; -1 when none. */
        private int held = -1;

        Dropping(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (broken || len == 0) {
                return;
            }
            try {
                if (held >= 0) {
                    out.write(held);
                }
                out.write(b, off, len - 1);
                held = b[off + len - 1] & 0xff;
            } catch (IOException | IllegalStateException e) {
                gone();
            }
        }

        /** Passes on the byte held back; called by {@link #finish} just before the response is resumed. */
        void release() {
            if (!broken && held >= 0) {
                try {
                    out.write(held);
                } catch (IOException | IllegalStateException e) {
                    gone();
                }
                held = -1;
            }
        }

        @Override
        public void flush() {
            // at finish(): see the class comment
        }

        @Override
        public void close() {
            // the response's stream is closed when the response is resumed
        }

        private void gone() {
            broken = true;
            synchronized (lock) {
                closeAfter = true;
            }
        }
    }
}
