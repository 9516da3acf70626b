package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever a client sends, a REST error is a JSON body {@code {"error","error_description","timestamp"}} with Agora's
 * error name: also for requests the routing library itself would refuse (a Content-Type it cannot parse, a path with
 * a broken escape, a method a path does not take, OPTIONS), which it would otherwise answer in its own way (an empty
 * 400, a 405, an automatic OPTIONS answer). And every answer is JSON whatever the client says it accepts (the SDK
 * sends {@code Accept: application/json}, which Jersey answered with 406 for the grants).
 */
class RestErrorsTest {
    @TempDir
    Path dir;

    private ParleyServer server;

    @BeforeEach
    void start() throws IOException {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).openRegistration(true).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private RawHttp.Response call(String request) {
        try (RawHttp c = RawHttp.connect(server)) {
            return c.exchange(request);
        }
    }

    @Test
    void oddRequestsGetJsonErrorsWithAgoraNames() {
        String users = "/parley/chat/users";
        String amy = "{\"username\":\"amy\",\"password\":\"correct horse\"}";
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(RawHttp.post(users, "garbage", amy), "415 unsupported_media_type");
        expected.put(RawHttp.post(users, "application/json; charset", amy), "415 unsupported_media_type");
        expected.put(RawHttp.get("/parley/chat/users/%zz/conversations"), "404 not_found");
        expected.put(RawHttp.get("/parley/chat/users/leo/messages?peer=%zz"), "401 unauthorized");
        expected.put("PUT " + users + " HTTP/1.1\r\n" + RawHttp.HOST + "\r\nContent-Length: 0\r\n\r\n", "404 not_found");
        expected.put("OPTIONS " + users + " HTTP/1.1\r\n" + RawHttp.HOST + "\r\n\r\n", "404 not_found");
        expected.put(RawHttp.get("/other/app/users/leo/conversations"), "404 organization_application_not_found");
        expected.put(RawHttp.get("/parley/chat/users/leo/conversations", "Authorization: Bearer nonsense"),
                "401 unauthorized");
        expected.put(RawHttp.post("/parley/chat/token", "application/json", "[1]"), "400 json_parse");
        expected.put(RawHttp.post("/parley/chat/token", "application/json", "{\"grant_type\":\"magic\"}"),
                "400 illegal_argument");
        expected.forEach((request, answer) -> {
            RawHttp.Response r = call(request);
            assertThat(r.status() + " " + r.error()).as(request.lines().findFirst().orElse(request)).isEqualTo(answer);
            assertThat(r.header("Content-Type")).startsWith("application/json");
            assertThat(r.body()).contains("\"error_description\":", "\"timestamp\":");
        });
        assertThat(call(RawHttp.post(users, "application/json;;", amy)).status())
                .as("a sloppy but JSON Content-Type is still JSON").isEqualTo(200);
        for (String accept : new String[] {"application/json", "text/html", "application/xml;q=0.9"}) {
            RawHttp.Response r = call(RawHttp.post("/parley/chat/token", "application/json", "{\"grant_type\":"
                    + "\"password\",\"username\":\"amy\",\"password\":\"correct horse\"}", "Accept: " + accept));
            assertThat(r.status()).as("a grant with Accept: %s (answered asynchronously)", accept).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/json");
        }
    }
}
