package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import dev.parley.server.testing.NatsTestServer;
import dev.parley.server.testing.PostgresTestDatabase;
import dev.parley.server.testing.PrivatePostgres;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server nodes in one test, as a cluster runs them: one PostgreSQL database, NATS between them, users signed in
 * on either. Every client is a raw WebSocket client, so a frame sent twice would show: after each exchange a ping
 * proves nothing else came.
 */
class ClusterTest {
    private static final String APP_KEY = "parley#cluster";
    private static final AppCredentials CREDENTIALS = AppCredentials.generate(new SecureRandom());

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T closing(T resource) {
        open.add(resource);
        return resource;
    }

    private ParleyServer node(String id, String dbUrl, String dbUser, String natsUrl) throws IOException {
        return node(id, dbUrl, dbUser, natsUrl, Duration.ofMillis(300));
    }

    private ParleyServer node(String id, String dbUrl, String dbUser, String natsUrl, Duration recovery)
            throws IOException {
        return node(id, dbUrl, dbUser, natsUrl, recovery, Clock.systemUTC());
    }

    private ParleyServer node(String id, String dbUrl, String dbUser, String natsUrl, Duration recovery, Clock clock)
            throws IOException {
        return closing(ParleyServer.start(ServerConfig.builder().dataDir(dir.resolve(id)).port(0)
                .appKey(APP_KEY).appId(CREDENTIALS.appId()).appCertificate(CREDENTIALS.appCertificate())
                .store(ServerConfig.StoreKind.POSTGRES).dbUrl(dbUrl).dbUser(dbUser).dbPassword("")
                .router(ServerConfig.RouterKind.NATS).natsUrl(natsUrl).nodeId(id)
                .recoveryInterval(recovery)
                .build(), clock));
    }

    /** Sends a text and returns its receipt's id. */
    private static String send(RawClient from, String localId, String to, String text) {
        from.send(Frame.Send.text(localId, to, text));
        Frame.Receipt receipt = next(from, Frame.Receipt.class);
        assertThat(receipt.localId()).isEqualTo(localId);
        return receipt.id();
    }

    /** The next message is this one (id and text); the client acknowledges it. */
    private static Frame.Message receive(RawClient to, String id, String text) {
        Frame.Message m = next(to, Frame.Message.class);
        assertThat(m.id()).isEqualTo(id);
        assertThat(m.content()).isEqualTo(new Content.Text(text));
        to.send(new Frame.Delivered(m.id()));
        return m;
    }

    /**
     * The next frame of this type, passing over the notices that come beside it (delivery notices of earlier messages,
     * group events, which are acknowledged); a message or error of another type fails.
     */
    private static <T extends Frame.ServerFrame> T next(RawClient c, Class<T> type) {
        while (true) {
            Frame.ServerFrame f = c.next();
            if (type.isInstance(f)) {
                return type.cast(f);
            }
            switch (f) {
                case Frame.Delivery d -> { }
                case Frame.GroupEvent e -> c.send(new Frame.Delivered(e.id()));
                default -> throw new AssertionError("expected " + type.getSimpleName() + " but got " + f);
            }
        }
    }

    /** No message nor error comes before the pong of this ping: no duplicate, nothing stray. */
    private static void nothingElse(RawClient c, long ping) {
        c.send(new Frame.Ping(ping));
        assertThat(next(c, Frame.Pong.class).t()).isEqualTo(ping);
    }

    @Test
    void leoOnOneNodeAndRoyOnTheOtherChatBothWaysWithReceipts() throws Exception {
        PostgresTestDatabase db = closing(PostgresTestDatabase.create());
        String nats = NatsTestServer.shared().url();
        ParleyServer a = node("a", db.jdbcUrl(), db.user(), nats);
        ParleyServer b = node("b", db.jdbcUrl(), db.user(), nats);
        RawClient leo = closing(RawClient.signedIn(a, "leo"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));

        for (int i = 0; i < 20; i++) {
            receive(roy, send(leo, "l" + i, "roy", "hi roy " + i), "hi roy " + i);
            receive(leo, send(roy, "r" + i, "leo", "你好 leo 👋 " + i), "你好 leo 👋 " + i);
        }
        nothingElse(leo, 1);
        nothingElse(roy, 2);
    }

