package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.token.AccessToken2;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gets its error code, and the server goes on serving everyone else. Token and identity attacks
 * are in {@link TokenAttackTest}, generated input in {@link SessionFuzzTest}.
 */
class BadInputTest {
    @TempDir
    Path dir;

    private ParleyServer server;
    private RawClient leo;
    private RawClient roy;

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0).rateLimit(0.01, 5).build());
        leo = RawClient.signedIn(server, "leo");
        roy = RawClient.signedIn(server, "roy");
    }

    @AfterEach
    void stop() {
        leo.close();
        roy.close();
        server.close();
    }

    /** The bystanders can still chat: the server was not disturbed. */
    private void serverStillServes() {
        roy.send(Frame.Send.text("still-" + System.nanoTime(), "leo", "still here?"));
        roy.skipUntil(Frame.Receipt.class);
        assertThat(leo.skipUntil(Frame.Message.class).msg()).isEqualTo("still here?");
    }

    private static void assertError(Frame.ServerFrame frame, ErrorCode code) {
        assertThat(frame).isInstanceOfSatisfying(Frame.Error.class, e -> assertThat(e.code()).isEqualTo(code.code()));
    }

    @Test
    void malformedJsonGetsAnErrorAndTheSessionGoesOn() {
        leo.sendText("{\"type\":\"send\",");
        assertError(leo.next(), ErrorCode.BAD_FRAME);
        leo.sendText("\u00ff\u0000 not json at all");
        assertError(leo.next(), ErrorCode.BAD_FRAME);
        leo.send(new Frame.Ping(7));
        assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(7);
        serverStillServes();
    }

    @Test
    void unknownTypeGetsAnError() {
        leo.sendText("{\"type\":\"shout\",\"msg\":\"HEY\"}");
        Frame.Error e = leo.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME.code());
        assertThat(e.message()).contains("unknown frame type");
        serverStillServes();
    }

    @Test
    void oversizedMessageIsRefusedWithItsLocalId() {
        leo.send(Frame.Send.text("big", "roy", "x".repeat(5 * 1024 + 1)));
        Frame.Error e = leo.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE.code());
        assertThat(e.localId()).isEqualTo("big");
        // exactly 5 KB is fine, even in multi-byte characters
        leo.send(Frame.Send.text("limit", "roy", "é".repeat(5 * 1024 / 2)));
        assertThat(leo.expect(Frame.Receipt.class).localId()).isEqualTo("limit");
        serverStillServes();
    }

    @Test
    void oversizedFrameGetsAnErrorAndTheSessionGoesOn() {
        leo.sendText("{\"type\":\"ping\",\"pad\":\"" + "p".repeat(20_000) + "\"}");
        assertError(leo.next(), ErrorCode.MESSAGE_TOO_LARGE);
        leo.send(new Frame.Ping(1));
        leo.expect(Frame.Pong.class);
        serverStillServes();
    }

    @Test
    void framesBeforeOpenAreRefused() {
        try (RawClient anon = RawClient.connect(server)) {
            anon.send(Frame.Send.text("1", "roy", "who am I?"));
            assertError(anon.next(), ErrorCode.NOT_LOGGED_IN);
            anon.send(new Frame.Ping(1));
            assertError(anon.next(), ErrorCode.NOT_LOGGED_IN);
        }
        serverStillServes();
    }

    @Test
    void unknownAppKeyAndUnknownUserAreRefused() {
        try (RawClient c = RawClient.connect(server)) {
            c.send(new Frame.Open("other#app", "leo", server.userToken("leo", Duration.ofHours(1)), ""));
            assertError(c.next(), ErrorCode.APP_KEY_INVALID);
            c.awaitClose();
        }
        String ghostToken = AccessToken2.buildUserToken(server.credentials(), "ghost", Duration.ofHours(1),
                Clock.systemUTC());
        try (RawClient c = RawClient.connect(server)) {
            c.send(new Frame.Open(server.appKey(), "ghost", ghostToken, ""));
            assertError(c.next(), ErrorCode.USER_NOT_FOUND);
            c.awaitClose();
        }
        serverStillServes();
    }

    @Test
    void sendingFasterThanTheRateIsRefused() {
        for (int i = 0; i < 5; i++) {
            leo.send(Frame.Send.text("r" + i, "roy", "burst " + i));
        }
        leo.send(Frame.Send.text("r5", "roy", "one too many"));
        int receipts = 0;
        Frame.Error limited = null;
        while (receipts < 5 || limited == null) {
            switch (leo.next()) {
                case Frame.Receipt r -> receipts++;
                case Frame.Error e -> limited = e;
                default -> { }
            }
        }
        assertThat(limited.code()).isEqualTo(ErrorCode.RATE_LIMITED.code());
        assertThat(limited.localId()).isEqualTo("r5");
        serverStillServes();
    }

    @Test
    void unknownRecipientIsRefusedWithItsLocalId() {
        leo.send(Frame.Send.text("lost", "nobody", "hello?"));
        Frame.Error e = leo.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.USER_NOT_FOUND.code());
        assertThat(e.localId()).isEqualTo("lost");
        serverStillServes();
    }

    @Test
    void deeplyNestedJsonGetsAnErrorAndTheSessionGoesOn() {
        leo.sendText("{\"type\":\"send\",\"localId\":\"deep\",\"to\":\"roy\",\"msg\":\"m\",\"ext\":{\"a\":"
                + "[".repeat(2_000) + "]".repeat(2_000) + "}}");
        assertError(leo.next(), ErrorCode.BAD_FRAME);
        leo.sendText("{\"type\":\"ping\",\"t\":" + "9".repeat(2_000) + "}");
        assertError(leo.next(), ErrorCode.BAD_FRAME);
        leo.send(new Frame.Ping(4));
        assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(4);
        serverStillServes();
    }

    @Test
    void aBinaryFrameGetsAnErrorAndTheSessionGoesOn() {
        leo.sendBinary(new byte[] {1, 2, 3});
        Frame.Error e = leo.expect(Frame.Error.class);
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME.code());
        assertThat(e.message()).contains("binary");
        leo.send(new Frame.Ping(6));
        assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(6);
        serverStillServes();
    }
}
