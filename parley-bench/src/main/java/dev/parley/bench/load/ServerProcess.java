package dev.parley.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A target server in its own JVM: Parley started the way {@code parley-server.sh} starts it (from the build tree's
 * jar and module path, never building anything), or the {@link RelayServer} from this module's class path. Waits
 * until it prints that it listens; stops it with SIGTERM.
 */
final class ServerProcess implements AutoCloseable {
    /** The target could not run here (for example a flag this server does not know yet). */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    /** Limits lifted so that the benchmark, not the abuse guards, is what is measured. */
    private static final List<String> OPEN_LIMITS = List.of("--rate-limit", "1000000", "--rate-burst", "1000000",
            "--frame-rate", "1000000", "--frame-burst", "1000000", "--max-connections-per-address", "100000",
            "--connection-rate", "1000000", "--connection-burst", "1000000", "--open-registration",
            "--registration-rate", "1000000", "--login-rate", "1000000", "--max-queued-bytes", "67108864");

    final Process process;
    final int port;
    private final List<String> output = new ArrayList<>();
    private String appKey = "";

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** The server's app key ({@code org#app}); any for the relay. */
    String appKey() {
        return appKey;
    }

    long pid() {
        return process.pid();
    }

    static ServerProcess start(Target target, Path dataDir) throws IOException, Unavailable {
        return start(target, dataDir, List.of());
    }

    /** Starts {@code target} with {@code nodeFlags} after its own flags (a cluster node's database, id, app). */
    static ServerProcess start(Target target, Path dataDir, List<String> nodeFlags) throws IOException, Unavailable {
        int port = freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>();
        if (target.isParley()) {
            Path root = repositoryRoot();
            Path jar = serverJar(root);
            String modules = Files.readString(root.resolve("parley-server/target/modules.txt")).trim();
            command.addAll(List.of(java, "--enable-native-access=org.xerial.sqlitejdbc,dev.parley.server",
                    "--module-path", jar + ":" + modules, "--module", "dev.parley.server/dev.parley.server.cli.Main",
                    "--data-dir", dataDir.toString(), "--port", Integer.toString(port)));
            command.addAll(OPEN_LIMITS);
            command.addAll(target.serverFlags);
            command.addAll(nodeFlags);
        } else {
            command.addAll(List.of(java, "-cp", System.getProperty("java.class.path"),
                    RelayServer.class.getName(), Integer.toString(port)));
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<String> ready = new CompletableFuture<>();
        ServerProcess server = new ServerProcess(p, port);
        Thread.ofPlatform().daemon().name("server-output").start(() -> server.readOutput(ready));
        try {
            server.appKey = ready.get(90, TimeUnit.SECONDS);
            return server;
        } catch (Exception e) {
            p.destroyForcibly();
            String said = String.join("\n  ", server.output());
            String refused = server.output().stream().filter(l -> l.startsWith("Unknown option")
                    || l.startsWith("Invalid value for option") || l.startsWith("Missing required")).findFirst()
                    .orElse("");
            if (!refused.isEmpty()) {
                throw new Unavailable("this build of parley-server does not accept " + String.join(" ",
                        target.serverFlags) + " yet (merge main once it does): " + refused);
            }
            throw new IOException(target.id + " did not start: " + said, e);
        }
    }

    private List<String> output() {
        synchronized (output) {
            return List.copyOf(output);
        }
    }

    /** Reads the server's output; completes {@code ready} with the app key (Parley) or "" (relay). */
    private void readOutput(CompletableFuture<String> ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String appKey = "bench#relay";
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                synchronized (output) {
                    if (output.size() < 200) {
                        output.add(line);
                    }
                }
                String t = line.trim();
                if (t.startsWith("app key")) {
                    appKey = t.substring("app key".length()).trim();
                }
                if (t.startsWith("Registration is") || t.startsWith("relay listening")) {
                    ready.complete(appKey);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        ready.completeExceptionally(new IOException("the server ended"));
    }

    /** The Parley checkout this runs in: the nearest directory upwards with {@code parley-server/pom.xml}. */
    static Path repositoryRoot() {
        String configured = System.getProperty("parley.root");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("parley-server/pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside a Parley checkout (no parley-server/pom.xml above "
                + Path.of("").toAbsolutePath() + ")");
    }

    private static Path serverJar(Path root) throws IOException {
        Path target = root.resolve("parley-server/target");
        if (!Files.exists(target.resolve("modules.txt"))) {
            throw new IOException("parley-server is not built: run ./mvnw -o -B -q -pl parley-bench -am package "
                    + "-DskipTests first");
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("parley-server-[^-]+(-SNAPSHOT)?\\.jar"))
                    .findFirst().orElseThrow(() -> new IOException("no parley-server jar in " + target));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
