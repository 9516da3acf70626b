package dev.parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@code bench/run rest}: what the REST layer costs. Prints
 * <ul>
 * <li>the image's size and the time from launching its {@code bin/parley-server} to the first answer of
 * {@code /health} (5 runs on fresh data dirs: min, median, max), when the image is built;</li>
 * <li>{@code --requests} GETs of a user's conversation list (20 conversations) on one keep-alive connection, one at a
 * time, then the same number from 8 connections at once: requests/s, latency p50/p99, and the server's CPU and
 * allocation per request (measured from outside its JVM, {@link ServerProbe}). The server runs from the build tree
 * as {@code parley-server.sh} runs it.</li>
 * </ul>
 * Options: {@code --requests N} (2,000), {@code --image DIR} (parley-image/target/image).
 */
public final class RestBench {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RestBench() {
    }

    public static void main(String[] args) throws Exception {
        int requests = intArg(args, "--requests", 2000);
        Path image = Path.of(arg(args, "--image", ServerProcess.repositoryRoot()
                .resolve("parley-image/target/image").toString()));
        if (Files.isExecutable(image.resolve("bin/parley-server"))) {
            startTimes(image);
        } else {
            System.out.println("rest: no image at " + image + ": start time not measured");
        }
        Path data = Files.createTempDirectory("parley-rest-bench");
        try (ServerProcess server = ServerProcess.start(Target.PARLEY, data);
             ServerProbe probe = ServerProbe.attach(server.pid())) {
            String base = "http://127.0.0.1:" + server.port + "/" + server.appKey().replace('#', '/');
            List<String> peers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                peers.add("peer" + i);
            }
            List<String> names = new ArrayList<>(peers);
            names.add("leo");
            List<Users.Credential> users = Users.overRest(server.port, server.appKey(), names);
            String leoToken = users.getLast().token();
            for (Users.Credential peer : users.subList(0, peers.size())) {
                sendOne(server.port, server.appKey(), peer, "leo");
            }
            HttpRequest list = HttpRequest.newBuilder(URI.create(base + "/users/leo/conversations"))
                    .header("Authorization", "Bearer " + leoToken).timeout(Duration.ofSeconds(30)).build();
            int size = HTTP.send(list, HttpResponse.BodyHandlers.ofString()).body().length();
            System.out.printf(Locale.ROOT, "rest: conversation list of 20 conversations, %d bytes of JSON%n", size);
            measure("warm-up (not counted)", probe, list, requests, 1);
            measure("one connection", probe, list, requests, 1);
            measure("8 connections", probe, list, requests, 8);
        }
        System.exit(0);
    }

    private static void startTimes(Path image) throws Exception {
        System.out.printf(Locale.ROOT, "image: %.1f MB (%s)%n", size(image) / 1e6, image);
        long[] ms = new long[5];
        long[] cpu = new long[5];
        for (int run = 0; run < ms.length; run++) {
            Path data = Files.createTempDirectory("parley-start-bench");
            int port = freePort();
            long t0 = System.nanoTime();
            Process p = new ProcessBuilder(image.resolve("bin/parley-server").toString(), "--port",
                    Integer.toString(port), "--data-dir", data.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            try {
                while (!healthy(port)) {
                    if (!p.isAlive()) {
                        throw new IOException("the image's server ended with " + p.exitValue());
                    }
                    if (System.nanoTime() - t0 > TimeUnit.SECONDS.toNanos(60)) {
                        throw new IOException("the image's server did not answer within 60 s");
                    }
                    Thread.sleep(5); // polling a port, between attempts
                }
                ms[run] = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                cpu[run] = cpuMillis(p.pid());
            } finally {
                p.destroy();
                p.waitFor(30, TimeUnit.SECONDS);
            }
        }
        long[] sorted = ms.clone();
        Arrays.sort(sorted);
        long[] cpuSorted = cpu.clone();
        Arrays.sort(cpuSorted);
        System.out.printf(Locale.ROOT, "server launch to first /health answer: min %d ms, median %d ms, max %d ms "
                + "(runs: %s); CPU time used by then (user + system, all threads): median %d ms (runs: %s)%n",
                sorted[0], sorted[2], sorted[4], Arrays.toString(ms), cpuSorted[2], Arrays.toString(cpu));
    }

    private static void measure(String what, ServerProbe probe, HttpRequest request, int count, int connections)
            throws Exception {
        long[] nanos = new long[count];
        ServerProbe.Sample before = probe.sample();
        long t0 = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                int first = c;
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                done.add(pool.submit(() -> {
                    for (int i = first; i < count; i += connections) {
                        long s = System.nanoTime();
                        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                        nanos[i] = System.nanoTime() - s;
                        if (r.statusCode() != 200) {
                            throw new IOException("answer " + r.statusCode() + ": " + r.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        long elapsed = System.nanoTime() - t0;
        ServerProbe.Sample after = probe.sample();
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "rest %s: %d GETs in %d ms, %.0f/s; latency p50 %.2f ms, p99 %.2f ms, "
                        + "max %.2f ms; server CPU %.0f µs and allocation %.1f KB per request%n", what, count,
                TimeUnit.NANOSECONDS.toMillis(elapsed), count / (elapsed / 1e9), nanos[count / 2] / 1e6,
                nanos[count * 99 / 100] / 1e6, nanos[count - 1] / 1e6,
                (after.cpuNanos() - before.cpuNanos()) / 1e3 / count,
                (after.allocatedBytes() - before.allocatedBytes()) / 1024.0 / count);
    }

    /** Sends one text message from {@code from} to {@code to} over the JDK's WebSocket and waits for its receipt. */
    private static void sendOne(int port, String appKey, Users.Credential from, String to) throws Exception {
        CompletableFuture<Void> opened = new CompletableFuture<>();
        CompletableFuture<Void> receipt = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + port + "/websocket"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        String frame = data.toString();
                        if (frame.contains("\"syncEnd\"")) {
                            opened.complete(null);
                        } else if (frame.contains("\"receipt\"")) {
                            receipt.complete(null);
                        } else if (frame.contains("\"error\"")) {
                            receipt.completeExceptionally(new IOException(frame));
                            opened.completeExceptionally(new IOException(frame));
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(30, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"open\",\"appKey\":\"" + appKey + "\",\"user\":\"" + from.user() + "\",\"token\":\""
                + from.token() + "\"}", true).get(30, TimeUnit.SECONDS);
        opened.get(30, TimeUnit.SECONDS);
        ws.sendText("{\"type\":\"send\",\"localId\":\"b1\",\"to\":\"" + to + "\",\"chatType\":\"singleChat\","
                + "\"msgType\":\"txt\",\"msg\":\"hello from " + from.user() + "\"}", true).get(30, TimeUnit.SECONDS);
        receipt.get(30, TimeUnit.SECONDS);
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
    }

    private static boolean healthy(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] head = s.getInputStream().readNBytes(12);
            return new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    /** User + system CPU time of process {@code pid} so far ({@code /proc/PID/stat}, ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    /** {@code du -sb}, as {@code bench/startup} and docs/benchmarks.md measure the image. */
    private static long size(Path dir) throws IOException, InterruptedException {
        Process du = new ProcessBuilder("du", "-sb", dir.toString()).start();
        String out = new String(du.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        du.waitFor();
        return Long.parseLong(out.split("\\s+")[0]);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(arg(args, name, Integer.toString(fallback)));
    }

    private static String arg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
