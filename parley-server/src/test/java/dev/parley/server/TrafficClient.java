package dev.parley.server;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A raw WebSocket client (the JDK's, no SDK and so no de-duplication) that records everything a delivery check needs:
 * every message frame in arrival order with where the sync began and ended, and every receipt with its latency from
 * the send. Frames are handled on the client's own thread as they arrive; it never sends {@code delivered}, so what
 * the server pushes is paced by the transport alone.
 */
final class TrafficClient implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final FrameCodec CODEC = new FrameCodec();

    final String user;
    private final WebSocket ws;
    private final Object sendLock = new Object();
    /** Server ids of the messages received, in arrival order. */
    private final List<Long> received = new CopyOnWriteArrayList<>();
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    /** localId → server id, for every receipt. */
    final Map<String, Long> receipts = new ConcurrentHashMap<>();
    /** Receipt latencies in microseconds, with the time each receipt came (nanoTime). */
    final List<long[]> receiptLatencies = new CopyOnWriteArrayList<>();
    final List<Frame.Error> errors = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> syncStarted = new CompletableFuture<>();
    final CompletableFuture<Integer> syncEnded = new CompletableFuture<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile int syncEndIndex = -1;
    private final AtomicInteger sends = new AtomicInteger();

    private TrafficClient(String url, String user) {
        this.user = user;
        this.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(url), new Listener())
                .orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Connects and sends {@code open}; the sync runs as frames arrive. */
    static TrafficClient signIn(ParleyServer server, String user) {
        TrafficClient c = new TrafficClient(server.wsUrl(), user);
        c.sendFrame(new Frame.Open(server.appKey(), user, server.userToken(user, Duration.ofHours(1)), ""));
        return c;
    }

    /** Sends a text message to {@code to} and remembers when, for the receipt's latency. */
    void sendTo(String to) {
        String localId = user + "-" + sends.incrementAndGet();
        sentAt.put(localId, System.nanoTime());
        sendFrame(Frame.Send.text(localId, to, "message " + localId));
    }

    int sent() {
        return sends.get();
    }

    private void sendFrame(Frame frame) {
        synchronized (sendLock) { // the JDK WebSocket allows one outstanding send
            ws.sendText(CODEC.encode(frame), true).orTimeout(10, TimeUnit.SECONDS).join();
        }
    }

    /** Ids of the messages received, in arrival order. */
    List<Long> received() {
        return List.copyOf(received);
    }

    /** How many messages had arrived when {@code syncEnd} came, or -1 before it. */
    int syncEndIndex() {
        return syncEndIndex;
    }

    /** Problems with what this session received: duplicates and ids out of commit order. */
    List<String> orderProblems() {
        List<String> problems = new ArrayList<>();
        List<Long> ids = received();
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) <= ids.get(i - 1)) {
                problems.add(user + ": message " + ids.get(i) + " after " + ids.get(i - 1) + " (at " + i + ")");
            }
        }
        return problems;
    }

    @Override
    public void close() {
        ws.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(CODEC.decodeServerFrame(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(Frame.ServerFrame frame) {
            switch (frame) {
                case Frame.Message m -> received.add(Long.parseLong(m.id()));
                case Frame.Receipt r -> {
                    receipts.put(r.localId(), Long.parseLong(r.id()));
                    Long at = sentAt.remove(r.localId());
                    if (at != null) {
                        long now = System.nanoTime();
                        receiptLatencies.add(new long[] {(now - at) / 1_000, now});
                    }
                }
                case Frame.SyncStart s -> syncStarted.complete(s.count());
                case Frame.SyncEnd e -> {
                    syncEndIndex = received.size();
                    syncEnded.complete(received.size());
                }
                case Frame.Error e -> errors.add(e);
                default -> { }
            }
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
    }
}
