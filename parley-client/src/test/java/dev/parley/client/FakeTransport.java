package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-memory transport: each {@code connect} yields a {@link FakeLink} on which a test plays the server, reading the
 * frames the client sent and pushing frames back. Waits are bounded.
 */
final class FakeTransport implements Transport {
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final FrameCodec CODEC = new FrameCodec();

    private final BlockingQueue<FakeLink> links = new LinkedBlockingQueue<>();
    volatile boolean refuseConnections;
    volatile boolean shutDown;

    @Override
    public CompletableFuture<Link> connect(URI url, Listener listener) {
        if (refuseConnections) {
            links.add(new FakeLink(null));
            return CompletableFuture.failedFuture(new IOException("connection refused"));
        }
        FakeLink link = new FakeLink(listener);
        links.add(link);
        return CompletableFuture.completedFuture(link);
    }

    @Override
    public void shutdown() {
        shutDown = true;
    }

    /** The next connection the client opened (or tried to open). */
    FakeLink nextLink() {
        try {
            FakeLink link = links.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(link).as("a connection attempt within " + WAIT).isNotNull();
            return link;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Whether the client opens another connection within {@code wait}. */
    boolean connectsWithin(Duration wait) throws InterruptedException {
        return links.poll(wait.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    /** A connection as the server sees it. */
    static final class FakeLink implements Link {
        private final Listener listener;
        private final BlockingQueue<Frame.ClientFrame> sent = new LinkedBlockingQueue<>();
        volatile boolean closed;

        FakeLink(Listener listener) {
            this.listener = listener;
        }

        /** Whether this was an attempt that the transport refused. */
        boolean refused() {
            return listener == null;
        }

        @Override
        public void send(String text) {
            sent.add(CODEC.decodeClientFrame(text));
        }

        @Override
        public void close() {
            closed = true;
        }

        /** The next frame the client sent, which must be of the given type. */
        <T extends Frame.ClientFrame> T expect(Class<T> type) {
            Frame.ClientFrame frame = poll(WAIT);
            assertThat(frame).as("a %s frame within %s", type.getSimpleName(), WAIT).isInstanceOf(type);
            return type.cast(frame);
        }

        /** The next frame the client sends within {@code wait}, or null. */
        Frame.ClientFrame poll(Duration wait) {
            try {
                return sent.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }

        /** Reads the {@code open} frame and accepts it; the token expires {@code lifetime} after now. */
        Frame.Open acceptLogin(String user, Duration lifetime) {
            Frame.Open open = expect(Frame.Open.class);
            long now = System.currentTimeMillis();
            push(new Frame.Opened(user, now + lifetime.toMillis(), now));
            return open;
        }

        /** Reads the {@code open} frame and accepts it with a one-hour token. */
        Frame.Open acceptLogin(String user) {
            return acceptLogin(user, Duration.ofHours(1));
        }

        void push(Frame.ServerFrame frame) {
            listener.onText(CODEC.encode(frame));
        }

        /** The connection breaks (as seen by the client). */
        void drop() {
            listener.onClosed("dropped by the test");
        }
    }
}
