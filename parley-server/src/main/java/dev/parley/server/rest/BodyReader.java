package dev.parley.server.rest;

import dev.parley.server.limit.LogLimiter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.glassfish.grizzly.ReadHandler;
import org.glassfish.grizzly.http.io.NIOInputStream;

/**
 * Reads a request body as it arrives, holding no thread while it waits (Grizzly's non-blocking input), and hands the
 * bytes on once they are all there. A body over the limit is 413; one that is not complete
 * {@code limit} after the headers is 408, and the connection is closed.
 * <p>
 * With a {@code Content-Length}, exactly that many bytes are read, and no more is waited for: a client that also
 * offered to upgrade the connection (the JDK's HttpClient offers h2c) makes Grizzly pass the body through as a stream
 * that does not end with the body. Without one (chunked), the body is read to its end.
 * <p>
 * Threading: Grizzly calls the handler on a selector thread; the deadline fires on the timer thread. Both take the
 * exchange's lock before they touch the request, so the request is never read after it was answered.
 */
final class BodyReader implements ReadHandler {
    private static final System.Logger LOG = System.getLogger(BodyReader.class.getName());
    private static final LogLimiter SLOW_LOG = new LogLimiter(LOG, Duration.ofSeconds(10));

    private final Exchange exchange;
    private final NIOInputStream in;
    private final long declared;
    private final Consumer<byte[]> then;
    private final int max;
    /**
     * Set once the body was handed on or refused: Grizzly calls {@code onDataAvailable} and then {@code onAllDataRead}
     * for the same last chunk, and the second call must find nothing to do. Guarded by the exchange's lock.
     */
    private boolean done;

    private BodyReader(Exchange exchange, long declared, int max, Consumer<byte[]> then) {
        this.max = max;
        this.exchange = exchange;
        this.in = exchange.request().getNIOInputStream();
        this.declared = declared;
        this.then = then;
    }

    /**
     * Reads the body of {@code exchange}'s request, at most {@code max} bytes, then calls {@code then} with it on
     * whichever thread completed it (a selector thread: {@code then} must not block). Errors are answered here.
     */
    static void read(Exchange exchange, int max, ScheduledExecutorService timers, Duration limit,
                     Consumer<byte[]> then) {
        long declared = exchange.request().getContentLengthLong();
        if (declared > max) {
            exchange.fail(HttpError.tooLarge(max));
            return;
        }
        if (declared == 0) {
            exchange.bodyRead();
            then.accept(new byte[0]);
            return;
        }
        String address = exchange.request().getRemoteAddr();
        String uri = exchange.request().getRequestURI();
        exchange.deadline(timers.schedule(() -> {
            if (!exchange.answered()) {
                SLOW_LOG.log(System.Logger.Level.WARNING, "REST {0} from {1}: body not complete within {2} ms (408)",
                        uri, address, limit.toMillis());
            }
            exchange.error(408, "request_timeout", "the request body did not arrive within " + seconds(limit));
        }, limit.toMillis(), TimeUnit.MILLISECONDS));
        new BodyReader(exchange, declared, max, then).pump(false);
    }

    @Override
    public void onDataAvailable() {
        pump(false);
    }

    @Override
    public void onAllDataRead() {
        pump(true);
    }

    @Override
    public void onError(Throwable failure) {
        // the connection closed, or Grizzly cancelled the request: nobody is waiting for an answer
        exchange.abandon();
    }

    /**
     * Takes what has arrived; hands the body on when it is complete, else asks Grizzly to call when it is. Grizzly
     * buffers until the asked size is there (or the body ends), so one registration is enough: with a Content-Length
     * it is that length; without, one byte over the limit, so that the call comes at the end of the body or as soon
     * as it is too large. (Registering again from inside the callback, a little at a time, stalled now and then on a
     * selector thread: bytes Grizzly had already read waited for a read event that never came.) Registration happens
     * only when too little is ready, so Grizzly never calls back from inside it.
     */
    private void pump(boolean ended) {
        byte[] body = null;
        String problem = null;
        int status = 0;
        synchronized (exchange.lock) {
            if (done || exchange.answered()) {
                return;
            }
            try {
                boolean finished = ended || in.isFinished();
                int ready = in.readyData();
                if (declared > 0) {
                    if (ready >= declared) {
                        body = readFully((int) declared);
                    } else if (finished) {
                        status = 400;
                        problem = "the body is shorter than its Content-Length";
                    } else {
                        in.notifyAvailable(this, (int) declared);
                        return;
                    }
                } else if (ready > max) {
                    status = 413;
                    problem = "body over " + max + " bytes";
                } else if (finished) {
                    body = readFully(ready);
                } else {
                    in.notifyAvailable(this, max + 1);
                    return;
                }
            } catch (IOException e) {
                status = 400;
                problem = "the body could not be read: " + e.getMessage();
            }
            done = true;
        }
        if (problem != null) {
            exchange.error(status, status == 413 ? "request_entity_too_large" : "json_parse", problem);
            return;
        }
        exchange.bodyRead();
        then.accept(body);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    private byte[] readFully(int length) throws IOException {
        byte[] bytes = new byte[length];
        int done = 0;
        while (done < length) {
            int n = in.read(bytes, done, length - done);
            if (n <= 0) {
                throw new IOException("read " + done + " of " + length + " ready bytes");
            }
            done += n;
        }
        return bytes;
    }
}
