package dev.parley.image;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatEventHandler;
import dev.parley.client.ChatOptions;
import dev.parley.client.SendReceipt;
import dev.parley.client.TextMessage;
import dev.parley.client.TextMessageEvent;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster mode inside the linked image: the PostgreSQL driver and jnats have no module descriptors of their own, and
 * HikariCP logs through SLF4J, so only a real run shows that the image's descriptors and service bindings hold. Two
 * nodes of the image on this machine's PostgreSQL and NATS; leo on one, roy on the other. Skipped without the
 * services, except under CI=true.
 */
class ClusterImageIT {
    @TempDir
    Path dir;

    private record Node(Process process, String url, List<String> output) {
    }

    @Test
    void twoNodesOfTheImageChatOverPostgresqlAndNats() throws Exception {
        requireService("NATS at 127.0.0.1:4222", 4222);
        requireService("PostgreSQL at 127.0.0.1:5432", 5432);
        String database = "parley_image_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12)
                .toLowerCase(Locale.ROOT);
        psql("CREATE DATABASE " + database);
        HexFormat hex = HexFormat.of();
        SecureRandom random = new SecureRandom();
        List<String> cluster = List.of("--port", "0", "--open-registration", "--store", "postgres",
                "--db-url", "jdbc:postgresql://127.0.0.1:5432/" + database, "--db-user", "postgres",
                "--router", "nats", "--nats-url", "nats://127.0.0.1:4222", "--app-key", "parley#chat",
                "--app-id", hex.formatHex(random.generateSeed(16)),
                "--app-certificate", hex.formatHex(random.generateSeed(16)));
        List<Node> nodes = new ArrayList<>();
        try {
            nodes.add(start("a", cluster));
            nodes.add(start("b", cluster));
            try (ChatClient leo = client(nodes.get(0)); ChatClient roy = client(nodes.get(1))) {
                leo.registerUser("leo", "password-leo", "Leo").get(30, TimeUnit.SECONDS);
                roy.registerUser("roy", "password-roy", "Roy").get(30, TimeUnit.SECONDS);
                CompletableFuture<TextMessageEvent> atRoy = new CompletableFuture<>();
                CompletableFuture<TextMessageEvent> atLeo = new CompletableFuture<>();
                roy.addEventHandler("test", received(atRoy));
                leo.addEventHandler("test", received(atLeo));
                roy.openWithPassword("roy", "password-roy").get(30, TimeUnit.SECONDS);
                leo.openWithPassword("leo", "password-leo").get(30, TimeUnit.SECONDS);

                SendReceipt sent = leo.send(TextMessage.create("roy", "from node a 你好")).get(30, TimeUnit.SECONDS);
                assertThat(atRoy.get(30, TimeUnit.SECONDS).id()).isEqualTo(sent.serverId());
                roy.send(TextMessage.create("leo", "from node b 👋")).get(30, TimeUnit.SECONDS);
                assertThat(atLeo.get(30, TimeUnit.SECONDS).msg()).isEqualTo("from node b 👋");
            }
            for (Node n : nodes) {
                assertThat(n.output()).as("a node's output").noneMatch(l -> l.contains("SEVERE")
                        || l.contains("Exception") || l.contains("SLF4J"));
            }
        } finally {
            for (Node n : nodes) {
                n.process().destroy();
                assertThat(n.process().waitFor(30, TimeUnit.SECONDS)).as("a node stops on SIGTERM").isTrue();
            }
            psql("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private Node start(String id, List<String> cluster) throws Exception {
        List<String> args = new ArrayList<>(cluster);
        args.addAll(List.of("--node-id", id, "--data-dir", dir.resolve(id).toString()));
        Process process = ImageIT.launcher("parley-server", args.toArray(String[]::new)).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> {
            try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                in.lines().forEach(line -> {
                    output.add(line);
                    lines.add(line);
                });
            } catch (IOException ignored) {
                // the process ended
            }
        });
        return new Node(process, ImageIT.waitForUrl(lines), output);
    }

    private static ChatClient client(Node node) {
        return ChatClient.create(ChatOptions.builder().appKey("parley#chat").url(node.url()).build());
    }

    private static ChatEventHandler received(CompletableFuture<TextMessageEvent> into) {
        return new ChatEventHandler() {
            @Override
            public void onTextMessage(TextMessageEvent message) {
                into.complete(message);
            }
        };
    }

    private static void requireService(String what, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
        } catch (IOException e) {
            String why = what + " is not running";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(why + " and CI=true (.ci/run starts it)");
            }
            Assumptions.abort(why + "; skipped");
        }
    }

    private static void psql(String sql) throws Exception {
        Process p = new ProcessBuilder("psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-v",
                "ON_ERROR_STOP=1", "-c", sql).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0).as(sql + ": " + out).isTrue();
    }
}
