package dev.parley.client;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import jakarta.json.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The login, send and receive paths of the client, against a fake server on an in-memory transport. */
class SessionStateMachineTest {
    private final FakeTransport transport = new FakeTransport();
    private final RecordingHandler events = new RecordingHandler();
    private ChatClient client = client(ChatOptions.builder());

    private ChatClient client(ChatOptions.Builder builder) {
        ChatClient c = ChatClient.create(builder.appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .deviceId("laptop").build(), transport);
        c.addEventHandler("recorder", events);
        return c;
    }

    @AfterEach
    void close() {
        client.close();
    }

    static <T> T await(CompletableFuture<T> future) {
        return future.orTimeout(5, SECONDS).join();
    }

    static ChatException failureOf(CompletableFuture<?> future) {
        Throwable failure = future.handle((v, e) -> e).orTimeout(5, SECONDS).join();
        assertThat(failure).as("the future failed").isNotNull();
        Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
        assertThat(cause).isInstanceOf(ChatException.class);
        return (ChatException) cause;
    }

    private FakeLink loggedIn() {
        CompletableFuture<LoginResult> open = client.open("Leo", "007token");
        FakeLink link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
        return link;
    }

    @Test
    void openSendsTheOpenFrameAndResolvesOnOpened() {
        CompletableFuture<LoginResult> open = client.open("Leo", "007token");
        FakeLink link = transport.nextLink();
        Frame.Open frame = link.expect(Frame.Open.class);
        assertThat(frame).isEqualTo(new Frame.Open("parley#test", "Leo", "007token", "laptop"));
        assertThat(client.connectionState()).isEqualTo(ConnectionState.CONNECTING);

        link.push(new Frame.Opened("leo", 1_800_000_000_000L, System.currentTimeMillis()));
        assertThat(await(open)).isEqualTo(new LoginResult("leo", Instant.ofEpochMilli(1_800_000_000_000L)));
        assertThat(client.isOpened()).isTrue();
        assertThat(client.currentUser()).contains("leo");
        assertThat(events.await("state:")).isEqualTo("state:CONNECTING");
        assertThat(events.await("state:")).isEqualTo("state:CONNECTED");
        events.await("connected");
        assertThat(events.threads).allMatch(name -> name.startsWith("parley-events-"));
    }

    @Test
    void openFailsWithTheServersCodeAndLeavesTheClientDisconnected() {
        CompletableFuture<LoginResult> open = client.open("leo", "007forged");
        FakeLink link = transport.nextLink();
        link.expect(Frame.Open.class);
        link.push(Frame.Error.of(ErrorCode.TOKEN_INVALID, "token invalid"));
        assertThat(failureOf(open).code()).isEqualTo(28);
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        assertThat(link.closed).isTrue();
        assertThat(events.drain()).doesNotContain("connected").noneMatch(e -> e.startsWith("reconnecting"));
    }

