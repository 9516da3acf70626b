package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plain HTTP connections are bounded: an idle keep-alive connection is closed, a request's headers must arrive in
 * time however slowly they trickle, and one address may hold only so many connections that are not WebSocket
 * sessions. Each is shown with raw sockets.
 */
class HttpConnectionsTest {
    @TempDir
    Path dir;

    private ParleyServer server;
    private final List<AutoCloseable> open = new ArrayList<>();

    private ParleyServer start(ServerConfig.Builder config) throws IOException {
        server = ParleyServer.start(config.dataDir(dir).port(0).build());
        return server;
    }

    private RawHttp connect() {
        RawHttp c = RawHttp.connect(server);
        open.add(c);
        return c;
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

    @Test
    void anIdleKeepAliveConnectionIsClosedButAQuietWebSocketSessionIsNot() throws Exception {
        start(ServerConfig.builder().httpIdleTimeout(Duration.ofSeconds(1)));
        RawClient quiet = RawClient.signedIn(server, "leo");
        open.add(quiet);

        RawHttp first = connect();
        assertThat(first.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        Duration idle = first.awaitClosed(Duration.ofSeconds(8));
        System.out.printf("idle keep-alive connection closed %d ms after its answer (idle timeout 1 s)%n",
                idle.toMillis());
        assertThat(idle).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
        // a second full idle period, so the session has been quiet for well over the HTTP idle timeout
        RawHttp second = connect();
        assertThat(second.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        second.awaitClosed(Duration.ofSeconds(8));

        assertThat(quiet.isClosed()).as("the WebSocket session outlives the HTTP idle timeout").isFalse();
        quiet.send(new Frame.Ping(1));
        assertThat(quiet.expect(Frame.Pong.class).t()).isEqualTo(1);
    }

    @Test
    void headersTricklingInAByteAtATimeAreCutAtTheHeaderDeadline() throws Exception {
        start(ServerConfig.builder().headerTimeout(Duration.ofSeconds(2)));
        RawHttp slow = connect();
        slow.send("GET /health HTTP/1.1\r\n" + RawHttp.HOST + "\r\n");
        CompletableFuture<Void> trickle = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 100; i++) {
                    slow.send("X");
                    LockSupport.parkNanos(Duration.ofMillis(400).toNanos()); // the attacker's pace, not a wait
                }
            } catch (UncheckedIOException closed) {
                // the server closed the connection: what the test waits for
            }
        });
        Duration cut = slow.awaitClosed(Duration.ofSeconds(8));
        System.out.printf("headers sent a byte every 400 ms: connection closed after %d ms (header deadline 2 s)%n",
                cut.toMillis());
        assertThat(cut).isBetween(Duration.ofMillis(1900), Duration.ofMillis(4500));
        trickle.join();
        // the server goes on serving
        assertThat(connect().exchange(RawHttp.get("/health")).status()).isEqualTo(200);
    }

    @Test
    void theHeaderDeadlineStartsWithEachRequestNotWithTheConnection() throws Exception {
        start(ServerConfig.builder().headerTimeout(Duration.ofSeconds(1)));
        RawHttp c = connect();
        assertThat(c.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        LockSupport.parkNanos(Duration.ofMillis(1600).toNanos()); // longer than the header deadline, idle between requests
        assertThat(c.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        // headers that arrive in pieces, quickly enough, are fine
        c.send("GET /health HTTP/1.1\r\n");
        c.send("" + RawHttp.HOST + "\r\n");
        assertThat(c.exchange("\r\n").status()).isEqualTo(200);
    }

    @Test
    void connectionsOverThePerAddressLimitGet503AndWebSocketSessionsDoNotCount() throws Exception {
        start(ServerConfig.builder().maxHttpConnectionsPerAddress(2));
        RawHttp a = connect();
        RawHttp b = connect();
        assertThat(a.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        assertThat(b.exchange(RawHttp.get("/health")).status()).isEqualTo(200);

        RawHttp third = connect();
        RawHttp.Response refused = third.read();
        assertThat(refused.statusLine()).isEqualTo("HTTP/1.1 503 Service Unavailable");
        assertThat(refused.error()).isEqualTo("service_unavailable");
        third.awaitClosed(Duration.ofSeconds(5));
        assertThat(a.exchange(RawHttp.get("/health")).status()).as("those admitted are still served").isEqualTo(200);

        a.close();
        b.close();
        Eventually.await("the closed connections are released", Duration.ofSeconds(5), () -> {
            try (RawHttp probe = RawHttp.connect(server)) {
                return probe.exchange(RawHttp.get("/health")).status() == 200;
            } catch (RuntimeException | AssertionError refusedAgain) {
                return false;
            }
        });
        // five WebSocket sessions, one after another: each counts only until it is upgraded
        for (int i = 0; i < 5; i++) {
            open.add(RawClient.signedIn(server, "user" + i));
        }
        RawHttp c = connect();
        RawHttp d = connect();
        assertThat(c.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
        assertThat(d.exchange(RawHttp.get("/health")).status()).isEqualTo(200);
    }
}
