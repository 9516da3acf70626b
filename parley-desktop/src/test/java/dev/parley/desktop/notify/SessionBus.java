package dev.parley.desktop.notify;

import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.desktop.TestServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A private D-Bus session bus for a test: a real {@code dbus-daemon --session --print-address --nofork}, stopped
 * with {@link #close()}. Without {@code dbus-daemon} the test is skipped with a message, except under {@code CI=true},
 * where that is a failure (CI machines must have it).
 */
final class SessionBus implements AutoCloseable {
    private final Process daemon;
    private final String address;

    private SessionBus(Process daemon, String address) {
        this.daemon = daemon;
        this.address = address;
    }

    static SessionBus start() throws Exception {
        Path program = Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "dbus-daemon")).filter(Files::isExecutable).findFirst()
                .orElse(Path.of("/usr/bin/dbus-daemon"));
        if (!Files.isExecutable(program)) {
            String why = "dbus-daemon is not installed (apt-get install dbus): the desktop notification tests need a "
                    + "real D-Bus session bus";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why + " and CI=true");
            }
            Assumptions.abort(why + "; skipped");
        }
        Process process = new ProcessBuilder(program.toString(), "--session", "--print-address", "--nofork")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
            try {
                return out.readLine();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        String address;
        try {
            address = line.get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new AssertionError("dbus-daemon printed no address", e);
        }
        if (address == null || address.isBlank()) {
            process.destroyForcibly();
            throw new AssertionError("dbus-daemon printed no address (exit " + process.waitFor() + ")");
        }
        return new SessionBus(process, address.strip());
    }

    /** The bus's address, as {@code DBUS_SESSION_BUS_ADDRESS} would give it. */
    String address() {
        return address;
    }

    @Override
    public void close() {
        daemon.destroy();
        try {
            if (!daemon.waitFor(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                daemon.destroyForcibly();
            }
        } catch (InterruptedException e) {
            daemon.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
