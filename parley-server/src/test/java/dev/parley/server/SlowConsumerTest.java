package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that stops reading gets a bounded queue: past {@code maxQueuedBytes} bytes not yet written the server drops
 * the connection and forgets it, so the queue is released and memory stays bounded; the messages stay pending and
 * arrive at the next sign-in.
 */
class SlowConsumerTest {
    private static final long MAX_QUEUED = 1024 * 1024;
    private static final String BODY = "z".repeat(5_000);

    @TempDir
    Path dir;

    /** Signs in, reads up to the end of the sync, then reads nothing more (the JDK client reads only on demand). */
    private static WebSocket stalledClient(ParleyServer server, CompletableFuture<Void> synced) {
        FrameCodec codec = new FrameCodec();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(server.wsUrl()), new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            if (codec.decodeServerFrame(text.toString()) instanceof Frame.SyncEnd) {
                                synced.complete(null);
                                return null; // and never request another frame
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).orTimeout(10, TimeUnit.SECONDS).join();
        String token = server.userToken("zed", Duration.ofHours(1));
        ws.sendText(codec.encode(new Frame.Open(server.appKey(), "zed", token, "")), true).join();
        return ws;
    }

    @Test
    void aClientThatStopsReadingIsDisconnectedAndItsQueueReleasedWhileOthersGoOn() throws Exception {
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).rateLimit(100_000, 100_000)
                .maxQueuedBytes(MAX_QUEUED).frameRate(1e6, 1_000_000).build();
        try (ParleyServer server = ParleyServer.start(config);
             RawClient leo = RawClient.signedIn(server, "leo")) {
            CompletableFuture<Void> synced = new CompletableFuture<>();
            WebSocket zed = stalledClient(server, synced);
            synced.orTimeout(10, TimeUnit.SECONDS).join();
            assertThat(server.openConnections()).isEqualTo(2);

            int sent = 0;
            int receipts = 0;
            // Enough to fill the socket buffers on both sides (a few MB on loopback) and then the queue.
            while (server.openConnections() == 2 && sent < 6_000) {
                leo.send(Frame.Send.text("m" + sent, "zed", BODY));
                sent++;
                if (sent % 100 == 0) { // keep leo's own frames flowing: read the receipts as they come
                    while (receipts < sent - 100) {
                        if (leo.next() instanceof Frame.Receipt) {
                            receipts++;
                        }
                    }
                }
            }
            Eventually.await("the slow consumer is dropped", Duration.ofSeconds(20),
                    () -> server.openConnections() == 1);
            while (receipts < sent) {
                if (leo.next() instanceof Frame.Receipt) {
                    receipts++;
                }
            }
            System.out.printf("slow consumer: dropped after %,d messages of 5 KB sent to it (queue bound %,d bytes); "
                    + "the sender got all %,d receipts%n", sent, MAX_QUEUED, receipts);
            leo.send(new Frame.Ping(8));
            assertThat(leo.skipUntil(Frame.Pong.class).t()).as("the sender is still served").isEqualTo(8);
            zed.abort();

            try (RawClient zedAgain = RawClient.connect(server)) {
                zedAgain.send(new Frame.Open(server.appKey(), "zed", server.userToken("zed", Duration.ofHours(1)), ""));
                zedAgain.expect(Frame.Opened.class);
                assertThat(zedAgain.expect(Frame.SyncStart.class).count())
                        .as("every stored message is still pending for zed").isEqualTo(sent);
            }
        }
    }
}
