package dev.parley.bench;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.management.ObjectName;

/**
 * Heap per idle connection: an in-process server, N signed-in WebSockets that then send nothing, opened by
 * {@link IdleClients} in a separate JVM (so none of the clients' memory is counted) from several {@code 127.0.0.x}
 * source addresses. Prints the server's used heap after a full GC before and with the connections, the difference
 * per connection, the classes that grew most (a class histogram diff of the server JVM), the connect rate, and the
 * heap once the connections are closed again.
 * <p>
 * The baseline is taken after a warm-up round of connections has been opened and closed, so that classes, thread
 * pools and buffer pools that the first connections bring in are not counted against the N.
 * <p>
 * Usage: {@code bench/run connections [--count 10000] [--addresses 4] [--concurrency 64] [--classes 12]}
 */
public final class ConnectionsBench {
    private static final Pattern HISTOGRAM_LINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    public static void main(String[] args) throws Exception {
        int count = intArg(args, "--count", 10_000);
        int addresses = intArg(args, "--addresses", 4);
        int concurrency = intArg(args, "--concurrency", 64);
        int classes = intArg(args, "--classes", 12);
        int warmup = Math.min(count, 500);
        Path dir = Files.createTempDirectory("parley-connections");
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0)
                .maxConnectionsPerAddress(count)
                .connectionRate(1e6, 1_000_000)
                .idleTimeout(Duration.ofMinutes(30))
                .build();
        try (ParleyServer server = ParleyServer.start(config)) {
            Path warmupTokens = tokens(server, dir.resolve("warmup.txt"), "warm", warmup);
            Path tokens = tokens(server, dir.resolve("tokens.txt"), "idle", count);
            System.out.printf(Locale.ROOT, "connections: %,d idle signed-in WebSockets from %d source addresses; "
                    + "clients in their own JVM; server heap measured in the server's JVM after a full GC%n",
                    count, addresses);

            try (Clients warm = new Clients(server, warmupTokens, addresses, concurrency)) {
                warm.awaitSignedIn();
                warm.command("close");
            }
            Map<String, long[]> histogramBefore = histogram();
            long before = usedHeapAfterGc();

            try (Clients clients = new Clients(server, tokens, addresses, concurrency)) {
                String[] signedIn = clients.awaitSignedIn();
                int open = Integer.parseInt(signedIn[1]);
                double seconds = Long.parseLong(signedIn[3]) / 1000.0;
                System.out.printf(Locale.ROOT, "connect + sign-in: %,d in %.1f s = %,.0f connections/s "
                        + "(%s refused, %d at a time)%n", open, seconds, open / seconds, signedIn[2], concurrency);
                long with = usedHeapAfterGc();
                Map<String, long[]> histogramWith = histogram();
                System.out.printf(Locale.ROOT, "server heap after GC: %.1f MB before, %.1f MB with %,d idle "
                        + "connections: %.2f KB per idle connection%n", before / 1e6, with / 1e6, open,
                        (with - before) / 1000.0 / open);
                printTopClasses("what grew, per idle connection (class histogram of the server JVM):",
                        histogramBefore, histogramWith, open, classes);
                String alive = clients.command("ping");
                clients.command("close");
                long afterClose = usedHeapAfterGc();
                System.out.printf(Locale.ROOT, "afterwards: %s of %,d answered a ping; once all were closed the "
                        + "heap was %.1f MB (%+.1f MB against the baseline)%n", alive.split(" ")[1], open,
                        afterClose / 1e6, (afterClose - before) / 1e6);
                if (afterClose - before > 1_000_000) {
                    printTopClasses("still held after closing, per connection that was open:", histogramBefore,
                            histogram(), open, Math.min(classes, 8));
                }
            }
        }
    }

    /** Registers {@code n} users and writes one {@code user token} line each. */
    private static Path tokens(ParleyServer server, Path file, String prefix, int n) throws Exception {
        List<String> lines;
        try (var executor = Executors.newFixedThreadPool(32)) {
            List<Future<String>> made = IntStream.range(0, n).mapToObj(i -> executor.submit(() -> {
                String user = prefix + i;
                return user + " " + server.userToken(user, Duration.ofHours(2));
            })).toList();
            lines = new ArrayList<>(n);
            for (Future<String> f : made) {
                lines.add(f.get());
            }
        }
        return Files.write(file, lines);
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Class name → {instances, bytes}, from the JVM's own class histogram (which runs a full GC first). */
    private static Map<String, long[]> histogram() throws Exception {
        String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Map<String, long[]> byClass = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher m = HISTOGRAM_LINE.matcher(line);
            if (m.find()) {
                byClass.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                        (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return byClass;
    }

    private static void printTopClasses(String title, Map<String, long[]> before, Map<String, long[]> with, int n,
                                        int top) {
        if (top <= 0) {
            return;
        }
        System.out.println(title);
        record Growth(String type, double instances, double bytes) {
        }
        List<Growth> growth = with.entrySet().stream().map(e -> {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            return new Growth(e.getKey(), (e.getValue()[0] - b[0]) / (double) n, (e.getValue()[1] - b[1]) / (double) n);
        }).sorted(Comparator.comparingDouble(Growth::bytes).reversed()).limit(top).toList();
        for (Growth g : growth) {
            System.out.printf(Locale.ROOT, "  %8.0f B  %6.1f objects  %s%n", g.bytes(), g.instances(), g.type());
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

    /** An {@link IdleClients} child JVM and its command line. */
    private static final class Clients implements AutoCloseable {
        private final Process process;
        private final BufferedReader answers;
        private final PrintWriter commands;

        Clients(ParleyServer server, Path tokens, int addresses, int concurrency) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            process = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                    IdleClients.class.getName(), Integer.toString(server.port()), server.appKey(),
                    tokens.toString(), Integer.toString(addresses), Integer.toString(concurrency))
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        }

        /** {"signed-in", n, failed, millis} once every connection is signed in or refused. */
        String[] awaitSignedIn() {
            return answer().split(" ");
        }

        String command(String command) {
            commands.println(command);
            return answer();
        }

        private String answer() {
            try {
                String line = answers.readLine();
                if (line == null) {
                    throw new IllegalStateException("the client JVM ended early (exit " + process.waitFor() + ")");
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            commands.close();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
