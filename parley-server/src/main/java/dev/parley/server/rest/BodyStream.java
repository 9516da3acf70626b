package dev.parley.server.rest;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * A request body read as a stream on a worker thread (Grizzly's blocking input), for bodies too large to be read
 * whole first (multipart uploads). Grizzly reads the socket only as the stream is read, so a slow reader slows the
 * client down instead of filling the heap. The stream ends after the {@code Content-Length} (a client that offered to
 * upgrade the connection makes Grizzly pass on a stream that does not end with the body). Past {@code max} bytes it
 * throws 413 at once, without reading more; at its end it tells the {@link Exchange}, so that the connection may be
 * kept alive after the answer.
 * <p>
 * Only bodies with a Content-Length are streamed ({@link RestApi} answers 411 otherwise): Grizzly 4.0.2 failed
 * on large chunked bodies read this way (a ClassCastException in its filter chain, and the connection dropped).
 * Waiting for Grizzly's callbacks instead of blocking stalled now and then, as {@link BodyReader} notes.
 * <p>
 * A pause of the client is the upload deadline's to judge ({@link Exchange#cut}, which closes the connection), not
 * Grizzly's: its blocking read gives up after its own read timeout (30 s), or at once when its temporary selector
 * wakes early, with an {@code IOException} caused by a {@link TimeoutException}. The read is then simply tried
 * again while the connection is open. Passed on, that failure surfaced as a malformed body (mimepull wraps it), and a
 * client that paused got 400 for a body it was still sending.
 * <p>
 * Threading: one reader thread.
 */
final class BodyStream extends InputStream {
    /** A blocking read that timed out sooner than this did not wait for data. */
    private static final long EARLY_TIMEOUT_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    private final Exchange exchange;
    private final InputStream in;
    private final long declared;
    private final long max;
    private long read;
    private boolean ended;

    /** @param declared the Content-Length */
    BodyStream(Exchange exchange, long declared, long max) {
        this.exchange = exchange;
        this.in = exchange.request().getInputStream();
        this.declared = declared;
        this.max = max;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (ended) {
            return -1;
        }
        if (len == 0) {
            return 0;
        }
        long left = declared - read;
        if (left == 0) {
            return end();
        }
        if (read >= max + 1) {
            throw HttpError.tooLarge(max);
        }
        // one byte past the limit is enough to know it is passed
        int ask = (int) Math.min(len, Math.min(left, max + 1 - read));
        int n = readWaiting(b, off, ask);
        if (n < 0) {
            throw new HttpError(400, "illegal_argument", "the body is shorter than its Content-Length");
        }
        read += n;
        if (read > max) {
            throw HttpError.tooLarge(max);
        }
        return n;
    }

    /** {@code in.read}, tried again while Grizzly's blocking read times out on a connection that is still open. */
    private int readWaiting(byte[] b, int off, int len) throws IOException {
        while (true) {
            long start = System.nanoTime();
            try {
                return in.read(b, off, len);
            } catch (IOException e) {
                if (!(e.getCause() instanceof TimeoutException) || !exchange.connectionOpen()) {
                    throw e;
                }
                if (System.nanoTime() - start < EARLY_TIMEOUT_NANOS) {
                    // a selector that woke early: not a hot loop while the client is quiet
                    LockSupport.parkNanos(EARLY_TIMEOUT_NANOS);
                }
            }
        }
    }

    private int end() {
        ended = true;
        exchange.bodyRead();
        return -1;
    }
}
