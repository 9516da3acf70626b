package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

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
 * A bare WebSocket client (the JDK's), for checking what the server itself sends, below the SDK's deduplication and
 * automatic receipts.
 */
final class RawSocket implements AutoCloseable {
    private static final FrameCodec CODEC = new FrameCodec();

    private final BlockingQueue<Frame.ServerFrame> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final WebSocket socket;

    RawSocket(String url) {
        socket = http.newWebSocketBuilder().buildAsync(URI.create(url), new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    frames.add(CODEC.decodeServerFrame(text.toString()));
                    text.setLength(0);
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closed.complete(statusCode);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closed.complete(-1);
            }
        }).orTimeout(5, TimeUnit.SECONDS).join();
    }

    void send(Frame.ClientFrame frame) {
        socket.sendText(CODEC.encode(frame), true).orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** The next frame from the server, which must be of the given type. */
    <T extends Frame.ServerFrame> T expect(Class<T> type) {
        Frame.ServerFrame frame = poll(Duration.ofSeconds(5));
        assertThat(frame).as("a %s frame", type.getSimpleName()).isInstanceOf(type);
        return type.cast(frame);
    }

    /** The next frame within {@code wait}, or null. */
    Frame.ServerFrame poll(Duration wait) {
        try {
            return frames.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Completes with the close status when the server closes the connection. */
    CompletableFuture<Integer> closed() {
        return closed;
    }

    @Override
    public void close() {
        socket.abort();
        http.shutdownNow();
    }
}
