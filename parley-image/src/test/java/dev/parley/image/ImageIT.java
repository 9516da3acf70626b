package dev.parley.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ChatOptions;
import dev.parley.client.SendReceipt;
import dev.parley.client.TextMessage;
import dev.parley.client.TextMessageEvent;
import jakarta.json.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The linked image works: both launchers start without a display, and JSON (Yasson, in a stripped image) carries a
 * real conversation through the image's server.
 */
class ImageIT {
    private static final Path IMAGE = Path.of(System.getProperty("parley.image"));
    private static final String VERSION = System.getProperty("parley.version");

    @TempDir
    Path dir;

    private record Result(int code, String output) {
    }

    static ProcessBuilder launcher(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(IMAGE.resolve("bin").resolve(name).toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("DISPLAY");
        pb.environment().remove("WAYLAND_DISPLAY");
        pb.environment().remove("JAVA_HOME");
        return pb;
    }

    private static Result run(String name, String... args) throws Exception {
        Process p = launcher(name, args).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(name + " finished").isTrue();
        return new Result(p.exitValue(), out);
    }

    @Test
    void theImageHoldsOnlyWhatItNeeds() throws Exception {
        Result modules = run("java", "--list-modules");
        assertThat(modules.output()).contains("dev.parley.desktop", "dev.parley.server", "javafx.controls",
                "org.eclipse.yasson", "org.eclipse.parsson", "org.xerial.sqlitejdbc",
                "org.glassfish.tyrus.container.jdk.client", "org.glassfish.tyrus.container.grizzly.server",
                "org.freedesktop.dbus", "org.freedesktop.dbus.transport.jre", "org.slf4j.jul");
        assertThat(Files.exists(IMAGE.resolve("bin/parley"))).isTrue();
        assertThat(Files.exists(IMAGE.resolve("bin/parley-server"))).isTrue();
    }

    /**
     * Desktop notifications need dbus-java's transport, a service provider that jlink keeps only because the desktop
     * module requires it: the image's java connects to a real private session bus. Skipped without dbus-daemon,
     * except under CI=true.
     */
    @Test
    void dbusWorksInsideTheImage() throws Exception {
        Path daemonProgram = Path.of("/usr/bin/dbus-daemon");
        if (!Files.isExecutable(daemonProgram)) {
            String why = "dbus-daemon is not installed (apt-get install dbus)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " and CI=true");
            }
            org.junit.jupiter.api.Assumptions.abort(why + "; skipped");
        }
        Process daemon = new ProcessBuilder(daemonProgram.toString(), "--session", "--print-address", "--nofork")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(),
                    StandardCharsets.UTF_8));
            String address = CompletableFuture.supplyAsync(() -> {
                try {
                    return out.readLine();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(10, TimeUnit.SECONDS);
            assertThat(address).as("the bus's address").isNotBlank();
            String classes = Path.of(DbusProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toString();
            Result r = run("java", "-cp", classes, DbusProbe.class.getName(), address.strip());
            assertThat(r.code()).as(r.output()).isZero();
            assertThat(r.output()).contains("connected as :").doesNotContain("SLF4J");
        } finally {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void desktopLauncherReportsItsVersionWithoutADisplay() throws Exception {
        Result r = run("parley", "--version");
        assertThat(r.code()).as(r.output()).isZero();
        assertThat(r.output().strip()).isEqualTo("parley " + VERSION);
    }

    @Test
    void serverLauncherHelpsWithoutADisplay() throws Exception {
        Result help = run("parley-server", "--help");
        assertThat(help.code()).as(help.output()).isZero();
        assertThat(help.output()).contains("--host", "--data-dir", "token", "register");
        assertThat(help.output()).doesNotContain("WARNING");
        Result version = run("parley-server", "--version");
        assertThat(version.output().strip()).isEqualTo("parley-server " + VERSION);
    }

    @Test
    void jsonWorksInsideTheImage() throws Exception {
        Process server = launcher("parley-server", "--port", "0", "--data-dir", dir.toString(),
                "--open-registration").start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    output.add(line);
                    lines.add(line);
                });
            } catch (IOException ignored) {
                // the process ended
            }
        });
        try {
            String url = waitForUrl(lines);
            String leoToken = run("parley-server", "token", "--user", "leo", "--data-dir", dir.toString())
                    .output().strip();
            assertThat(leoToken).startsWith("007");
            ChatOptions options = ChatOptions.builder().appKey("parley#chat").url(url).build();
            try (ChatClient leo = ChatClient.create(options); ChatClient roy = ChatClient.create(options)) {
                roy.registerUser("roy", "password-roy", "Roy").get(30, TimeUnit.SECONDS);
                CompletableFuture<TextMessageEvent> received = new CompletableFuture<>();
                roy.addEventHandler("test", new ChatEventHandler() {
                    @Override
                    public void onTextMessage(TextMessageEvent message) {
                        received.complete(message);
                    }
                });
                roy.openWithPassword("roy", "password-roy").get(30, TimeUnit.SECONDS);
                leo.open("leo", leoToken).get(30, TimeUnit.SECONDS);
                var ext = Json.createObjectBuilder().add("mood", "ünïcødé ✓").add("n", 42).build();
                SendReceipt receipt = leo.send(TextMessage.create("roy", "Hi, how are you doing? 你好 \"quoted\"")
                        .withExt(ext)).get(30, TimeUnit.SECONDS);
                TextMessageEvent m = received.get(30, TimeUnit.SECONDS);
                assertThat(m.id()).isEqualTo(receipt.serverId());
                assertThat(m.from()).isEqualTo("leo");
                assertThat(m.to()).isEqualTo("roy");
                assertThat(m.msg()).isEqualTo("Hi, how are you doing? 你好 \"quoted\"");
                assertThat(m.ext()).isEqualTo(ext);
                assertThat(roy.conversations().get(30, TimeUnit.SECONDS)).singleElement()
                        .satisfies(c -> assertThat(c.peer()).isEqualTo("leo"));
            }
            // Jersey's error mapping and JSON writing inside the image (the REST API runs on Jersey and hk2, whose
            // module descriptors the image build adds)
            String api = url.replace("ws://", "http://").replace("/websocket", "");
            HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(api + "/parley/chat/users/roy/conversations")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.body()).contains("\"error\":\"unauthorized\"");
            assertThat(output).as("the server's output").noneMatch(l -> l.contains("WARNING") || l.contains("SEVERE")
                    || l.contains("Exception"));
        } finally {
            server.destroy();
            assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("the server stops on SIGTERM").isTrue();
        }
    }

    static String waitForUrl(BlockingQueue<String> lines) throws InterruptedException {
        Pattern ws = Pattern.compile("WebSocket\\s+(ws://\\S+)");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(1, TimeUnit.SECONDS);
            if (line == null) {
                continue;
            }
            seen.append(line).append('\n');
            Matcher m = ws.matcher(line);
            if (m.find()) {
                return m.group(1);
            }
        }
        throw new AssertionError("the server printed no WebSocket URL within 30 s:\n" + seen);
    }
}
