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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * Large sign-in syncs beside live traffic: {@code --users} signed-in users send to a neighbour at {@code --rate}
 * msgs/s in all, and the latency of their receipts (from the intended send time) is measured twice, side by side in
 * one run: for {@code --seconds} with nothing else going on, then while {@code --backlog-users} users sign in at once
 * with {@code --backlog} pending messages each and are synced by raw clients that acknowledge nothing. Prints both
 * distributions, the syncs' duration and throughput, and checks each synced session for gaps, duplicates and order.
 * <p>
 * Usage: {@code bench/run sync [--users 50] [--rate 1000] [--seconds 5] [--backlog-users 4] [--backlog 10000]}
 */
public final class SyncBench {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, Long> intended = new ConcurrentHashMap<>();
    private volatile Histogram receipts = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final AtomicLong receiptCount = new AtomicLong();

    public static void main(String[] args) throws Exception {
        new SyncBench().run(intArg(args, "--users", 50), intArg(args, "--rate", 1_000), intArg(args, "--seconds", 5),
                intArg(args, "--backlog-users", 4), intArg(args, "--backlog", 10_000));
    }

    private void run(int users, int rate, int seconds, int backlogUsers, int backlog) throws Exception {
        Path dir = Files.createTempDirectory("parley-sync-bench");
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).rateLimit(1e6, 1_000_000)
                .frameRate(1e6, 1_000_000).build();
        try (ParleyServer server = ParleyServer.start(config)) {
            for (int b = 0; b < backlogUsers; b++) {
                server.userToken("b" + b, Duration.ofHours(1));
            }
            fill(server, backlogUsers, backlog);
            List<Peer> live = new ArrayList<>();
            for (int i = 0; i < users; i++) {
                int me = i;
                live.add(Peer.signIn(server, "u" + i, f -> onLiveFrame(me, f)).awaitSync());
            }
            System.out.printf(Locale.ROOT, "sync: %d users send %d msgs/s to a neighbour; %d users have %,d pending "
                    + "messages each%n", users, rate, backlogUsers, backlog);
            offer(live, rate, 2, "w"); // warm-up
            receipts = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
            offer(live, rate, seconds, "q");
            Histogram quiet = receipts;
            receipts = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);

            List<Syncing> syncs = new ArrayList<>();
            CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> offer(live, rate, seconds, "s"));
            long start = System.nanoTime();
            for (int b = 0; b < backlogUsers; b++) {
                syncs.add(new Syncing(server, "b" + b));
            }
            for (Syncing s : syncs) {
                s.done.get(120, TimeUnit.SECONDS);
            }
            double syncSeconds = (System.nanoTime() - start) / 1e9;
            traffic.get(120, TimeUnit.SECONDS);
            Histogram during = receipts;

            print("receipts, nothing else going on", quiet);
            print("receipts, during the syncs", during);
            long problems = syncs.stream().mapToLong(s -> s.problems.get()).sum();
            int received = syncs.stream().mapToInt(s -> s.messages.get()).sum();
            System.out.printf(Locale.ROOT, "syncs: %d × %,d messages in %.2f s (%,.0f msgs/s pushed); %,d received, "
                            + "gaps, duplicates and order violations: %d%n", backlogUsers, backlog, syncSeconds,
                    received / syncSeconds, received, problems + (long) backlogUsers * backlog - received);
            live.forEach(Peer::abort);
            syncs.forEach(s -> s.peer.abort());
        }
    }

    /** Stores the backlogs through one sender at full speed, and waits for every receipt. */
    private static void fill(ParleyServer server, int backlogUsers, int backlog) {
        int total = backlogUsers * backlog;
        AtomicInteger receipted = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        Peer filler = Peer.signIn(server, "filler", f -> {
            if (f instanceof Frame.Receipt && receipted.incrementAndGet() == total) {
                all.complete(null);
            }
        }).awaitSync();
        for (int i = 0; i < total; i++) {
            filler.send(CODEC.encode(Frame.Send.text("f" + i, "b" + (i % backlogUsers),
                    "backlog message number " + i + ", about as long as a short chat message")));
        }
        all.orTimeout(300, TimeUnit.SECONDS).join();
        filler.abort();
    }

    /** Offers {@code rate} msgs/s for {@code seconds} and waits for the receipts. */
    private void offer(List<Peer> live, int rate, int seconds, String prefix) {
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long before = receiptCount.get();
        for (long n = 0; n < total; n++) {
            long due = start + n * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int from = (int) (n % live.size());
            String localId = prefix + n;
            intended.put(from + ":" + localId, due);
            live.get(from).send(CODEC.encode(Frame.Send.text(localId, "u" + ((from + 1) % live.size()),
                    "live message " + n)));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (receiptCount.get() - before < total && System.nanoTime() < deadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }

    private void onLiveFrame(int me, Frame.ServerFrame frame) {
        if (frame instanceof Frame.Receipt r) {
            Long due = intended.remove(me + ":" + r.localId());
            if (due != null) {
                receipts.recordValue(Math.max(0, System.nanoTime() - due));
                receiptCount.incrementAndGet();
            }
        }
    }

    /** A backlog user signing in; counts its messages and checks they come once, in order, before syncEnd. */
    private static final class Syncing {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final AtomicInteger messages = new AtomicInteger();
        final AtomicLong problems = new AtomicLong();
        final Peer peer;
        private long last;

        Syncing(ParleyServer server, String user) {
            this.peer = Peer.signIn(server, user, this::onFrame);
        }

        private void onFrame(Frame.ServerFrame frame) {
            switch (frame) {
                case Frame.Message m -> {
                    long id = Long.parseLong(m.id());
                    if (id <= last) {
                        problems.incrementAndGet();
                    }
                    last = id;
                    messages.incrementAndGet();
                }
                case Frame.SyncEnd e -> done.complete(null);
                default -> { }
            }
        }
    }

    /** A raw WebSocket user (the JDK's client; one send at a time, so sends are chained). */
    private static final class Peer {
        private final CompletableFuture<Void> synced = new CompletableFuture<>();
        private WebSocket ws;
        private CompletableFuture<WebSocket> last;

        static Peer signIn(ParleyServer server, String user, Consumer<Frame.ServerFrame> frames) {
            Peer peer = new Peer();
            peer.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(server.wsUrl()), new WebSocket.Listener() {
                private final StringBuilder partial = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean lastPart) {
                    partial.append(data);
                    if (lastPart) {
                        Frame.ServerFrame f = CODEC.decodeServerFrame(partial.toString());
                        partial.setLength(0);
                        frames.accept(f);
                        if (f instanceof Frame.SyncEnd) {
                            peer.synced.complete(null);
                        }
                    }
                    webSocket.request(1);
                    return null;
                }
            }).join();
            peer.last = CompletableFuture.completedFuture(peer.ws);
            peer.send(CODEC.encode(new Frame.Open(server.appKey(), user, server.userToken(user, Duration.ofHours(1)),
                    "")));
            return peer;
        }

        Peer awaitSync() {
            synced.orTimeout(60, TimeUnit.SECONDS).join();
            return this;
        }

        synchronized void send(String text) {
            last = last.thenCompose(w -> w.sendText(text, true));
        }

        void abort() {
            ws.abort();
        }
    }

    private static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "%-34s %,7d  p50 %7.2f ms  p99 %7.2f ms  p99.9 %7.2f ms  max %7.2f ms%n", name,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6,
                h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }
}
