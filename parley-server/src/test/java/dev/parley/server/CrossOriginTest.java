package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web page elsewhere cannot use a visitor's browser against the server: requests and WebSocket upgrades from a
 * foreign {@code Origin} get 403 (and JSON bodies must say {@code application/json}: {@code RestApiTest}). What the
 * SDK sends is still accepted. And every status the server sends has its standard reason phrase.
 */
class CrossOriginTest {
    private static final String USERS = "/parley/chat/users";
    private static final String KEY = "13a2c2a64f2b43219d2a3e9b5f6d1c0e";

    @TempDir
    Path dir;

    private ParleyServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    private ParleyServer start(ServerConfig.Builder config) throws IOException {
        server = ParleyServer.start(config.dataDir(dir).port(0).openRegistration(true).build());
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private RawHttp.Response call(String request) {
        try (RawHttp c = RawHttp.connect(server)) {
            return c.exchange(request);
        }
    }

    private static String registration(String user) {
        return "{\"username\":\"" + user + "\",\"password\":\"correct horse\"}";
    }

    private String own() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The upgrade request a WebSocket client sends, with these extra headers. */
    private String upgrade(String host, String... headers) {
        StringBuilder r = new StringBuilder("GET /websocket HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n");
        for (String h : headers) {
            r.append(h).append("\r\n");
        }
        return r.append("\r\n").toString();
    }

    @Test
    void aRequestFromAForeignOriginGets403AndDoesNothing() throws Exception {
        start(ServerConfig.builder().allowedOrigins(List.of("https://chat.example.com")));
        for (String origin : new String[] {"http://evil.example", "null", "http://127.0.0.1",
                "http://127.0.0.1:" + (server.port() + 1), "https://127.0.0.1:" + server.port(), "file://"}) {
            RawHttp.Response refused = call(RawHttp.post(USERS, "application/json", registration("amy"),
                    "Origin: " + origin));
            assertThat(refused.statusLine()).as(origin).isEqualTo("HTTP/1.1 403 Forbidden");
            assertThat(refused.error()).isEqualTo("forbidden");
        }
        assertThat(call(RawHttp.get("/health", "Origin: http://evil.example")).status()).isEqualTo(403);

        // the server's own origin, an allowed one, and none at all
        assertThat(call(RawHttp.post(USERS, "application/json", registration("amy"), "Origin: " + own())).status())
                .isEqualTo(200);
        assertThat(call(RawHttp.post(USERS, "application/json", registration("bob"),
                "Origin: https://chat.example.com")).status()).isEqualTo(200);
        assertThat(call(RawHttp.post(USERS, "application/json", registration("cat"))).status()).isEqualTo(200);
        assertThat(call(RawHttp.post(USERS, "application/json", registration("amy"))).error())
                .as("amy exists once: the refused requests registered nobody").isEqualTo("duplicate_unique_property_exists");
    }

    @Test
    void behindATlsProxyTheForwardedSchemeAndHostAreTheServersOwnOrigin() throws Exception {
        start(ServerConfig.builder());
        String proxied = "POST " + USERS + " HTTP/1.1\r\nHost: chat.example.com\r\nX-Forwarded-Proto: https\r\n"
                + "Origin: https://chat.example.com\r\nContent-Type: application/json\r\nContent-Length: "
                + registration("amy").length() + "\r\n\r\n" + registration("amy");
        assertThat(call(proxied).status()).isEqualTo(200);
        String rewritten = "POST " + USERS + " HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
                + "\r\nX-Forwarded-Proto: https\r\nX-Forwarded-Host: chat.example.com\r\n"
                + "Origin: https://chat.example.com\r\nContent-Type: application/json\r\nContent-Length: "
                + registration("bob").length() + "\r\n\r\n" + registration("bob");
        assertThat(call(rewritten).status()).isEqualTo(200);
    }

    @Test
    void aWebSocketUpgradeFromAForeignOriginGets403() throws Exception {
        start(ServerConfig.builder());
        String host = "127.0.0.1:" + server.port();
        RawHttp.Response refused = call(upgrade(host, "Origin: http://evil.example"));
        assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 403 Forbidden");
        assertThat(server.openConnections()).as("Tyrus never saw it").isZero();

        // what the SDK's Tyrus client sends: Origin http://host:port, the same host and port as Host
        try (RawHttp tyrusLike = RawHttp.connect(server)) {
            RawHttp.Response upgraded = tyrusLike.exchange(upgrade(host, "Origin: http://" + host));
            assertThat(upgraded.statusLine()).startsWith("HTTP/1.1 101");
        }
        // no Origin at all (the JDK's WebSocket client)
        try (RawClient jdk = RawClient.signedIn(server, "leo")) {
            jdk.send(new Frame.Ping(3));
            assertThat(jdk.expect(Frame.Pong.class).t()).isEqualTo(3);
        }
    }

    @Test
    void everyStatusTheServerSendsHasItsStandardReasonPhrase() throws Exception {
        start(ServerConfig.builder().loginRatePerMinute(1).bodyTimeout(Duration.ofSeconds(1))
                .maxHttpConnectionsPerAddress(3));
        String host = "127.0.0.1:" + server.port();
        String token = "/parley/chat/token";
        String grant = "{\"grant_type\":\"client_credentials\",\"client_id\":\"" + KEY + "\",\"client_secret\":\""
                + KEY + "\"}";
        List<String> lines = new ArrayList<>();
        lines.add(call(RawHttp.get("/health")).statusLine());
        lines.add(call(RawHttp.post(USERS, "application/json", "{")).statusLine());
        lines.add(call(RawHttp.post(token, "application/json", grant)).statusLine());
        lines.add(call(RawHttp.post(token, "application/json", grant)).statusLine());
        lines.add(call(RawHttp.get("/health", "Origin: http://evil.example")).statusLine());
        lines.add(call(RawHttp.get("/nothing/here")).statusLine());
        lines.add(call(RawHttp.post(USERS, "text/plain", "{}")).statusLine());
        lines.add(call("POST " + USERS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 70000\r\n\r\n").statusLine());
        lines.add(call("POST " + USERS + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                + "Content-Length: 10\r\n\r\n{").statusLine());
        // Tyrus answers an upgrade without a supported Sec-WebSocket-Version with 426
        lines.add(call("GET /websocket HTTP/1.1\r\nHost: " + host + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n").statusLine());
        for (int i = 0; i < 3; i++) {
            // the server may not have seen the earlier connections close yet
            Eventually.await("a connection is admitted", Duration.ofSeconds(5), () -> {
                RawHttp held = RawHttp.connect(server);
                try {
                    if (held.exchange(RawHttp.get("/health")).status() == 200) {
                        open.add(held);
                        return true;
                    }
                } catch (RuntimeException | AssertionError refused) {
                    // refused while the count was still high
                }
                held.close();
                return false;
            });
        }
        lines.add(call(RawHttp.get("/health")).statusLine());
        System.out.println("status lines: " + lines);
        assertThat(lines).containsExactly(
                "HTTP/1.1 200 OK",
                "HTTP/1.1 400 Bad Request",
                "HTTP/1.1 401 Unauthorized",
                "HTTP/1.1 429 Too Many Requests",
                "HTTP/1.1 403 Forbidden",
                "HTTP/1.1 404 Not Found",
                "HTTP/1.1 415 Unsupported Media Type",
                "HTTP/1.1 413 Content Too Large",
                "HTTP/1.1 408 Request Timeout",
                "HTTP/1.1 426 Upgrade Required",
                "HTTP/1.1 503 Service Unavailable");
    }
}