    @Test
    void aGroupOfThreeSpreadOverBothNodesGetsEachMessageOnce() throws Exception {
        PostgresTestDatabase db = closing(PostgresTestDatabase.create());
        String nats = NatsTestServer.shared().url();
        ParleyServer a = node("a", db.jdbcUrl(), db.user(), nats);
        ParleyServer b = node("b", db.jdbcUrl(), db.user(), nats);
        RawClient leo = closing(RawClient.signedIn(a, "leo"));
        RawClient amy = closing(RawClient.signedIn(a, "amy"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));
        String group = createGroup(b, "roy", "trio", List.of("leo", "amy"));
        for (RawClient member : List.of(leo, amy)) { // the members hear of it live, across the nodes
            Frame.GroupEvent added = member.expect(Frame.GroupEvent.class);
            assertThat(added.group()).isEqualTo(group);
            member.send(new Frame.Delivered(added.id()));
        }

        for (int i = 0; i < 10; i++) {
            String fromLeo = sendToGroup(leo, "l" + i, group, "leo says " + i);
            receive(amy, fromLeo, "leo says " + i);
            receive(roy, fromLeo, "leo says " + i);
            String fromRoy = sendToGroup(roy, "r" + i, group, "roy says " + i);
            receive(leo, fromRoy, "roy says " + i);
            receive(amy, fromRoy, "roy says " + i);
        }
        nothingElse(leo, 1);
        nothingElse(amy, 2);
        nothingElse(roy, 3);
    }