    @Test
    void openTimesOutWhenTheServerDoesNotAnswer() {
        client.close();
        client = client(ChatOptions.builder().sendTimeout(Duration.ofMillis(200)));
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        transport.nextLink().expect(Frame.Open.class);
        assertThat(failureOf(open).code()).isEqualTo(ErrorCode.TIMEOUT.code());
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void openFailsWith16WhenTheServerCannotBeReached() {
        transport.refuseConnections = true;
        assertThat(failureOf(client.open("leo", "007token")).code()).isEqualTo(ErrorCode.DISCONNECTED.code());
    }

    @Test
    void aConnectionClosedBeforeTheLoginIsAnsweredIsTriedOnceMore() {
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        FakeLink first = transport.nextLink();
        first.expect(Frame.Open.class);
        first.drop();
        transport.nextLink().acceptLogin("leo");
        assertThat(await(open).user()).isEqualTo("leo");

        client.close();
        client = client(ChatOptions.builder());
        CompletableFuture<LoginResult> again = client.open("leo", "007token");
        transport.nextLink().drop();
        transport.nextLink().drop();
        assertThat(failureOf(again).code()).isEqualTo(ErrorCode.DISCONNECTED.code());
    }

    @Test
    void openTwiceIsAnError() {
        loggedIn();
        assertThatThrownBy(() -> await(client.open("leo", "007token"))).hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void sendResolvesWithTheReceipt() {
        FakeLink link = loggedIn();
        TextMessage message = TextMessage.create("roy", "Hi, how are you doing?").withExt(java.util.Map.of("k", "v"));
        CompletableFuture<SendReceipt> sent = client.send(message);
        Frame.Send frame = link.expect(Frame.Send.class);
        assertThat(frame.localId()).isEqualTo(message.localId());
        assertThat(frame.to()).isEqualTo("roy");
        assertThat(frame.msg()).isEqualTo("Hi, how are you doing?");
        assertThat(frame.ext()).isEqualTo(Json.createObjectBuilder().add("k", "v").build());

        link.push(new Frame.Receipt(message.localId(), "s-1", 1_700_000_000_000L));
        assertThat(await(sent)).isEqualTo(new SendReceipt(message.localId(), "s-1", Instant.ofEpochMilli(1_700_000_000_000L)));
        events.await("received:" + message.localId() + ":s-1");
    }

    @Test
    void sendFailsWithTheCodeOfTheErrorNamingItsLocalId() {
        FakeLink link = loggedIn();
        TextMessage big = TextMessage.create("roy", "x");
        TextMessage fine = TextMessage.create("roy", "y");
        CompletableFuture<SendReceipt> bigSent = client.send(big);
        CompletableFuture<SendReceipt> fineSent = client.send(fine);
        link.push(Frame.Error.forSend(ErrorCode.MESSAGE_TOO_LARGE, "message too large", big.localId()));
        link.push(new Frame.Receipt(fine.localId(), "s-2", 1));
        assertThat(failureOf(bigSent).code()).isEqualTo(511);
        assertThat(await(fineSent).serverId()).isEqualTo("s-2");
    }

    @Test
    void sendTimesOutWithCodeMinusOne() {
        client.close();
        client = client(ChatOptions.builder().sendTimeout(Duration.ofMillis(300)));
        loggedIn();
        assertThat(failureOf(client.send(TextMessage.create("roy", "hello?"))).code()).isEqualTo(-1);
    }

    @Test
    void sendBeforeLoginFailsWith39() {
        assertThat(failureOf(client.send(TextMessage.create("roy", "hi"))).code()).isEqualTo(39);
        assertThat(failureOf(client.renewToken("007new")).code()).isEqualTo(39);
        assertThat(failureOf(client.markRead("s-1")).code()).isEqualTo(39);
        assertThat(failureOf(client.conversations()).code()).isEqualTo(39);
    }

    @Test
    void sendingTheSameMessageAgainWhileItWaitsSendsItOnce() {
        FakeLink link = loggedIn();
        TextMessage message = TextMessage.create("roy", "once");
        CompletableFuture<SendReceipt> first = client.send(message);
        CompletableFuture<SendReceipt> second = client.send(message);
        link.expect(Frame.Send.class);
        link.push(new Frame.Receipt(message.localId(), "s-9", 9));
        assertThat(await(first)).isEqualTo(await(second));
        assertThat(link.poll(Duration.ofMillis(200))).isNull();
    }

    @Test
    void everyMessageIsAcknowledgedButRaisedOnlyOnce() {
        FakeLink link = loggedIn();
        Frame.Message message = new Frame.Message("s-5", "roy", "leo", Frame.SINGLE_CHAT, Frame.TEXT, "hey", 5, null);
        link.push(new Frame.SyncStart(1));
        link.push(message);
        link.push(new Frame.SyncEnd());
        link.push(message);
        assertThat(link.expect(Frame.Delivered.class).id()).isEqualTo("s-5");
        assertThat(link.expect(Frame.Delivered.class).id()).isEqualTo("s-5");
        link.push(new Frame.Delivery("marker", "roy", "leo")); // events are raised in order: this comes last
        assertThat(events.until("delivered:marker"))
                .filteredOn(e -> !e.startsWith("state:") && !e.equals("connected"))
                .containsExactly("syncStart:1", "text:s-5:roy:hey", "syncEnd");
        assertThat(events.messages).hasSize(1);
        assertThat(events.messages.getFirst().time()).isEqualTo(Instant.ofEpochMilli(5));
    }

    @Test
    void aCopyOfOwnMessageFromAnotherDeviceIsRaisedButNotAcknowledged() {
        FakeLink link = loggedIn();
        link.push(new Frame.Message("s-6", "leo", "roy", Frame.SINGLE_CHAT, Frame.TEXT, "from my phone", 6, null));
        events.await("text:s-6:leo:from my phone");
        client.markRead("s-0");
        assertThat(link.expect(Frame.ClientFrame.class)).isInstanceOf(Frame.Read.class);
    }

    @Test
    void receiptsFromThePeerAreRaised() {
        FakeLink link = loggedIn();
        link.push(new Frame.Delivery("s-7", "roy", "leo"));
        link.push(new Frame.ReadReceipt("s-7", "roy", "leo"));
        events.await("delivered:s-7:roy");
        events.await("read:s-7:roy");
    }

    @Test
    void anErrorOutsideAnyRequestIsRaised() {
        FakeLink link = loggedIn();
        link.push(Frame.Error.of(ErrorCode.BAD_FRAME, "unknown frame type"));
        assertThat(events.await("error:")).isEqualTo("error:-3:unknown frame type");
        assertThat(client.isOpened()).isTrue();
    }

    @Test
    void closeFailsWaitingSendsWith16AndReportsClosed() {
        loggedIn();
        CompletableFuture<SendReceipt> waiting = client.send(TextMessage.create("roy", "never answered"));
        client.close();
        assertThat(failureOf(waiting).code()).isEqualTo(16);
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);
        events.await("disconnected:CLOSED");
        assertThat(transport.shutDown).isTrue();
        assertThat(failureOf(client.send(TextMessage.create("roy", "late"))).code()).isEqualTo(39);
    }
}
