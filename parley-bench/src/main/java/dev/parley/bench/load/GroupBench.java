package dev.parley.bench.load;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bench/run group}: fan-out to a group. A durable Parley server in its own JVM; {@code --members} users (200)
 * in one group, each signed in on its own WebSocket and acknowledging every message as a client does; one member
 * sends {@code --messages} (2,000) with at most {@code --window} (64) awaiting their receipts. Prints the messages a
 * second to the group, the deliveries a second, delivery latency (send to arrival, p50/p99/max) and the server's CPU
 * and disk writes per message, measured from outside its JVM.
 */
public final class GroupBench {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern GROUP_ID = Pattern.compile("\"groupid\"\\s*:\\s*\"(\\d+)\"");

    private GroupBench() {
    }

    public static void main(String[] args) throws Exception {
        int members = intArg(args, "--members", 200);
        int messages = intArg(args, "--messages", 2_000);
        int window = intArg(args, "--window", 64);
        Path data = Files.createTempDirectory("parley-group-bench");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            names.add("member" + i);
        }
        List<Users.Credential> users = Users.inDataDir(data, names);
        try (ServerProcess server = ServerProcess.start(Target.PARLEY, data);
             ServerProbe probe = ServerProbe.attach(server.pid())) {
            String base = "http://127.0.0.1:" + server.port + "/" + server.appKey().replace('#', '/');
            String groupId = createGroup(base, users.getFirst().token(), names.subList(1, members), members);
            int receivers = members - 1;
            long[][] latencies = new long[receivers][messages];
            CountDownLatch allDelivered = new CountDownLatch(receivers * messages);
            List<WebSocket> sockets = new ArrayList<>();
            for (int i = 1; i < members; i++) {
                sockets.add(open(server, users.get(i), new Receiver(latencies[i - 1], allDelivered)));
            }
            Semaphore inFlight = new Semaphore(window);
            ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
            WebSocket sender = open(server, users.getFirst(), new SenderListener(inFlight, errors));
            System.out.printf(Locale.ROOT, "group: %d members signed in, group %s; sending %d messages (window %d)%n",
                    members, groupId, messages, window);
            ServerProbe.Sample before = probe.sample();
            long t0 = System.nanoTime();
            for (int n = 0; n < messages; n++) {
                if (!inFlight.tryAcquire(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("no receipt within 30 s; errors: " + errors);
                }
                String text = n + ":" + System.nanoTime();
                sender.sendText(CODEC.encode(new Frame.Send("g" + n, groupId, ChatType.GROUP, new Content.Text(text),
                        JsonValue.EMPTY_JSON_OBJECT)), true).join();
            }
            if (!allDelivered.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(allDelivered.getCount() + " deliveries missing; errors: " + errors);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            ServerProbe.Sample after = probe.sample();
            long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
            System.out.printf(Locale.ROOT, "group fan-out: %d messages to %d members in %.2f s: %.0f messages/s to "
                            + "the group, %.0f deliveries/s; delivery p50 %.1f ms, p99 %.1f ms, max %.1f ms; server "
                            + "CPU %.0f µs and %.1f KB written per message (%.1f µs per delivery)%n",
                    messages, members, seconds, messages / seconds, (double) messages * receivers / seconds,
                    all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, all[all.length - 1] / 1e6,
                    (after.cpuNanos() - before.cpuNanos()) / 1e3 / messages,
                    (after.writeBytes() - before.writeBytes()) / 1024.0 / messages,
                    (after.cpuNanos() - before.cpuNanos()) / 1e3 / messages / receivers);
            sockets.forEach(WebSocket::abort);
            sender.abort();
        }
        System.exit(0);
    }

    private static String createGroup(String base, String token, List<String> others, int maxUsers) throws Exception {
        StringBuilder body = new StringBuilder("{\"groupname\":\"bench\",\"maxusers\":").append(maxUsers)
                .append(",\"members\":[");
        for (int i = 0; i < others.size(); i++) {
            body.append(i == 0 ? "" : ",").append('"').append(others.get(i)).append('"');
        }
        body.append("]}");
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/chatgroups"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = GROUP_ID.matcher(answer.body());
        if (answer.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("group not created: " + answer.statusCode() + " " + answer.body());
        }
        return m.group(1);
    }

    /** Opens a WebSocket, signs in and waits for the end of its sync. */
    private static WebSocket open(ServerProcess server, Users.Credential user, Listener listener) {
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port
                + "/websocket"), listener).join();
        ws.sendText(CODEC.encode(new Frame.Open(server.appKey(), user.user(), user.token(), "")), true).join();
        listener.synced.orTimeout(60, TimeUnit.SECONDS).join();
        return ws;
    }

    /** Reads whole text frames and hands them on as decoded frames. */
    private abstract static class Listener implements WebSocket.Listener {
        final CompletableFuture<Void> synced = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                Frame.ServerFrame frame = CODEC.decodeServerFrame(partial.toString());
                partial.setLength(0);
                if (frame instanceof Frame.SyncEnd) {
                    synced.complete(null);
                }
                frame(ws, frame);
            }
            ws.request(1);
            return null;
        }

        abstract void frame(WebSocket ws, Frame.ServerFrame frame);
    }

    /** A member who receives: records each message's latency and acknowledges it. */
    private static final class Receiver extends Listener {
        private final long[] latencies;
        private final CountDownLatch delivered;

        Receiver(long[] latencies, CountDownLatch delivered) {
            this.latencies = latencies;
            this.delivered = delivered;
        }

        @Override
        void frame(WebSocket ws, Frame.ServerFrame frame) {
            if (frame instanceof Frame.Message m) {
                long now = System.nanoTime();
                String[] parts = m.msg().split(":");
                latencies[Integer.parseInt(parts[0])] = now - Long.parseLong(parts[1]);
                ws.sendText(CODEC.encode(new Frame.Delivered(m.id())), true);
                delivered.countDown();
            }
        }
    }

    /** The sender: each receipt frees a place in the window. */
    private static final class SenderListener extends Listener {
        private final Semaphore inFlight;
        private final ConcurrentLinkedQueue<String> errors;

        SenderListener(Semaphore inFlight, ConcurrentLinkedQueue<String> errors) {
            this.inFlight = inFlight;
            this.errors = errors;
        }

        @Override
        void frame(WebSocket ws, Frame.ServerFrame frame) {
            if (frame instanceof Frame.Receipt) {
                inFlight.release();
            } else if (frame instanceof Frame.Error e) {
                errors.add(e.toString());
                inFlight.release();
            }
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
