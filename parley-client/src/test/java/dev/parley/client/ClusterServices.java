package dev.parley.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * This machine's PostgreSQL (127.0.0.1:5432, user postgres, trust authentication) and NATS (127.0.0.1:4222), for the
 * cluster tests of the SDK against server processes. A database is made and dropped with {@code psql} (the server
 * processes, not this JVM, speak JDBC). When a service is missing the test is skipped with a message saying why, or
 * fails under {@code CI=true}.
 */
final class ClusterServices {
    static final String NATS_URL = "nats://127.0.0.1:4222";

    private ClusterServices() {
    }

    /** A new empty database; returns its JDBC URL. */
    static String createDatabase(String name) {
        psql("CREATE DATABASE " + name);
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    static void dropDatabase(String name) {
        psql("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /** A database name of its own for one test. */
    static String newDatabaseName() {
        return "parley_sdk_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** Fails or skips the test unless NATS accepts connections. */
    static void requireNats() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", 4222), 1_000);
        } catch (IOException e) {
            missing("NATS is not running at " + NATS_URL);
        }
    }

    private static void psql(String sql) {
        try {
            Process p = new ProcessBuilder(List.of("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres",
                    "-v", "ON_ERROR_STOP=1", "-c", sql)).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                missing("PostgreSQL at 127.0.0.1:5432 refused " + sql + ": " + output.strip());
            }
        } catch (IOException e) {
            missing("cannot run psql: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void missing(String why) {
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail(why + " (and CI=true: this machine must have it; .ci/run starts it)");
        }
        Assumptions.abort(why + ": skipped (under CI=true this fails)");
    }
}
