package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Token lifetime events and renewal against a real server, with tokens of a few seconds. */
class TokenEventsTest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    private final RecordingHandler events = new RecordingHandler();

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void willExpireFiresAtEightyPercentAndExpiredAtTheEndThenTheSessionEndsForGood() {
        live = LiveServer.start(dataDir);
        ChatClient leo = live.client(events);
        String token = live.token("leo", Duration.ofSeconds(5));
        long loginMillis = System.currentTimeMillis();
        LoginResult login = await(leo.open("leo", token));
        long lifetime = login.expireTimestamp().toEpochMilli() - loginMillis;
        assertThat(lifetime).as("what is left of a 5 s token").isBetween(3_000L, 5_000L);

        events.await("tokenWillExpire", Duration.ofSeconds(6));
        long willExpireAfter = System.currentTimeMillis() - loginMillis;
        assertThat(willExpireAfter).as("will-expire after %d of %d ms", willExpireAfter, lifetime)
                .isGreaterThanOrEqualTo((long) (lifetime * 0.75))
                .isLessThan(lifetime);
        events.await("tokenExpired", Duration.ofSeconds(3));
        long expiredAfter = System.currentTimeMillis() - loginMillis;
        assertThat(expiredAfter).isGreaterThanOrEqualTo(lifetime - 50);

        events.await("disconnected:TOKEN_EXPIRED");
        assertThat(leo.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(events.seesWithin("reconnecting", Duration.ofMillis(500))).isFalse();
        assertThat(leo.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

        // The application logs in again with a new token.
        await(leo.open("leo", live.token("leo")));
        assertThat(leo.isOpened()).isTrue();
    }

    @Test
    void renewTokenExtendsTheSessionPastTheOldExpiry() {
        live = LiveServer.start(dataDir);
        ChatClient leo = live.client(events);
        live.token("roy");
        LoginResult login = await(leo.open("leo", live.token("leo", Duration.ofSeconds(3))));

        events.await("tokenWillExpire", Duration.ofSeconds(4));
        Instant renewedUntil = await(leo.renewToken(live.token("leo", Duration.ofHours(1))));
        assertThat(renewedUntil).isAfter(Instant.now().plus(Duration.ofMinutes(59)));

        Duration pastOldExpiry = Duration.between(Instant.now(), login.expireTimestamp()).plusMillis(1_000);
        assertThat(events.seesWithin("tokenExpired", pastOldExpiry)).isFalse();
        assertThat(leo.isOpened()).isTrue();
        assertThat(await(leo.send(TextMessage.create("roy", "still here"))).serverId()).isNotBlank();
    }

    @Test
    void theServerClosesAnExpiredSession() {
        live = LiveServer.start(dataDir);
        try (RawSocket raw = new RawSocket(live.server().wsUrl())) {
            raw.send(new Frame.Open(LiveServer.APP_KEY, "leo", live.token("leo", Duration.ofSeconds(2)), "raw"));
            raw.expect(Frame.Opened.class);
            raw.expect(Frame.SyncStart.class);
            raw.expect(Frame.SyncEnd.class);
            Frame.ServerFrame next = raw.poll(Duration.ofSeconds(4));
            assertThat(next).isInstanceOfSatisfying(Frame.Error.class, e -> assertThat(e.code()).isEqualTo(56));
            assertThat(raw.closed().orTimeout(3, TimeUnit.SECONDS).join()).isNotNegative();
        }
    }

    @Test
    void aPasswordSessionRenewsItsTokenByItself() {
        live = LiveServer.start(dataDir, config -> config.maxUserTokenTtl(Duration.ofSeconds(3)));
        ChatClient leo = live.client(events);
        await(leo.registerUser("leo", "secret-1"));
        live.token("roy");
        LoginResult login = await(leo.openWithPassword("leo", "secret-1"));

        events.await("tokenWillExpire", Duration.ofSeconds(4));
        Duration pastFirstExpiry = Duration.between(Instant.now(), login.expireTimestamp()).plusMillis(700);
        assertThat(events.seesWithin("tokenExpired", pastFirstExpiry)).isFalse();
        assertThat(leo.isOpened()).isTrue();
        assertThat(await(leo.send(TextMessage.create("roy", "renewed by the SDK"))).serverId()).isNotBlank();
    }
}
