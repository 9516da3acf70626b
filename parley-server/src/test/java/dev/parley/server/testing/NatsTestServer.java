package dev.parley.server.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A NATS server for a test: {@link #shared()} is this machine's (127.0.0.1:4222, or {@code PARLEY_TEST_NATS_URL}'s
 * host and port); {@link #start()} runs a private {@code nats-server} on a free port that the test may
 * {@link #stop()} and {@link #restart()} on the same port, as an operator restarting NATS would. When NATS (or its
 * binary) is missing the test is skipped with a message saying why, or fails under {@code CI=true}.
 */
public final class NatsTestServer implements AutoCloseable {
    private static final String BINARY = System.getenv().getOrDefault("PARLEY_TEST_NATS_SERVER",
            "/usr/sbin/nats-server");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final String host;
    private final int port;
    private final boolean owned;
    private Process process;

    private NatsTestServer(String host, int port, boolean owned) {
        this.host = host;
        this.port = port;
        this.owned = owned;
    }

    /** This machine's NATS server; {@link #stop()} and {@link #restart()} are not allowed on it. */
    public static NatsTestServer shared() {
        String url = System.getenv().getOrDefault("PARLEY_TEST_NATS_URL", "nats://127.0.0.1:4222");
        String hostPort = url.replaceFirst("^nats://", "");
        int colon = hostPort.lastIndexOf(':');
        NatsTestServer server = new NatsTestServer(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)), false);
        if (!server.accepts()) {
            throw RequiredService.missing("NATS is not running at " + url);
        }
        return server;
    }

    /** A private nats-server on a free port of 127.0.0.1, started and accepting connections. */
    public static NatsTestServer start() {
        if (!Files.isExecutable(Path.of(BINARY))) {
            throw RequiredService.missing("no nats-server binary at " + BINARY);
        }
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
        NatsTestServer server = new NatsTestServer("127.0.0.1", port, true);
        server.restart();
        return server;
    }

    /** The URL clients connect to. */
    public String url() {
        return "nats://" + host + ":" + port;
    }

    /** Kills the private server (SIGKILL: no goodbye to its clients) and waits until it is gone. */
    public void stop() {
        requireOwned();
        if (process != null) {
            process.destroyForcibly();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("nats-server did not end");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            process = null;
        }
    }

    /** Starts the private server (again) on its port and waits until it accepts connections. */
    public void restart() {
        requireOwned();
        stop();
        try {
            process = new ProcessBuilder(BINARY, "-a", host, "-p", Integer.toString(port))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + BINARY, e);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("nats-server did not start on port " + port + " within "
                        + START_TIMEOUT);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** Stops a private server; nothing for the shared one. */
    @Override
    public void close() {
        if (owned) {
            stop();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("the machine's NATS server is not the test's to stop");
        }
    }
}
