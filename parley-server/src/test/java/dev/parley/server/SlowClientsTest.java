package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow and expensive clients cannot hold the server up for others: request bodies are read without holding a thread,
 * password hashing has its own bounded pool, and a body that does not arrive in time is answered 408.
 */
class SlowClientsTest {
    private static final String TOKEN_PATH = "/parley/chat/token";

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
    void slowBodiesAndPasswordGuessesDoNotDelayAHealthyClient() throws Exception {
        start(ServerConfig.builder().loginRatePerMinute(1_000_000).maxHttpConnectionsPerAddress(1_000));
        String royToken = server.userToken("roy", Duration.ofHours(1));
        try (RawClient leo = RawClient.signedIn(server, "leo")) {
            leo.send(Frame.Send.text("h1", "roy", "history to read"));
            leo.expect(Frame.Receipt.class);
        }
        String leoToken = server.userToken("leo", Duration.ofHours(1));

        // 100 sockets that announce a 60,000-byte body and send 9 bytes of it
        for (int i = 0; i < 100; i++) {
            connect().send("POST " + TOKEN_PATH + " HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 60000\r\n\r\n{\"grant_");
        }
        // 100 sockets that guess passwords as fast as they are answered (a new user name each time, so that no
        // account lock spares the hashing)
        AtomicBoolean stop = new AtomicBoolean();
        Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
        CountDownLatch attackRunning = new CountDownLatch(100);
        ExecutorService guessers = Executors.newVirtualThreadPerTaskExecutor();
        for (int i = 0; i < 100; i++) {
            int guesser = i;
            guessers.execute(() -> {
                RawHttp c = null;
                for (int n = 0; !stop.get(); n++) {
                    RawHttp.Response r;
                    try {
                        if (c == null) {
                            c = RawHttp.connect(server);
                        }
                        r = c.exchange(RawHttp.post(TOKEN_PATH, "application/json", "{\"grant_type\":\"password\","
                                + "\"username\":\"guess-" + guesser + "-" + n + "\",\"password\":\"wrong-guess\"}"));
                    } catch (RuntimeException | AssertionError closed) {
                        if (c != null) {
                            c.close();
                        }
                        c = null;
                        continue;
                    }
                    answers.computeIfAbsent(r.status(), s -> new AtomicInteger()).incrementAndGet();
                    attackRunning.countDown();
                    if (r.header("Connection").equalsIgnoreCase("close")) {
                        c.close(); // Grizzly ends the connection after a 503; the guesser comes back at once
                        c = null;
                    }
                    if (r.status() == 503) {
                        LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the attacker's pace when refused
                    }
                }
                if (c != null) {
                    c.close();
                }
            });
        }
        assertThat(attackRunning.await(30, TimeUnit.SECONDS)).as("the guessers are being answered").isTrue();

        List<Long> signIns = new ArrayList<>();
        List<Long> histories = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            try (RawClient healthy = RawClient.connect(server)) {
                healthy.send(new Frame.Open(server.appKey(), "leo", leoToken, ""));
                healthy.expect(Frame.Opened.class);
                healthy.skipUntil(Frame.SyncEnd.class);
            }
            signIns.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
            long t1 = System.nanoTime();
            try (RawHttp rest = RawHttp.connect(server)) {
                RawHttp.Response history = rest.exchange(RawHttp.get("/parley/chat/users/roy/messages?peer=leo",
                        "Authorization: Bearer " + royToken));
                assertThat(history.status()).isEqualTo(200);
                assertThat(history.body()).contains("history to read");
            }
            histories.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1));
        }
        stop.set(true);
        guessers.shutdown();
        assertThat(guessers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        System.out.printf(Locale.ROOT, "under 100 slow bodies + 100 password guessers: WebSocket sign-in %s ms, "
                + "REST history %s ms; the guessers got %s (status: answers)%n", signIns, histories, answers);
        assertThat(signIns).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        assertThat(histories).allSatisfy(ms -> assertThat(ms).isLessThan(1000));
        assertThat(answers).containsKey(401);
        assertThat(answers.keySet()).as("wrong passwords, or busy").isSubsetOf(401, 503);
    }

    @Test
    void aBodyThatDoesNotArriveInTimeGets408AndTheConnectionIsClosed() throws Exception {
        start(ServerConfig.builder().bodyTimeout(Duration.ofSeconds(1)).openRegistration(true));
        RawHttp slow = connect();
        long t0 = System.nanoTime();
        slow.send("POST /parley/chat/users HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 100\r\n\r\n{\"username\":\"leo\",");
        RawHttp.Response timeout = slow.read();
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        System.out.printf("a body that stops half-way: 408 after %d ms (body timeout 1 s)%n", ms);
        assertThat(timeout.statusLine()).isEqualTo("HTTP/1.1 408 Request Timeout");
        assertThat(timeout.error()).isEqualTo("request_timeout");
        assertThat(ms).isBetween(900L, 3000L);
        slow.awaitClosed(Duration.ofSeconds(5));
    }

    @Test
    void aBodyThatComesAfterItsHeadersIsReadOnceAndTheConnectionGoesOn() throws Exception {
        start(ServerConfig.builder().openRegistration(true));
        RawHttp c = connect();
        for (String user : new String[] {"leo", "roy"}) {
            String request = RawHttp.post("/parley/chat/users", "application/json",
                    "{\"username\":\"" + user + "\",\"password\":\"correct horse\"}");
            int body = request.indexOf("\r\n\r\n") + 4;
            // the client's pace: headers first, the body in two parts (the JDK's client also writes them apart);
            // Grizzly then reports the last part twice (data available, all data read), and it must be used once
            c.send(request.substring(0, body));
            LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
            c.send(request.substring(body, body + 5));
            LockSupport.parkNanos(Duration.ofMillis(150).toNanos());
            RawHttp.Response registered = c.exchange(request.substring(body + 5));
            assertThat(registered.status()).as(registered.body()).isEqualTo(200);
            assertThat(registered.body()).contains("\"username\":\"" + user + "\"");
        }
    }

    @Test
    void bodiesOverTheLimitGet413WhetherAnnouncedOrChunked() throws Exception {
        start(ServerConfig.builder().openRegistration(true));
        RawHttp announced = connect();
        announced.send("POST /parley/chat/users HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: 70000\r\n\r\n{");
        RawHttp.Response big = announced.read();
        assertThat(big.statusLine()).isEqualTo("HTTP/1.1 413 Content Too Large");
        announced.awaitClosed(Duration.ofSeconds(5));

        RawHttp chunked = connect();
        chunked.send("POST /parley/chat/users HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        String chunk = "x".repeat(8192);
        for (int i = 0; i < 9; i++) {
            chunked.send(Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n");
        }
        assertThat(chunked.read().status()).isEqualTo(413);

        // a chunked body within the limit is read to its end
        RawHttp small = connect();
        String body = "{\"username\":\"leo\",\"password\":\"correct horse\"}";
        small.send("POST /parley/chat/users HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(10) + "\r\n" + body.substring(0, 10)
                + "\r\n" + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n");
        assertThat(small.read().status()).isEqualTo(200);
    }
}