    @Test
    void messagesSentWhileNatsIsDownArriveOnceAndLiveDeliveryResumes() throws Exception {
        PostgresTestDatabase db = closing(PostgresTestDatabase.create());
        NatsTestServer nats = closing(NatsTestServer.start());
        ParleyServer a = node("a", db.jdbcUrl(), db.user(), nats.url());
        ParleyServer b = node("b", db.jdbcUrl(), db.user(), nats.url());
        RawClient leo = closing(RawClient.signedIn(a, "leo"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));
        receive(roy, send(leo, "before", "roy", "before"), "before");

        nats.stop();
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(send(leo, "during" + i, "roy", "while NATS is down " + i)); // stored: the receipt comes
        }
        nats.restart();
        for (int i = 0; i < 5; i++) { // recovered from the database, each once, in order
            receive(roy, during.get(i), "while NATS is down " + i);
        }
        nothingElse(roy, 1);
        receive(roy, send(leo, "after", "roy", "after"), "after");
        receive(leo, send(roy, "back", "leo", "back"), "back");
        nothingElse(roy, 2);
        nothingElse(leo, 3);
    }

    @Test
    void aMessageResentThroughTheOtherNodeBeforeItsFirstNodePublishedItReachesThePeerBeforeWhatFollows()
            throws Exception {
        PostgresTestDatabase db = closing(PostgresTestDatabase.create());
        NatsTestServer nats = closing(NatsTestServer.start());
        Duration noRecoveryDuringTheTest = Duration.ofMinutes(5);
        ParleyServer a = node("a", db.jdbcUrl(), db.user(), nats.url(), noRecoveryDuringTheTest);
        ParleyServer b = node("b", db.jdbcUrl(), db.user(), nats.url(), noRecoveryDuringTheTest);
        RawClient leoOnA = closing(RawClient.signedIn(a, "leo", "laptop"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));

        nats.stop(); // node a commits the message but cannot publish it: as if it died right after the commit
        String first = send(leoOnA, "m1", "roy", "first");
        RawClient leoOnB = closing(RawClient.signedIn(b, "leo", "laptop")); // the client reconnects elsewhere
        assertThat(send(leoOnB, "m1", "roy", "first")).as("the resend is the stored message").isEqualTo(first);
        String second = send(leoOnB, "m2", "roy", "second");

        receive(roy, first, "first");
        receive(roy, second, "second");
        nats.restart();
        nothingElse(roy, 1);
    }

    @Test
    void aMessageResentLongAfterItsCommitStillReachesThePeerBeforeWhatFollows() throws Exception {
        PostgresTestDatabase db = closing(PostgresTestDatabase.create());
        NatsTestServer nats = closing(NatsTestServer.start());
        Duration noRecoveryDuringTheTest = Duration.ofMinutes(5);
        ParleyServer a = node("a", db.jdbcUrl(), db.user(), nats.url(), noRecoveryDuringTheTest);
        // Node b's clock is ten minutes ahead: the resend it gets is older than two recovery intervals, as when a
        // client takes longer to come back than the interval (reconnect delays, a loaded machine).
        ParleyServer b = node("b", db.jdbcUrl(), db.user(), nats.url(), noRecoveryDuringTheTest,
                Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10)));
        RawClient leoOnA = closing(RawClient.signedIn(a, "leo", "laptop"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));

        nats.stop(); // node a commits the message but cannot publish it: as if it died right after the commit
        String first = send(leoOnA, "m1", "roy", "first");
        RawClient leoOnB = closing(RawClient.signedIn(b, "leo", "laptop"));
        assertThat(send(leoOnB, "m1", "roy", "first")).as("the resend is the stored message").isEqualTo(first);
        String second = send(leoOnB, "m2", "roy", "second");

        receive(roy, first, "first");
        receive(roy, second, "second");
        nats.restart();
        nothingElse(roy, 1);
    }

    @Test
    void whilePostgresIsDownSendsGetErrorsAndNoReceiptThenTheNodesRecoverByThemselves() throws Exception {
        PrivatePostgres pg = closing(PrivatePostgres.create());
        String nats = NatsTestServer.shared().url();
        ParleyServer a = node("a", pg.jdbcUrl(), pg.user(), nats);
        ParleyServer b = node("b", pg.jdbcUrl(), pg.user(), nats);
        RawClient leo = closing(RawClient.signedIn(a, "leo"));
        RawClient roy = closing(RawClient.signedIn(b, "roy"));
        receive(roy, send(leo, "before", "roy", "before"), "before");

        pg.stop();
        leo.send(Frame.Send.text("down", "roy", "while PostgreSQL is down"));
        Frame.Error refused = next(leo, Frame.Error.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.SERVER_BUSY.code());
        assertThat(refused.localId()).isEqualTo("down");
        HttpResponse<String> rest = http(b, "GET", "/users/roy/conversations", "roy", null);
        assertThat(rest.statusCode()).isGreaterThanOrEqualTo(500);
        nothingElse(roy, 1);

        pg.start();
        // the client resends what got no receipt; the nodes reconnect to the database by themselves
        receive(roy, send(leo, "down", "roy", "while PostgreSQL is down"), "while PostgreSQL is down");
        receive(leo, send(roy, "up", "leo", "PostgreSQL is back"), "PostgreSQL is back");
        assertThat(http(b, "GET", "/users/roy/conversations", "roy", null).statusCode()).isEqualTo(200);
        nothingElse(roy, 2);
    }

    private static String sendToGroup(RawClient from, String localId, String group, String text) {
        from.send(new Frame.Send(localId, group, ChatType.GROUP, new Content.Text(text), JsonValue.EMPTY_JSON_OBJECT));
        Frame.Receipt receipt = from.expect(Frame.Receipt.class);
        assertThat(receipt.localId()).isEqualTo(localId);
        return receipt.id();
    }

    private static String createGroup(ParleyServer server, String owner, String name, List<String> members)
            throws Exception {
        String body = Json.createObjectBuilder().add("groupname", name)
                .add("members", Json.createArrayBuilder(members)).build().toString();
        HttpResponse<String> created = http(server, "POST", "/chatgroups", owner, body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
        return Json.createReader(new java.io.StringReader(created.body())).readObject().getJsonObject("data")
                .getString("groupid");
    }

    private static HttpResponse<String> http(ParleyServer server, String method, String path, String user,
                                             String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.apiUrl() + "/"
                        + APP_KEY.replace('#', '/') + path))
                .header("Authorization", "Bearer " + AccessToken2.buildUserToken(CREDENTIALS, user,
                        Duration.ofHours(1), Clock.systemUTC()))
                .timeout(Duration.ofSeconds(30));
        if (json == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
