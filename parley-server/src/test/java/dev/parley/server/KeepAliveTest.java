package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that keeps its connection (as the SDK's HTTP client does) is answered request after request on it, small
 * answers and large ones (a history page larger than Grizzly's output buffer), without one request being lost. A
 * REST layer that let an answer reach the client before the request was over on the server lost the next request.
 */
class KeepAliveTest {
    @TempDir
    Path dir;

    private ParleyServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aKeepAliveConnectionIsAnsweredRequestAfterRequest() throws IOException {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
        server.userToken("roy", Duration.ofMinutes(1));
        try (RawClient leo = RawClient.signedIn(server, "leo")) {
            for (int i = 0; i < 50; i++) {
                leo.send(Frame.Send.text("k" + i, "roy", "a message long enough to make the page large " + i
                        + " ".repeat(200)));
                leo.expect(Frame.Receipt.class);
            }
        }
        String bearer = "Authorization: Bearer " + server.userToken("roy", Duration.ofMinutes(5));
        long started = System.nanoTime();
        try (RawHttp c = RawHttp.connect(server)) {
            for (int i = 0; i < 120; i++) { // 240 requests: Grizzly ends a connection after 256
                assertThat(c.exchange(RawHttp.get("/health")).status()).as("health, request %d", i).isEqualTo(200);
                RawHttp.Response page = c.exchange(RawHttp.get("/parley/chat/users/roy/messages?peer=leo", bearer));
                assertThat(page.status()).as("history, request %d", i).isEqualTo(200);
                assertThat(page.body().length()).as("a page larger than Grizzly's 8 KB output buffer")
                        .isGreaterThan(8192);
                assertThat(page.body()).endsWith("}");
            }
        }
        System.out.printf("240 requests on one keep-alive connection in %d ms%n",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    @Test
    void aBodyThatComesAfterItsHeadersIsAnsweredAndTheConnectionServesWhatFollows() throws IOException {
        // Expect: 100-continue holds the body back until the server asks: it arrives in a read of its own, through
        // Grizzly's callbacks, after which the server itself must ask for the connection's next request
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build());
        String bearer = "Authorization: Bearer " + server.userToken("roy", Duration.ofMinutes(5));
        try (RawHttp c = RawHttp.connect(server)) {
            for (int i = 0; i < 20; i++) {
                String body = "{\"nickname\":\"Roy " + i + "\"}";
                c.send("PUT /parley/chat/users/roy HTTP/1.1\r\n" + RawHttp.HOST + "\r\n" + bearer
                        + "\r\nContent-Type: application/json\r\nExpect: 100-continue\r\nContent-Length: "
                        + body.length() + "\r\n\r\n");
                assertThat(c.read().status()).as("asked for the body, request %d", i).isEqualTo(100);
                RawHttp.Response put = c.exchange(body);
                assertThat(put.status()).as(put.body()).isEqualTo(200);
                assertThat(put.body()).contains("Roy " + i);
                assertThat(c.exchange(RawHttp.get("/health")).status()).as("health after %d", i).isEqualTo(200);
            }
        }
    }
}
