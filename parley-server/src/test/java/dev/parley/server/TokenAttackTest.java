package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attacks with tokens and identities: each is refused with its code (28 invalid, 56 expired) and the connection
 * closed, the server goes on serving everyone else, and no token (nor the app certificate) appears in any log line,
 * Parley's debug output included.
 */
class TokenAttackTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final AtomicInteger LOG_LINES = new AtomicInteger();

    @TempDir
    Path dir;

    private final RetentionTest.ManualClock clock = new RetentionTest.ManualClock();
    private final List<String> tokensSeen = new ArrayList<>();
    private LogCapture logs;
    private ParleyServer server;
    private RawClient leo;
    private RawClient roy;

    @BeforeEach
    void start() throws Exception {
        logs = new LogCapture();
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).build(), clock);
        leo = RawClient.signedIn(server, "leo");
        roy = RawClient.signedIn(server, "roy");
    }

    @AfterEach
    void stopAndCheckTheLogs() {
        leo.close();
        roy.close();
        server.close();
        logs.close();
        List<String> lines = logs.lines();
        LOG_LINES.addAndGet(lines.size());
        for (String token : tokensSeen.stream().filter(t -> t.length() >= 10).toList()) {
            assertThat(logs.linesContaining(token)).as("log lines with a token").isEmpty();
            assertThat(logs.linesContaining(token.substring(3, Math.min(token.length(), 35))))
                    .as("log lines with part of a token").isEmpty();
        }
        assertThat(logs.linesContaining(server.credentials().appCertificate())).as("the certificate").isEmpty();
    }

    @AfterAll
    static void report() {
        System.out.printf("token attacks: %d rejected with the right code; no token in %d captured log lines%n",
                REJECTED.get(), LOG_LINES.get());
    }

    private String remember(String token) {
        tokensSeen.add(token);
        return token;
    }

    private String tokenFor(String user, Duration ttl) {
        return remember(server.userToken(user, ttl));
    }

    /** Opens a connection as {@code user} with {@code token}: refused with {@code code}, then closed (1008). */
    private void assertSignInRefused(String user, String token, ErrorCode code) {
        remember(token);
        try (RawClient mallory = RawClient.connect(server)) {
            mallory.send(new Frame.Open(server.appKey(), user, token, ""));
            Frame.Error e = mallory.expect(Frame.Error.class);
            assertThat(e.code()).as(e.message()).isEqualTo(code.code());
            assertThat(e.message()).doesNotContain(token);
            assertThat(mallory.awaitClose()).isEqualTo(1008);
        }
        REJECTED.incrementAndGet();
        serverStillServes();
    }

    private void serverStillServes() {
        roy.send(Frame.Send.text("still-" + System.nanoTime(), "leo", "still here?"));
        roy.skipUntil(Frame.Receipt.class);
        assertThat(leo.skipUntil(Frame.Message.class).msg()).isEqualTo("still here?");
    }

    @Test
    void aForgedSignatureIsRefusedWith28() {
        AppCredentials other = AppCredentials.generate(new SecureRandom());
        String forged = AccessToken2.buildUserToken(
                new AppCredentials(server.credentials().appId(), other.appCertificate()), "leo",
                Duration.ofHours(1), clock);
        assertSignInRefused("leo", forged, ErrorCode.TOKEN_INVALID);
        assertThat(logs.linesContaining("sign-in of leo refused: BAD_SIGNATURE"))
                .as("the refusal is logged, without the token").hasSize(1);
    }

    @Test
    void aTokenOfAnotherAppIsRefusedWith28() {
        AppCredentials otherApp = AppCredentials.generate(new SecureRandom());
        assertSignInRefused("leo", AccessToken2.buildUserToken(otherApp, "leo", Duration.ofHours(1), clock),
                ErrorCode.TOKEN_INVALID);
    }

    @Test
    void aTokenOfAnotherUserIsRefusedWith28() {
        assertSignInRefused("roy", tokenFor("mallory", Duration.ofHours(1)), ErrorCode.TOKEN_INVALID);
    }

    @Test
    void anAppTokenIsNoUserTokenAndIsRefusedWith28() {
        assertSignInRefused("leo", AccessToken2.buildAppToken(server.credentials(), Duration.ofHours(1), clock),
                ErrorCode.TOKEN_INVALID);
    }

    @Test
    void anExpiredTokenIsRefusedWith56() {
        String expired = AccessToken2.buildUserToken(server.credentials(), "leo", Duration.ofMinutes(1),
                Clock.offset(clock, Duration.ofHours(-2)));
        assertSignInRefused("leo", expired, ErrorCode.TOKEN_EXPIRED);
    }

    @Test
    void aTokenNotYetValidIsRefusedWith28() {
        String future = AccessToken2.buildUserToken(server.credentials(), "leo", Duration.ofHours(1),
                Clock.offset(clock, Duration.ofHours(1)));
        assertSignInRefused("leo", future, ErrorCode.TOKEN_INVALID);
        // within the allowed clock skew (5 minutes) it is fine
        String slightlyAhead = remember(AccessToken2.buildUserToken(server.credentials(), "leo", Duration.ofHours(1),
                Clock.offset(clock, Duration.ofMinutes(2))));
        try (RawClient c = RawClient.connect(server)) {
            c.send(new Frame.Open(server.appKey(), "leo", slightlyAhead, ""));
            c.expect(Frame.Opened.class);
        }
    }

    @Test
    void aTruncatedTokenIsRefusedWith28() {
        String token = tokenFor("leo", Duration.ofHours(1));
        for (int keep : new int[] {token.length() - 1, token.length() / 2, 10, 3}) {
            assertSignInRefused("leo", token.substring(0, keep), ErrorCode.TOKEN_INVALID);
        }
        assertSignInRefused("leo", token + "A", ErrorCode.TOKEN_INVALID);
    }

    @Test
    void aTokenReplayedAfterItsExpiryIsRefusedWith56AlsoForRenewal() {
        String token = tokenFor("leo", Duration.ofMinutes(1));
        try (RawClient first = RawClient.connect(server)) {
            first.send(new Frame.Open(server.appKey(), "leo", token, ""));
            first.expect(Frame.Opened.class);
        }
        clock.advance(Duration.ofMinutes(2));
        assertSignInRefused("leo", token, ErrorCode.TOKEN_EXPIRED);

        leo.send(new Frame.RenewToken(token));
        Frame.Error renewal = leo.skipUntil(Frame.Error.class);
        assertThat(renewal.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED.code());
        REJECTED.incrementAndGet();
        leo.send(new Frame.Ping(5));
        assertThat(leo.expect(Frame.Pong.class).t()).as("the session goes on with its own token").isEqualTo(5);
    }

    @Test
    void aClientClaimingAnotherFromIsIgnoredTheSenderIsTheSessionUser() {
        leo.sendText("{\"type\":\"send\",\"localId\":\"f1\",\"to\":\"roy\",\"from\":\"roy\",\"msg\":\"I am roy\"}");
        leo.expect(Frame.Receipt.class);
        Frame.Message m = roy.expect(Frame.Message.class);
        assertThat(m.from()).isEqualTo("leo");
        REJECTED.incrementAndGet();
    }

    @Test
    void restRefusesAnotherUsersForgedAndExpiredTokensWith401() throws Exception {
        String leoToken = tokenFor("leo", Duration.ofHours(1));
        AppCredentials other = AppCredentials.generate(new SecureRandom());
        String forged = remember(AccessToken2.buildUserToken(
                new AppCredentials(server.credentials().appId(), other.appCertificate()), "roy",
                Duration.ofHours(1), clock));
        String expired = remember(AccessToken2.buildUserToken(server.credentials(), "roy", Duration.ofMinutes(1),
                Clock.offset(clock, Duration.ofHours(-2))));
        for (String bearer : List.of(leoToken, forged, expired, leoToken.substring(0, 20))) {
            remember(bearer);
            var request = HttpRequest.newBuilder(URI.create(server.apiUrl()
                            + "/parley/chat/users/roy/messages?peer=leo"))
                    .header("Authorization", "Bearer " + bearer).timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
            assertThat(answer.body()).contains("unauthorized").doesNotContain(bearer);
            REJECTED.incrementAndGet();
        }
    }
}
