package dev.parley.client;

import dev.parley.protocol.token.AppCredentials;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Parley server in its own JVM ({@code dev.parley.server.cli.Main}, as {@code parley-server.sh} runs it), on a fixed
 * port and data dir, so that a test can kill it with SIGKILL and start it again on the same data. The class path is
 * the test JVM's own (it holds the server and its libraries); flags and environment variables are the command line's.
 */
final class ServerProcess implements AutoCloseable {
    static final String APP_KEY = "parley#crash";

    private final Path dataDir;
    private final int port;
    private final AppCredentials credentials;
    private final List<String> flags;
    private final Map<String, String> environment;
    private Process process;
    private int starts;

    /**
     * @param flags       extra command-line flags
     * @param environment extra environment variables (PARLEY_…)
     */
    ServerProcess(Path dataDir, AppCredentials credentials, List<String> flags, Map<String, String> environment) {
        this.dataDir = dataDir;
        this.port = freePort();
        this.credentials = credentials;
        this.flags = List.copyOf(flags);
        this.environment = Map.copyOf(environment);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int port() {
        return port;
    }

    String wsUrl() {
        return "ws://127.0.0.1:" + port + "/websocket";
    }

    String apiUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and returns once it prints its addresses (it accepts connections then). */
    void start(Duration timeout) {
        String classPath = System.getProperty("jdk.module.path", "") + java.io.File.pathSeparator
                + System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
                "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "dev.parley.server.cli.Main",
                "--port", Integer.toString(port), "--data-dir", dataDir.toString(), "--app-key", APP_KEY,
                "--app-id", credentials.appId(), "--app-certificate", credentials.appCertificate()));
        command.addAll(flags);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(dataDir.resolveSibling("server-" + port + ".err")
                .toFile()));
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Process started = process;
        Thread.ofVirtual().name("server-out").start(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.contains("WebSocket")) {
                        ready.complete(null);
                    }
                }
                ready.completeExceptionally(new IllegalStateException("the server exited with "
                        + started.waitFor() + " before it was ready; see " + dataDir.resolveSibling("server-"
                        + port + ".err")));
            } catch (IOException | InterruptedException e) {
                ready.completeExceptionally(e);
            }
        });
        ready.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Kills the server with SIGKILL and waits until the process is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the server did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** How many times the server was started. */
    int starts() {
        return starts;
    }

    /** Stops the server with SIGTERM (its shutdown hook closes the store), or SIGKILL if it does not stop. */
    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }
    }
}
