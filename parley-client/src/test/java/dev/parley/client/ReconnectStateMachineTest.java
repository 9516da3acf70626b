package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static dev.parley.client.SessionStateMachineTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Losing the connection, reconnecting with the outbox, the heartbeat and the token timers, on a fake transport. */
class ReconnectStateMachineTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(20));

    private final FakeTransport transport = new FakeTransport();
    private final RecordingHandler events = new RecordingHandler();
    private ChatClient client;

    private ChatClient client(ChatOptions.Builder builder) {
        client = ChatClient.create(builder.appKey("parley#test").url("ws://127.0.0.1:1/websocket").build(), transport);
        client.addEventHandler("recorder", events);
        return client;
    }

    /** Options with the fast schedule (a test may set its own after). */
    private static ChatOptions.Builder fast() {
        return ChatOptions.builder().reconnectPolicy(FAST);
    }

    @AfterEach
    void close() {
        client.close();
    }

    private FakeLink loggedIn(ChatOptions.Builder builder) {
        client(builder);
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
        return link;
    }

    @Test
    void lostConnectionIsRestoredAndTheOutboxResentInOrderWithTheSameLocalIds() {
        FakeLink first = loggedIn(fast());
        TextMessage unanswered = TextMessage.create("roy", "sent before the loss");
        CompletableFuture<SendReceipt> unansweredSent = client.send(unanswered);
        first.expect(Frame.Send.class);

        first.drop();
        events.await("state:RECONNECTING");
        events.await("disconnected:CONNECTION_LOST");
        assertThat(events.await("reconnecting:")).isEqualTo("reconnecting:1:20");
        List<TextMessage> whileAway = new ArrayList<>();
        List<CompletableFuture<SendReceipt>> whileAwaySent = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            TextMessage m = TextMessage.create("roy", "while away " + i);
            whileAway.add(m);
            whileAwaySent.add(client.send(m));
        }

        FakeLink second = transport.nextLink();
        assertThat(second.acceptLogin("leo").token()).isEqualTo("007token");
        events.await("connected");
        List<String> resent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            resent.add(second.expect(Frame.Send.class).localId());
        }
        assertThat(resent).containsExactly(unanswered.localId(), whileAway.get(0).localId(),
                whileAway.get(1).localId(), whileAway.get(2).localId());
        second.push(new Frame.Receipt(unanswered.localId(), "s-1", 1));
        for (int i = 0; i < 3; i++) {
            second.push(new Frame.Receipt(whileAway.get(i).localId(), "s-" + (i + 2), 2));
        }
        assertThat(await(unansweredSent).serverId()).isEqualTo("s-1");
        assertThat(await(whileAwaySent.get(2)).serverId()).isEqualTo("s-4");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void reconnectAttemptsAreCountedAndGiveUpAfterTheMaximum() {
        FakeLink link = loggedIn(fast().autoReconnectMaxAttempts(3));
        CompletableFuture<SendReceipt> waiting = client.send(TextMessage.create("roy", "lost"));
        transport.refuseConnections = true;
        link.drop();
        assertThat(events.await("reconnecting:")).startsWith("reconnecting:1:");
        assertThat(events.await("reconnecting:")).startsWith("reconnecting:2:");
        assertThat(events.await("reconnecting:")).startsWith("reconnecting:3:");
        assertThat(events.await("error:")).startsWith("error:16:could not reconnect in 3 attempts");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(failureOf(waiting).code()).isEqualTo(16);
    }

    @Test
    void byDefaultReconnectingNeverGivesUpAndTheOutboxGoesOutWhenTheServerIsBack() {
        FakeLink link = loggedIn(fast().sendTimeout(Duration.ofMinutes(1)));
        CompletableFuture<SendReceipt> waiting = client.send(TextMessage.create("roy", "written offline"));
        link.expect(Frame.Send.class);
        transport.refuseConnections = true;
        link.drop();
        // Agora's SDK (and this one before) stopped after 5 attempts; 40 attempts at 20 ms outlast that by far.
        for (int attempt = 1; attempt <= 40; attempt++) {
            assertThat(events.await("reconnecting:" + attempt + ":")).startsWith("reconnecting:" + attempt + ":");
            transport.nextLink();
        }
        assertThat(client.connectionState()).isEqualTo(ConnectionState.RECONNECTING);
        assertThat(waiting).isNotDone();
        assertThat(events.drain()).noneMatch(e -> e.startsWith("error:"));

        transport.refuseConnections = false;
        FakeLink back = transport.nextLink();
        while (back.refused()) { // attempts refused before the switch
            back = transport.nextLink();
        }
        back.acceptLogin("leo");
        events.await("connected");
        Frame.Send resent = back.expect(Frame.Send.class);
        back.push(new Frame.Receipt(resent.localId(), "s-1", 1));
        assertThat(await(waiting).serverId()).isEqualTo("s-1");
    }

    @Test
    void reconnectNowSkipsTheWaitButNotMoreOftenThanEveryTwoSeconds() throws InterruptedException {
        FakeLink link = loggedIn(fast()
                .reconnectPolicy(ReconnectPolicy.withDelays(a -> Duration.ofMinutes(10))));
        transport.refuseConnections = true;
        link.drop();
        events.await("reconnecting:1");
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).as("waits for the schedule").isFalse();

        client.reconnectNow();
        assertThat(transport.connectsWithin(Duration.ofSeconds(2))).as("an attempt at once").isTrue();
        events.await("reconnecting:2");
        client.reconnectNow(); // within two seconds of the last attempt: no hammering
        assertThat(transport.connectsWithin(Duration.ofMillis(300))).isFalse();

        transport.refuseConnections = false;
        assertThat(transport.connectsWithin(Reconnector.MIN_NUDGE_INTERVAL)).isFalse();
        client.reconnectNow();
        FakeLink back = transport.nextLink();
        back.acceptLogin("leo");
        events.await("connected");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.CONNECTED);
        client.reconnectNow(); // connected: nothing to do
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void noReconnectWhenAttemptsAreZero() throws InterruptedException {
        FakeLink link = loggedIn(fast().autoReconnectMaxAttempts(0));
        link.drop();
        events.await("disconnected:CONNECTION_LOST");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void noReconnectAfterTheServerRejectsTheTokenOnReconnect() {
        FakeLink link = loggedIn(fast());
        link.drop();
        FakeLink again = transport.nextLink();
        again.expect(Frame.Open.class);
        again.push(Frame.Error.of(ErrorCode.USER_NOT_FOUND, "user not found"));
        assertThat(events.await("error:")).startsWith("error:204:");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(events.drain()).noneMatch(e -> e.startsWith("reconnecting:2"));
    }

    @Test
    void noReconnectAfterTheServerEndsTheSessionWithAFatalCode() throws InterruptedException {
        FakeLink link = loggedIn(fast());
        link.push(new Frame.Error(206, "logged in on another device", ""));
        link.drop();
        events.await("disconnected:REFUSED");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void closeCancelsReconnecting() throws InterruptedException {
        client(fast().reconnectPolicy(ReconnectPolicy.withDelays(a -> Duration.ofMillis(300))));
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
        link.drop();
        events.await("reconnecting:1");
        client.close();
        events.await("disconnected:CLOSED");
        assertThat(transport.connectsWithin(Duration.ofMillis(500))).isFalse();
    }

    @Test
    void heartbeatPingsAndGivesUpAConnectionSilentForTwoIntervals() {
        FakeLink link = loggedIn(fast().heartbeatInterval(Duration.ofMillis(100)));
        Frame.Ping ping = link.expect(Frame.Ping.class);
        link.push(new Frame.Pong(ping.t()));
        long silentSince = System.nanoTime();
        events.await("disconnected:HEARTBEAT_TIMEOUT");
        assertThat(Duration.ofNanos(System.nanoTime() - silentSince)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(link.closed).isTrue();
        FakeLink again = transport.nextLink();
        again.acceptLogin("leo");
        events.await("connected");
    }

    @Test
    void tokenEventsFireAtEightyAndOneHundredPercentThenTheSessionEnds() throws InterruptedException {
        client(fast());
        long start = System.nanoTime();
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo", Duration.ofMillis(1000));
        await(open);
        events.await("tokenWillExpire");
        long willExpireAt = System.nanoTime() - start;
        events.await("tokenExpired");
        long expiredAt = System.nanoTime() - start;
        // never early, and in order (how late the loop runs them depends on the machine's load; TokenTimersTest
        // checks the 80% and 100% exactly)
        assertThat(Duration.ofNanos(willExpireAt)).isGreaterThanOrEqualTo(Duration.ofMillis(750))
                .isLessThanOrEqualTo(Duration.ofNanos(expiredAt));
        assertThat(Duration.ofNanos(expiredAt)).isGreaterThanOrEqualTo(Duration.ofMillis(980));
        events.await("disconnected:TOKEN_EXPIRED");
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(link.closed).isTrue();
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void theServersExpiryErrorEndsTheSessionWithoutReconnect() throws InterruptedException {
        FakeLink link = loggedIn(fast());
        link.push(Frame.Error.of(ErrorCode.TOKEN_EXPIRED, "token expired"));
        link.drop();
        events.await("tokenExpired");
        events.await("disconnected:TOKEN_EXPIRED");
        assertThat(transport.connectsWithin(Duration.ofMillis(200))).isFalse();
    }

    @Test
    void renewTokenExtendsTheSessionAndIsUsedForReconnecting() {
        client(fast());
        CompletableFuture<LoginResult> open = client.open("leo", "007old");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo", Duration.ofMillis(800));
        await(open);
        events.await("tokenWillExpire");
        CompletableFuture<Instant> renewed = client.renewToken("007new");
        assertThat(link.expect(Frame.RenewToken.class).token()).isEqualTo("007new");
        long newExpiry = System.currentTimeMillis() + 60_000;
        link.push(new Frame.TokenRenewed(newExpiry));
        assertThat(await(renewed)).isEqualTo(Instant.ofEpochMilli(newExpiry));
        assertThat(events.seesWithin("tokenExpired", Duration.ofMillis(600))).isFalse();
        assertThat(client.isOpened()).isTrue();

        link.drop();
        assertThat(transport.nextLink().expect(Frame.Open.class).token()).isEqualTo("007new");
    }

    @Test
    void aRefusedRenewalFailsWithTheServersCodeAndKeepsTheSession() {
        FakeLink link = loggedIn(fast());
        CompletableFuture<Instant> renewed = client.renewToken("007forged");
        link.expect(Frame.RenewToken.class);
        link.push(Frame.Error.of(ErrorCode.TOKEN_INVALID, "token invalid"));
        assertThat(failureOf(renewed).code()).isEqualTo(28);
        assertThat(client.isOpened()).isTrue();
    }

    @Test
    void renewTokenWhileReconnectingFailsWith16() {
        FakeLink link = loggedIn(fast()
                .reconnectPolicy(ReconnectPolicy.withDelays(a -> Duration.ofSeconds(10))));
        link.drop();
        events.await("reconnecting:1");
        assertThat(failureOf(client.renewToken("007new")).code()).isEqualTo(16);
        assertThat(failureOf(client.markRead("s-1")).code()).isEqualTo(16);
    }
}
