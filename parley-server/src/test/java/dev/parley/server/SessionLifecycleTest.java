package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.token.AccessToken2;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sign-in timing, token expiry and renewal, multi-device copies, idempotent resends and durability. */
class SessionLifecycleTest {
    @TempDir
    Path dir;

    private ServerConfig.Builder config() {
        return ServerConfig.builder().dataDir(dir).port(0);
    }

    @Test
    void aConnectionThatNeverOpensIsClosed() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().firstFrameTimeout(Duration.ofMillis(300)).build());
             RawClient silent = RawClient.connect(server)) {
            Frame.Error e = silent.expect(Frame.Error.class);
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_LOGGED_IN.code());
            assertThat(silent.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void aSilentSessionIsClosedAfterTheIdleTimeoutButPingsKeepItAlive() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().idleTimeout(Duration.ofMillis(800))
                     // the pinger pings as fast as it can: far over the default frame budget
                     .frameRate(1e6, 1_000_000).build());
             RawClient pinger = RawClient.signedIn(server, "leo");
             RawClient silent = RawClient.signedIn(server, "roy")) {
            long start = System.nanoTime();
            while (!silent.isClosed()) {
                pinger.send(new Frame.Ping(3));
                assertThat(pinger.expect(Frame.Pong.class).t()).isEqualTo(3);
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(500));
            assertThat(pinger.isClosed()).isFalse();
        }
    }

    @Test
    void framesScheduleNoTimerTasks() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().frameRate(1e6, 1_000_000).build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            long before = server.tyrusTimerTasks();
            for (int i = 0; i < 500; i++) {
                leo.send(new Frame.Ping(i));
                assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(i);
            }
            assertThat(before).as("Tyrus's timer is a thread pool").isNotNegative();
            // Tyrus 2.2 schedules an idle-timeout task per frame unless the idle timeout is negative
            assertThat(server.tyrusTimerTasks() - before).as("timer tasks run for 500 frames").isLessThan(50);
        }
    }

    @Test
    void theServerClosesASessionWhenItsTokenExpires() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.connect(server)) {
            leo.send(new Frame.Open(server.appKey(), "leo", server.userToken("leo", Duration.ofSeconds(2)), ""));
            Frame.Opened opened = leo.expect(Frame.Opened.class);
            assertThat(opened.expireTimestamp()).isBetween(Instant.now().toEpochMilli(),
                    Instant.now().plusSeconds(3).toEpochMilli());
            Frame.Error expired = leo.skipUntil(Frame.Error.class);
            assertThat(expired.code()).isEqualTo(ErrorCode.TOKEN_EXPIRED.code());
            assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(opened.expireTimestamp() - 1000);
            leo.awaitClose();
        }
    }

    @Test
    void renewTokenExtendsTheSession() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().frameRate(1e6, 1_000_000).build());
             RawClient leo = RawClient.connect(server)) {
            leo.send(new Frame.Open(server.appKey(), "leo", server.userToken("leo", Duration.ofSeconds(2)), ""));
            Frame.Opened opened = leo.expect(Frame.Opened.class);
            leo.skipUntil(Frame.SyncEnd.class);
            leo.send(new Frame.RenewToken(server.userToken("leo", Duration.ofSeconds(60))));
            Frame.TokenRenewed renewed = leo.expect(Frame.TokenRenewed.class);
            assertThat(renewed.expireTimestamp()).isGreaterThan(opened.expireTimestamp() + 50_000);
            // wait past the old expiry by pinging: each pong proves the session is still alive
            while (System.currentTimeMillis() < opened.expireTimestamp() + 1_500) {
                leo.send(new Frame.Ping(1));
                assertThat(leo.next()).isEqualTo(new Frame.Pong(1));
            }
            assertThat(leo.isClosed()).isFalse();
        }
    }

    @Test
    void aRenewalWithAnotherUsersTokenIsRefusedAndChangesNothing() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            leo.send(new Frame.RenewToken(server.userToken("roy", Duration.ofHours(2))));
            assertThat(leo.expect(Frame.Error.class).code()).isEqualTo(ErrorCode.TOKEN_INVALID.code());
            leo.send(new Frame.Ping(2));
            assertThat(leo.expect(Frame.Pong.class).t()).isEqualTo(2);
        }
    }

    @Test
    void messagesToARecipientNotYetLookedUpAreStoredInTheOrderTheyWereSent() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().rateLimit(1e6, 1_000_000).frameRate(1e6, 1_000_000)
                     .build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofHours(1)); // roy exists, but no one has sent to him yet
            int count = 50;
            for (int i = 0; i < count; i++) {
                leo.send(Frame.Send.text("d" + i, i % 2 == 0 ? "roy" : "leo2", "number " + i));
                if (i == 0) {
                    server.userToken("leo2", Duration.ofHours(1));
                }
            }
            long lastId = 0;
            for (int i = 0; i < count; i++) {
                Frame.ServerFrame answer = leo.next();
                assertThat(answer).as("answer %d", i).isInstanceOf(Frame.Receipt.class);
                Frame.Receipt receipt = (Frame.Receipt) answer;
                assertThat(receipt.localId()).as("stored in send order").isEqualTo("d" + i);
                assertThat(Long.parseLong(receipt.id())).isGreaterThan(lastId);
                lastId = Long.parseLong(receipt.id());
            }
        }
    }

    @Test
    void allDevicesOfTheRecipientReceiveAndTheSendersOtherDeviceGetsACopy() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leoPhone = RawClient.signedIn(server, "leo");
             RawClient leoLaptop = RawClient.signedIn(server, "leo");
             RawClient royPhone = RawClient.signedIn(server, "roy");
             RawClient royLaptop = RawClient.signedIn(server, "Roy")) {
            leoPhone.send(Frame.Send.text("m1", "ROY", "to both of your devices"));
            String id = leoPhone.expect(Frame.Receipt.class).id();
            for (RawClient c : new RawClient[] {royPhone, royLaptop, leoLaptop}) {
                Frame.Message m = c.expect(Frame.Message.class);
                assertThat(m.id()).isEqualTo(id);
                assertThat(m.from()).isEqualTo("leo");
                assertThat(m.to()).isEqualTo("roy");
            }
        }
    }

    @Test
    void noCopyGoesToAnotherConnectionOfTheSendingDevice() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient phoneStale = RawClient.signedIn(server, "leo", "phone");
             RawClient phone = RawClient.signedIn(server, "leo", "phone");
             RawClient laptop = RawClient.signedIn(server, "leo", "laptop");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            // the phone reconnected (phone) while the server still holds its old connection (phoneStale)
            phone.send(Frame.Send.text("m1", "roy", "from my phone"));
            String id = phone.expect(Frame.Receipt.class).id();
            assertThat(roy.expect(Frame.Message.class).id()).isEqualTo(id);
            assertThat(laptop.expect(Frame.Message.class).id()).as("the other device gets a copy").isEqualTo(id);
            phoneStale.send(new Frame.Ping(3));
            assertThat(phoneStale.next()).as("the phone's old connection gets no copy of its own message")
                    .isEqualTo(new Frame.Pong(3));
        }
    }

    @Test
    void aResendWithTheSameLocalIdGetsTheSameIdAndIsDeliveredOnce() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            leo.send(Frame.Send.text("same", "roy", "once"));
            String first = leo.expect(Frame.Receipt.class).id();
            leo.send(Frame.Send.text("same", "roy", "once"));
            assertThat(leo.expect(Frame.Receipt.class).id()).isEqualTo(first);
            leo.send(Frame.Send.text("next", "roy", "twice?"));
            leo.expect(Frame.Receipt.class);
            assertThat(roy.expect(Frame.Message.class).id()).isEqualTo(first);
            assertThat(roy.expect(Frame.Message.class).msg()).isEqualTo("twice?");
        }
    }

    @Test
    void aReceiptedMessageSurvivesARestartAndArrivesInTheSync() throws Exception {
        String id;
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            server.userToken("roy", Duration.ofMinutes(1));
            leo.send(Frame.Send.text("durable", "roy", "still there after a restart"));
            id = leo.expect(Frame.Receipt.class).id();
        }
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient roy = RawClient.connect(server)) {
            roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofMinutes(5)), ""));
            roy.expect(Frame.Opened.class);
            assertThat(roy.expect(Frame.SyncStart.class).count()).isEqualTo(1);
            Frame.Message m = roy.expect(Frame.Message.class);
            assertThat(m.id()).isEqualTo(id);
            assertThat(m.msg()).isEqualTo("still there after a restart");
            roy.expect(Frame.SyncEnd.class);
            roy.send(new Frame.Delivered(id));
            roy.send(new Frame.Ping(9)); // frames are handled in order: the pong means the ack was taken
            roy.expect(Frame.Pong.class);
        }
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient roy = RawClient.connect(server)) {
            roy.send(new Frame.Open(server.appKey(), "roy", server.userToken("roy", Duration.ofMinutes(5)), ""));
            roy.expect(Frame.Opened.class);
            assertThat(roy.expect(Frame.SyncStart.class).count())
                    .as("a delivered message is not pushed again").isZero();
        }
    }

    @Test
    void aTokenMintedForLeoInCapitalsOpensAsLeo() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient c = RawClient.connect(server)) {
            server.userToken("leo", Duration.ofMinutes(1));
            String token = AccessToken2.buildUserToken(server.credentials(), "Leo", Duration.ofMinutes(5),
                    Clock.systemUTC());
            c.send(new Frame.Open(server.appKey(), "LEO", token, ""));
            assertThat(c.expect(Frame.Opened.class).user()).isEqualTo("leo");
        }
    }
}
