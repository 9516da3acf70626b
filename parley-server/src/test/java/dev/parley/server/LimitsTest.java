package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configurable limits: connections per address (count and rate), devices per user, REST logins and
 * registrations per address. Each refusal is a clear error, and what was admitted goes on working. (The per-user send
 * rate is in {@link BadInputTest}.)
 */
class LimitsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ParleyServer server;
    private final List<RawClient> clients = new ArrayList<>();

    private ParleyServer start(ServerConfig.Builder config) throws Exception {
        server = ParleyServer.start(config.dataDir(dir).port(0).build());
        return server;
    }

    @AfterEach
    void stop() {
        clients.forEach(RawClient::close);
        if (server != null) {
            server.close();
        }
    }

    private RawClient connect() {
        RawClient c = RawClient.connect(server);
        clients.add(c);
        return c;
    }

    /** Connects and waits until the server has taken the connection in (it answers a ping before sign-in with 39). */
    private RawClient admitted() {
        RawClient c = connect();
        c.send(new Frame.Ping(1));
        assertThat(c.expect(Frame.Error.class).code()).isEqualTo(ErrorCode.NOT_LOGGED_IN.code());
        return c;
    }

    private RawClient signedIn(String user) {
        RawClient c = RawClient.signedIn(server, user);
        clients.add(c);
        return c;
    }

    private static void assertRefusedForLimit(RawClient c, int closeCode) {
        Frame.Error e = c.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.LIMIT_REACHED.code());
        assertThat(c.awaitClose()).isEqualTo(closeCode);
    }

    @Test
    void connectionsOverTheCountPerAddressAreRefusedWith50AndTryAgainLater() throws Exception {
        start(ServerConfig.builder().maxConnectionsPerAddress(2));
        RawClient first = admitted();
        admitted();
        RawClient third = connect();
        assertRefusedForLimit(third, 1013);
        // the client sees its close before the server has run its own close handler: wait for that, not a moment
        Eventually.await("the refused one is gone", Duration.ofSeconds(5), () -> server.openConnections() <= 2);

        first.close();
        Eventually.await("the closed connection is released", Duration.ofSeconds(5),
                () -> server.openConnections() == 1);
        RawClient fourth = connect();
        fourth.send(new Frame.Open(server.appKey(), "leo", server.userToken("leo", Duration.ofMinutes(5)), ""));
        fourth.expect(Frame.Opened.class);
    }

    @Test
    void connectingFasterThanTheRatePerAddressIsRefusedWith50() throws Exception {
        start(ServerConfig.builder().connectionRate(0.01, 3));
        for (int i = 0; i < 3; i++) {
            admitted();
        }
        assertRefusedForLimit(connect(), 1013);
        for (RawClient c : clients.subList(0, 3)) {
            c.send(new Frame.Ping(2));
            assertThat(c.expect(Frame.Error.class).code()).as("still served").isEqualTo(ErrorCode.NOT_LOGGED_IN.code());
        }
    }

    @Test
    void aUserOverTheDeviceLimitIsRefusedAndTheSignedInDevicesStay() throws Exception {
        start(ServerConfig.builder().maxDevicesPerUser(2));
        RawClient phone = signedIn("leo");
        RawClient laptop = signedIn("leo");
        RawClient tablet = connect();
        tablet.send(new Frame.Open(server.appKey(), "leo", server.userToken("leo", Duration.ofMinutes(5)), ""));
        Frame.Error refused = tablet.expect(Frame.Error.class);
        assertThat(refused.code()).isEqualTo(ErrorCode.LIMIT_REACHED.code());
        assertThat(refused.message()).contains("devices");
        assertThat(tablet.awaitClose()).isEqualTo(1008);

        RawClient roy = signedIn("roy");
        roy.send(Frame.Send.text("m1", "leo", "to both of your devices"));
        roy.expect(Frame.Receipt.class);
        assertThat(phone.expect(Frame.Message.class).msg()).isEqualTo("to both of your devices");
        assertThat(laptop.expect(Frame.Message.class).msg()).isEqualTo("to both of your devices");

        laptop.close();
        Eventually.await("the laptop's session is released", Duration.ofSeconds(5),
                () -> server.openConnections() == 2);
        signedIn("leo");
    }

    private record Answer(int status, JsonObject body) {
    }

    private Answer post(String path, JsonObject body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).timeout(Duration.ofSeconds(15))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .header("Content-Type", "application/json").build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return new Answer(response.statusCode(), reader.readObject());
        }
    }

    private Answer passwordGrant(String user, String password) throws Exception {
        return post("/parley/chat/token", Json.createObjectBuilder().add("grant_type", "password")
                .add("username", user).add("password", password).build());
    }

    private Answer register(String user) throws Exception {
        return post("/parley/chat/users",
                Json.createObjectBuilder().add("username", user).add("password", "secret-" + user).build());
    }

    @Test
    void tokenRequestsOverTheLoginRateGet429ReachLimitRightOrWrongPassword() throws Exception {
        start(ServerConfig.builder().loginRatePerMinute(3));
        server.registerUser("leo", "secret-leo");
        assertThat(passwordGrant("leo", "secret-leo").status()).isEqualTo(200);
        assertThat(passwordGrant("leo", "wrong-one").status()).isEqualTo(401);
        assertThat(passwordGrant("leo", "wrong-two").status()).isEqualTo(401);
        Answer limited = passwordGrant("leo", "secret-leo");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().getString("error")).isEqualTo("reach_limit");
        assertThat(limited.body().getString("error_description")).contains("too many logins");
    }

    @Test
    void registrationsOverTheRateGet429ReachLimit() throws Exception {
        start(ServerConfig.builder().openRegistration(true).registrationRatePerMinute(2));
        assertThat(register("amy").status()).isEqualTo(200);
        assertThat(register("bob").status()).isEqualTo(200);
        Answer limited = register("cat");
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().getString("error")).isEqualTo("reach_limit");
        // logins have their own budget; cat was not registered by the refused call
        assertThat(passwordGrant("amy", "secret-amy").status()).isEqualTo(200);
        assertThat(passwordGrant("cat", "secret-cat").status()).isEqualTo(401);
    }
}
