package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare WebSocket client (the JDK's) that speaks frames as text, for tests that must send what the SDK never would.
 */
final class RawClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final FrameCodec codec = new FrameCodec();
    private final BlockingQueue<Frame.ServerFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile String closeReason = "";
    private final WebSocket ws;

    private RawClient(String url) {
        this.ws = HTTP.newWebSocketBuilder().connectTimeout(WAIT).buildAsync(URI.create(url), new Listener())
                .orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    static RawClient connect(ParleyServer server) {
        return new RawClient(server.wsUrl());
    }

    /** Connects and signs in; returns the client after {@code opened} and the sync. */
    static RawClient signedIn(ParleyServer server, String user) {
        return signedIn(server, user, "");
    }

    /** Connects and signs in from the device {@code deviceId}. */
    static RawClient signedIn(ParleyServer server, String user, String deviceId) {
        RawClient c = connect(server);
        c.send(new Frame.Open(server.appKey(), user, server.userToken(user, Duration.ofHours(1)), deviceId));
        c.expect(Frame.Opened.class);
        c.expect(Frame.SyncStart.class);
        c.skipUntil(Frame.SyncEnd.class);
        return c;
    }

    void send(Frame frame) {
        sendText(codec.encode(frame));
    }

    void sendText(String text) {
        try {
            ws.sendText(text, true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        } catch (RuntimeException e) {
            throw new AssertionError("cannot send; closed: " + closeReason, e);
        }
    }

    void sendBinary(byte[] bytes) {
        ws.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** The next frame, which must be of this type. */
    <T extends Frame.ServerFrame> T expect(Class<T> type) {
        Frame.ServerFrame f = next();
        if (!type.isInstance(f)) {
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + f);
        }
        return type.cast(f);
    }

    /** Skips frames up to and including the first of this type. */
    <T extends Frame.ServerFrame> T skipUntil(Class<T> type) {
        while (true) {
            Frame.ServerFrame f = next();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
        }
    }

    Frame.ServerFrame next() {
        try {
            Frame.ServerFrame f = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + WAIT + (closed.isDone()
                        ? "; the connection was closed: " + closeReason : "; the connection is open"));
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for the server to close the connection; returns the close code. */
    int awaitClose() {
        return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    boolean isClosed() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!ws.isOutputClosed()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(codec.decodeServerFrame(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = statusCode + " " + reason;
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeReason = "error " + error;
            closed.complete(-1);
        }
    }
}
