package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
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

/** The REST API over plain HTTP: registration, grants, conversation list, history, and who may see what. */
class RestApiTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    private ParleyServer server;

    private record Answer(int status, JsonStructure body) {
        JsonObject object() {
            return (JsonObject) body;
        }

        String error() {
            return object().getString("error");
        }
    }

    private ParleyServer start(boolean openRegistration) throws Exception {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).openRegistration(openRegistration)
                .rateLimit(1000, 1000).build());
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private Answer call(String method, String path, String body, String bearer) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(server.apiUrl() + path)).timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/json"));
        try (var reader = Json.createReader(new StringReader(response.body()))) {
            return new Answer(response.statusCode(), reader.read());
        }
    }

    private Answer register(String user, String password) throws Exception {
        return call("POST", "/parley/chat/users",
                Json.createObjectBuilder().add("username", user).add("password", password).build().toString(), null);
    }

    private Answer passwordGrant(String user, String password) throws Exception {
        return call("POST", "/parley/chat/token", Json.createObjectBuilder().add("grant_type", "password")
                .add("username", user).add("password", password).build().toString(), null);
    }

    @Test
    void registrationChecksNamesPasswordsAndDuplicates() throws Exception {
        start(true);
        Answer ok = register("Leo", "correct horse");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.object().getJsonArray("entities").getJsonObject(0).getString("username")).isEqualTo("leo");
        Answer duplicate = register("LEO", "another one");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.error()).isEqualTo("duplicate_unique_property_exists");
        for (String bad : List.of("", "has space", "émile", "x".repeat(65), "semi;colon")) {
            Answer invalid = register(bad, "password1");
            assertThat(invalid.status()).as(bad).isEqualTo(400);
            assertThat(invalid.error()).isEqualTo("illegal_argument");
        }
        assertThat(register("amy", "short").error()).isEqualTo("illegal_argument");
        Answer notJson = call("POST", "/parley/chat/users", "{username:", null);
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.error()).isEqualTo("json_parse");
    }

    @Test
    void registrationRefusesLookAlikeIdsAndUnsafeNicknames() throws Exception {
        start(true);
        assertThat(register("kelvin", "password1").status()).isEqualTo(200);
        for (String lookAlike : List.of("\u212Aelvin", "\u0130van", "\u0131van")) {
            Answer refused = register(lookAlike, "password1");
            assertThat(refused.status()).as(lookAlike).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("illegal_argument");
        }
        assertThat(passwordGrant("\u212Aelvin", "password1").status()).as("no sign-in as kelvin through K")
                .isEqualTo(401);

        String rtlOverride = "Eve\u202Egnp.exe";
        for (String nickname : List.of(rtlOverride, "two\nlines", "a\u2066b\u2069", "x".repeat(65))) {
            Answer refused = call("POST", "/parley/chat/users", Json.createObjectBuilder().add("username", "eve")
                    .add("password", "password1").add("nickname", nickname).build().toString(), null);
            assertThat(refused.status()).as(nickname).isEqualTo(400);
            assertThat(refused.error()).isEqualTo("illegal_argument");
        }
        Answer ok = call("POST", "/parley/chat/users", Json.createObjectBuilder().add("username", "eve")
                .add("password", "password1").add("nickname", "Ève 👩\u200D💻").build().toString(), null);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.object().getJsonArray("entities").getJsonObject(0).getString("nickname")).isEqualTo("Ève 👩\u200D💻");
        assertThat(register("nonick", "password1").status()).as("the nickname stays optional").isEqualTo(200);
    }

    @Test
    void jsonBodiesMustSayApplicationJson() throws Exception {
        start(true);
        String users = "/parley/chat/users";
        String amy = "{\"username\":\"amy\",\"password\":\"correct horse\"}";
        for (String type : new String[] {"text/plain", "text/plain;charset=UTF-8",
                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/jsonp",
                "application/json; charset=iso-8859-1"}) {
            RawHttp.Response refused = raw(RawHttp.post(users, type, amy));
            assertThat(refused.statusLine()).as(type).isEqualTo("HTTP/1.1 415 Unsupported Media Type");
            assertThat(refused.error()).isEqualTo("unsupported_media_type");
        }
        assertThat(raw(RawHttp.post(users, null, amy)).status()).as("no Content-Type").isEqualTo(415);
        assertThat(raw(RawHttp.post("/parley/chat/token", "text/plain",
                "{\"grant_type\":\"password\",\"username\":\"amy\",\"password\":\"correct horse\"}")).status())
                .isEqualTo(415);

        assertThat(raw(RawHttp.post(users, "application/json", amy)).status()).isEqualTo(200);
        String bob = amy.replace("amy", "bob");
        assertThat(raw(RawHttp.post(users, "Application/JSON; charset=\"utf-8\"", bob)).status()).isEqualTo(200);
        RawHttp.Response duplicate = raw(RawHttp.post(users, "application/json", amy));
        assertThat(duplicate.error()).as("amy was registered once, by the JSON request")
                .isEqualTo("duplicate_unique_property_exists");
    }

    /** One request over a raw socket: the JDK's client always sends a Content-Type of our choosing. */
    private RawHttp.Response raw(String request) {
        try (RawHttp c = RawHttp.connect(server)) {
            return c.exchange(request);
        }
    }

    @Test
    void closedRegistrationNeedsAnAppToken() throws Exception {
        start(false);
        Answer refused = register("leo", "password1");
        assertThat(refused.status()).isEqualTo(401);
        Answer appGrant = call("POST", "/parley/chat/token", Json.createObjectBuilder()
                .add("grant_type", "client_credentials").add("client_id", server.credentials().appId())
                .add("client_secret", server.credentials().appCertificate()).build().toString(), null);
        assertThat(appGrant.status()).isEqualTo(200);
        String appToken = appGrant.object().getString("access_token");
        Answer ok = call("POST", "/parley/chat/users", "{\"username\":\"leo\",\"password\":\"password1\"}", appToken);
        assertThat(ok.status()).isEqualTo(200);
        Answer wrongSecret = call("POST", "/parley/chat/token", Json.createObjectBuilder()
                .add("grant_type", "client_credentials").add("client_id", server.credentials().appId())
                .add("client_secret", "0".repeat(32)).build().toString(), null);
        assertThat(wrongSecret.status()).isEqualTo(401);
        String userToken = server.userToken("roy", Duration.ofMinutes(5));
        assertThat(call("POST", "/parley/chat/users", "{\"username\":\"amy\",\"password\":\"password1\"}", userToken)
                .status()).as("a user token is not an app token").isEqualTo(401);
    }

    @Test
    void passwordGrantGivesATokenThatOpensASession() throws Exception {
        start(true);
        register("leo", "correct horse");
        Answer grant = passwordGrant("Leo", "correct horse");
        assertThat(grant.status()).isEqualTo(200);
        assertThat(grant.object().getJsonObject("user").getString("username")).isEqualTo("leo");
        assertThat(grant.object().getJsonNumber("expires_in").longValue()).isEqualTo(86_400);
        try (RawClient c = RawClient.connect(server)) {
            c.send(new Frame.Open(server.appKey(), "leo", grant.object().getString("access_token"), ""));
            assertThat(c.expect(Frame.Opened.class).user()).isEqualTo("leo");
        }
        assertThat(passwordGrant("leo", "wrong horse").status()).isEqualTo(401);
        assertThat(passwordGrant("nobody", "correct horse").status()).isEqualTo(401);
        server.userToken("tokenonly", Duration.ofMinutes(1));
        assertThat(passwordGrant("tokenonly", "").status()).as("a user without a password cannot use the grant")
                .isEqualTo(401);
    }

    @Test
    void conversationsAreNewestFirstWithUnreadCountsAndOnlyForTheirOwner() throws Exception {
        start(true);
        server.userToken("amy", Duration.ofMinutes(1));
        try (RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy");
             RawClient amy = RawClient.signedIn(server, "amy")) {
            roy.send(Frame.Send.text("r1", "leo", "one"));
            roy.send(Frame.Send.text("r2", "leo", "two"));
            roy.skipUntil(Frame.Receipt.class);
            roy.skipUntil(Frame.Receipt.class);
            amy.send(Frame.Send.text("a1", "leo", "hi leo"));
            amy.expect(Frame.Receipt.class);
            String firstFromRoy = leo.expect(Frame.Message.class).id();
            leo.send(new Frame.Read(firstFromRoy));
            roy.skipUntil(Frame.ReadReceipt.class);
        }
        String leoToken = server.userToken("leo", Duration.ofMinutes(5));
        Answer answer = call("GET", "/parley/chat/users/leo/conversations", null, leoToken);
        assertThat(answer.status()).isEqualTo(200);
        JsonArray list = (JsonArray) answer.body();
        assertThat(list).hasSize(2);
        assertThat(list.getJsonObject(0).getString("peer")).isEqualTo("amy");
        assertThat(list.getJsonObject(0).getInt("unreadCount")).isEqualTo(1);
        assertThat(list.getJsonObject(0).getJsonObject("lastMessage").getString("msg")).isEqualTo("hi leo");
        assertThat(list.getJsonObject(1).getString("peer")).isEqualTo("roy");
        assertThat(list.getJsonObject(1).getInt("unreadCount")).isEqualTo(1);
        assertThat(list.getJsonObject(1).getJsonObject("lastMessage").getString("from")).isEqualTo("roy");

        String royToken = server.userToken("roy", Duration.ofMinutes(5));
        assertThat(call("GET", "/parley/chat/users/leo/conversations", null, royToken).status())
                .as("roy cannot read leo's conversations").isEqualTo(401);
        assertThat(call("GET", "/parley/chat/users/leo/conversations", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/other/app/users/leo/conversations", null, leoToken).status()).isEqualTo(404);
    }

    @Test
    void anySignedInUserCanLookUpAUserAndAnUnknownOneIs404() throws Exception {
        start(true);
        assertThat(call("POST", "/parley/chat/users", Json.createObjectBuilder().add("username", "Roy")
                .add("password", "password1").add("nickname", "Roy Batty").build().toString(), null).status())
                .isEqualTo(200);
        String leo = server.userToken("leo", Duration.ofMinutes(5));

        Answer roy = call("GET", "/parley/chat/users/ROY", null, leo);
        assertThat(roy.status()).isEqualTo(200);
        assertThat(roy.object().getString("username")).isEqualTo("roy");
        assertThat(roy.object().getString("nickname")).isEqualTo("Roy Batty");
        assertThat(roy.object().getJsonNumber("created").longValue()).isPositive();
        assertThat(roy.object().containsKey("password_hash")).isFalse();

        Answer nobody = call("GET", "/parley/chat/users/nobody", null, leo);
        assertThat(nobody.status()).isEqualTo(404);
        assertThat(nobody.object().getString("error")).isEqualTo("service_resource_not_found");
        assertThat(call("GET", "/parley/chat/users/roy", null, null).status()).isEqualTo(401);
        assertThat(call("GET", "/parley/chat/users/roy", null, leo.substring(0, leo.length() - 4)).status())
                .isEqualTo(401);
    }

    @Test
    void historyPagesNewestFirstWithACursor() throws Exception {
        start(true);
        server.userToken("roy", Duration.ofMinutes(1));
        try (RawClient leo = RawClient.signedIn(server, "leo")) {
            for (int i = 0; i < 60; i++) {
                leo.send(Frame.Send.text("h" + i, "roy", "message " + i));
                leo.expect(Frame.Receipt.class);
            }
        }
        String token = server.userToken("roy", Duration.ofMinutes(5));
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = readPages(token, "limit=25&before=", "", seen);
        assertThat(pageSizes).containsExactly(25, 25, 10);
        assertThat(seen).hasSize(60).first().isEqualTo("message 59");
        assertThat(seen).last().isEqualTo("message 0");
        assertThat(call("GET", "/parley/chat/users/roy/messages?peer=leo&limit=51", null, token).status())
                .isEqualTo(400);
    }

    @Test
    void historyReadsForwardsFromAMessageOldestFirstWithACursor() throws Exception {
        start(true);
        server.userToken("roy", Duration.ofMinutes(1));
        List<String> ids = new ArrayList<>();
        try (RawClient leo = RawClient.signedIn(server, "leo")) {
            for (int i = 0; i < 30; i++) {
                leo.send(Frame.Send.text("f" + i, "roy", "message " + i));
                ids.add(leo.expect(Frame.Receipt.class).id());
            }
        }
        String token = server.userToken("roy", Duration.ofMinutes(5));
        List<String> seen = new ArrayList<>();
        List<Integer> pageSizes = readPages(token, "limit=10&after=", ids.get(4), seen);
        assertThat(pageSizes).containsExactly(10, 10, 5);
        assertThat(seen).hasSize(25).first().isEqualTo("message 5");
        assertThat(seen).last().isEqualTo("message 29");
    }

    @Test
    void historyRefusesABadAfterAndBeforeWithAfter() throws Exception {
        start(true);
        String token = server.userToken("roy", Duration.ofMinutes(5));

        Answer both = call("GET", "/parley/chat/users/roy/messages?peer=leo&before=9&after=3", null, token);
        Answer bad = call("GET", "/parley/chat/users/roy/messages?peer=leo&after=yesterday", null, token);

        assertThat(both.status()).isEqualTo(400);
        assertThat(both.error()).isEqualTo("illegal_argument");
        assertThat(both.object().getString("error_description")).contains("before or after, not both");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.object().getString("error_description")).isEqualTo("after must be a message id");
    }

    /**
     * Reads roy's history with leo page by page ({@code query} ends with the cursor's parameter, {@code cursor} is its
     * first value), the texts into {@code seen}; the page sizes.
     */
    private List<Integer> readPages(String token, String query, String cursor, List<String> seen) throws Exception {
        List<Integer> pageSizes = new ArrayList<>();
        while (true) {
            Answer page = call("GET", "/parley/chat/users/roy/messages?peer=leo&" + query + cursor, null, token);
            assertThat(page.status()).isEqualTo(200);
            JsonArray messages = page.object().getJsonArray("messages");
            pageSizes.add(messages.size());
            messages.getValuesAs(JsonObject.class).forEach(m -> seen.add(m.getString("msg")));
            if (page.object().getBoolean("isLast")) {
                assertThat(page.object().containsKey("cursor")).isFalse();
                return pageSizes;
            }
            cursor = page.object().getString("cursor");
        }
    }
}
