package dev.parley.bench;

import static dev.parley.bench.BenchArgs.intArg;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Server load benchmark, after MongooseIM's amoc: N users each send to a neighbour at a steady total rate; every
 * send's receipt latency and every delivery's latency are measured from the intended send time (no coordinated
 * omission) with HdrHistogram. Prints throughput, percentiles, and losses, duplicates and order violations (all must
 * be zero). The server runs in-process on a fresh SQLite data dir (WAL, synchronous=FULL).
 * <p>
 * Usage: {@code bench/run load [--users 100] [--rate 5000] [--seconds 10]}
 */
public final class LoadBench {
    private final FrameCodec codec = new FrameCodec();
    private final Histogram receiptLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram deliveryLatency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private final Map<String, Long> lastSeqByPair = new ConcurrentHashMap<>();
    private final AtomicLong receipts = new AtomicLong();
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong orderViolations = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Boolean> delivered = new ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        int users = intArg(args, "--users", 100);
        int rate = intArg(args, "--rate", 5000);
        int seconds = intArg(args, "--seconds", 10);
        new LoadBench().run(users, rate, seconds);
    }

    private void run(int users, int rate, int seconds) throws Exception {
        Path dir = Files.createTempDirectory("parley-bench");
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).rateLimit(1e6, 1_000_000).frameRate(1e6, 1_000_000).build();
        try (ParleyServer server = ParleyServer.start(config)) {
            HttpClient http = HttpClient.newHttpClient();
            List<Peer> sockets = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                sockets.add(connect(http, server, "u" + i));
            }
            int warmup = Math.min(5, Math.max(1, seconds / 2));
            System.out.printf(Locale.ROOT, "load: %d users, offered %d msgs/s for %d s after %d s of warm-up%n",
                    users, rate, seconds, warmup);
            phase(sockets, users, rate, warmup, "w");
            receiptLatency.reset();
            deliveryLatency.reset();
            receipts.set(0);
            deliveries.set(0);
            phase(sockets, users, rate, seconds, "m");
            for (Peer p : sockets) {
                p.ws.abort();
            }
        }
    }

    /** Offers {@code rate} msgs/s for {@code seconds}, then waits for every receipt and delivery; prints figures. */
    private void phase(List<Peer> sockets, int users, int rate, int seconds, String prefix) {
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long intervalNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        for (long n = 0; n < total; n++) {
            long due = start + n * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int from = (int) (n % users);
            String localId = prefix + n;
            String to = "u" + ((from + 1) % users);
            intended.put(from + ":" + localId, due);
            sockets.get(from).send(codec.encode(Frame.Send.text(localId, to, prefix + " message number " + n
                    + " padded to about one hundred bytes of text..........")));
        }
        long sendEnd = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((receipts.get() < total || deliveries.get() < receipts.get()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        if (prefix.equals("m")) {
            report(total, (sendEnd - start) / 1e9, (System.nanoTime() - start) / 1e9);
        }
    }

    /** One user's socket; the JDK's WebSocket takes one send at a time, so sends are chained. */
    private static final class Peer {
        private WebSocket ws;
        private CompletableFuture<WebSocket> last;

        synchronized void send(String text) {
            last = last.thenCompose(w -> w.sendText(text, true));
        }
    }

    private Peer connect(HttpClient http, ParleyServer server, String user) {
        String token = server.userToken(user, Duration.ofHours(1));
        CompletableFuture<Void> synced = new CompletableFuture<>();
        int index = Integer.parseInt(user.substring(1));
        Peer peer = new Peer();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(server.wsUrl()), new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    onFrame(peer, index, codec.decodeServerFrame(partial.toString()), synced);
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).join();
        peer.ws = ws;
        peer.last = CompletableFuture.completedFuture(ws);
        peer.send(codec.encode(new Frame.Open(server.appKey(), user, token, "")));
        synced.orTimeout(30, TimeUnit.SECONDS).join();
        return peer;
    }

    private void onFrame(Peer peer, int me, Frame.ServerFrame frame, CompletableFuture<Void> synced) {
        long now = System.nanoTime();
        switch (frame) {
            case Frame.SyncEnd e -> synced.complete(null);
            case Frame.Receipt r -> {
                Long due = intended.get(me + ":" + r.localId());
                if (due != null) {
                    receiptLatency.recordValue(Math.max(0, now - due));
                }
                receipts.incrementAndGet();
            }
            case Frame.Message m -> {
                peer.send(codec.encode(new Frame.Delivered(m.id())));
                if (delivered.putIfAbsent(m.id(), Boolean.TRUE) != null) {
                    duplicates.incrementAndGet();
                    return;
                }
                int from = Integer.parseInt(m.from().substring(1));
                Long due = intended.get(from + ":" + localIdOf(m));
                if (due != null) {
                    deliveryLatency.recordValue(Math.max(0, now - due));
                }
                long id = Long.parseLong(m.id());
                Long previous = lastSeqByPair.put(m.from() + ">" + m.to(), id);
                if (previous != null && previous > id) {
                    orderViolations.incrementAndGet();
                }
                deliveries.incrementAndGet();
            }
            case Frame.Error e -> errors.incrementAndGet();
            default -> { }
        }
    }

    /** The bench puts the number in the body; the local id is "m" + that number. */
    private static String localIdOf(Frame.Message m) {
        String[] words = m.msg().split(" ");
        return words[0] + words[3];
    }

    private synchronized void report(long offered, double sendSeconds, double elapsed) {
        System.out.printf(Locale.ROOT, "sent %d in %.2f s (%.0f msgs/s offered and met)%n", offered, sendSeconds,
                offered / sendSeconds);
        System.out.printf(Locale.ROOT, "receipts %d, deliveries %d, lost %d, duplicates %d, order violations %d, "
                        + "errors %d, all done after %.2f s%n", receipts.get(), deliveries.get(),
                receipts.get() - deliveries.get(), duplicates.get(), orderViolations.get(), errors.get(), elapsed);
        print("receipt (durable commit) latency", receiptLatency);
        print("delivery latency", deliveryLatency);
    }

    private static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%-34s p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms%n", name,
                h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
