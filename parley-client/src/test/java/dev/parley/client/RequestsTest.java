package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static dev.parley.client.SessionStateMachineTest.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The requests of protocol version 2 over the WebSocket, on a fake transport: the frames they send, and how their
 * futures learn the outcome from error frames without a local id, from echoes, from the settle time, or from a lost
 * connection.
 */
class RequestsTest {
    private static final ReconnectPolicy FAST = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(20));

    private final FakeTransport transport = new FakeTransport();
    private final RecordingHandler events = new RecordingHandler();
    private ChatClient client;
    private FakeLink link;

    private void logIn(Duration settleTime) {
        client = ChatClient.create(ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .requestSettleTime(settleTime).reconnectPolicy(FAST).build(), transport);
        client.addEventHandler("recorder", events);
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
    }

    @AfterEach
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static boolean pendingAfter(CompletableFuture<?> future, Duration wait) {
        try {
            future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void aRecallFailsWithTheCodeOfTheErrorThatAnswersIt() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> recall = client.chatManager().recallMessage("s-1");
        assertThat(link.expect(Frame.Recall.class)).isEqualTo(new Frame.Recall("s-1"));
        link.push(Frame.Error.of(ErrorCode.RECALL_WINDOW_PASSED, "message recall time limit exceeded"));
        assertThat(failureOf(recall).code()).isEqualTo(504);
        link.push(new Frame.Delivery("marker", "roy", "leo"));
        assertThat(events.until("delivered:marker")).noneMatch(e -> e.startsWith("error:"));
    }

    @Test
    void aRecallSucceedsAtOnceOnTheEchoOfItsRecalledAndOtherwiseAfterTheSettleTime() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> recall = client.chatManager().recallMessage("s-1");
        link.expect(Frame.Recall.class);
        link.push(new Frame.Recalled("s-1", "roy", "leo", ChatType.SINGLE)); // not mine: no answer
        assertThat(pendingAfter(recall, Duration.ofMillis(200))).isTrue();
        link.push(new Frame.Recalled("s-1", "leo", "roy", ChatType.SINGLE));
        await(recall);

        client.close();
        logIn(Duration.ofMillis(200));
        CompletableFuture<Void> edit = client.chatManager().modifyMessage("s-2", "fixed");
        assertThat(link.expect(Frame.Edit.class)).isEqualTo(new Frame.Edit("s-2", "fixed"));
        await(edit); // nothing came back: accepted once the settle time passed
    }

    @Test
    void anEditSucceedsOnTheEchoOfItsOwnText() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> edit = client.chatManager().modifyMessage("s-3", "second thoughts");
        link.expect(Frame.Edit.class);
        link.push(new Frame.Edited("s-3", "leo", "roy", ChatType.SINGLE, "an older edit", 1));
        assertThat(pendingAfter(edit, Duration.ofMillis(200))).isTrue();
        link.push(new Frame.Edited("s-3", "leo", "roy", ChatType.SINGLE, "second thoughts", 2));
        await(edit);
    }

    @Test
    void anErrorFailsTheOldestWaitingRequestThatCanMeetItsCode() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> typing = client.chatManager().sendTyping(ChatType.SINGLE, "roy");
        CompletableFuture<Void> firstRecall = client.chatManager().recallMessage("s-1");
        CompletableFuture<Void> secondRecall = client.chatManager().recallMessage("s-2");
        link.expect(Frame.Typing.class);
        link.expect(Frame.Recall.class);
        link.expect(Frame.Recall.class);

        link.push(Frame.Error.of(ErrorCode.PERMISSION_DENIED, "not the sender")); // typing never meets 210
        assertThat(failureOf(firstRecall).code()).isEqualTo(210);
        link.push(Frame.Error.of(ErrorCode.BAD_FRAME, "unknown frame type")); // any request meets -3: the oldest
        assertThat(failureOf(typing).code()).isEqualTo(-3);
        assertThat(pendingAfter(secondRecall, Duration.ofMillis(100))).isTrue();
    }

    @Test
    void anErrorNoWaitingRequestCanMeetIsRaisedAsBefore() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> typing = client.chatManager().sendTyping(ChatType.GROUP, "100");
        link.expect(Frame.Typing.class);
        link.push(Frame.Error.of(ErrorCode.RECALL_WINDOW_PASSED, "late"));
        assertThat(events.await("error:")).isEqualTo("error:504:late");
        link.push(Frame.Error.of(ErrorCode.GROUP_NOT_MEMBER, "not a member"));
        assertThat(failureOf(typing).code()).isEqualTo(602);
    }

    @Test
    void aLostConnectionFailsWaitingRequestsWith16() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> ack = client.chatManager().ackConversationRead(ChatType.GROUP, "100");
        assertThat(link.expect(Frame.ChannelAck.class)).isEqualTo(Frame.ChannelAck.of(ChatType.GROUP, "100"));
        link.drop();
        assertThat(failureOf(ack).code()).isEqualTo(ErrorCode.DISCONNECTED.code());
        events.await("state:RECONNECTING");
        assertThat(failureOf(client.chatManager().recallMessage("s-1")).code())
                .isEqualTo(ErrorCode.DISCONNECTED.code());
    }

    @Test
    void requestsBeforeLoginFailWith39() {
        client = ChatClient.create(ChatOptions.builder().appKey("parley#test").url("ws://127.0.0.1:1/websocket")
                .build(), transport);
        assertThat(failureOf(client.chatManager().recallMessage("s-1")).code()).isEqualTo(39);
        assertThat(failureOf(client.chatManager().sendTyping(ChatType.SINGLE, "roy")).code()).isEqualTo(39);
        assertThat(failureOf(client.presenceManager().publishPresence("hi")).code()).isEqualTo(39);
        assertThatThrownBy(() -> client.chatManager().modifyMessage("s-1", "")).isInstanceOf(
                IllegalArgumentException.class);
    }

    @Test
    void typingIsSentAtMostOnceASecondPerConversation() {
        logIn(Duration.ofMillis(100));
        CompletableFuture<Void> first = client.chatManager().sendTyping(ChatType.SINGLE, "roy");
        CompletableFuture<Void> dropped = client.chatManager().sendTyping(ChatType.SINGLE, "roy");
        CompletableFuture<Void> elsewhere = client.chatManager().sendTyping(ChatType.GROUP, "100");
        await(dropped);
        assertThat(link.expect(Frame.Typing.class)).isEqualTo(Frame.Typing.of(ChatType.SINGLE, "roy"));
        assertThat(link.expect(Frame.Typing.class)).isEqualTo(Frame.Typing.of(ChatType.GROUP, "100"));
        await(first);
        await(elsewhere);
        await(client.markRead("marker"));
        assertThat(link.expect(Frame.ClientFrame.class)).isEqualTo(new Frame.Read("marker"));
    }

    @Test
    void aSubscriptionCompletesWithThePresencesOnceEachHasArrived() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<List<PresenceEvent>> subscribed =
                client.presenceManager().subscribePresence(List.of("Roy", "amy"));
        assertThat(link.expect(Frame.SubscribePresence.class).users()).containsExactly("roy", "amy");
        link.push(new Frame.Presence("roy", "online", 0, "working"));
        assertThat(pendingAfter(subscribed, Duration.ofMillis(100))).isTrue();
        link.push(new Frame.Presence("amy", "offline", 1_700_000_000_000L, ""));
        assertThat(await(subscribed)).extracting(PresenceEvent::user).containsExactly("roy", "amy");
        events.await("presence:roy:online:working");
        assertThat(await(subscribed).get(1).lastSeen()).isPresent();
    }

    @Test
    void aPresenceArrivingWhileOtherRequestsWaitIsRaisedAndLeavesThemWaiting() {
        logIn(Duration.ofSeconds(30));
        CompletableFuture<Void> recall = client.chatManager().recallMessage("s-1");
        link.expect(Frame.Recall.class);
        link.push(new Frame.Presence("roy", "online", 0, ""));
        events.await("presence:roy:online:");
        assertThat(pendingAfter(recall, Duration.ofMillis(100))).isTrue();
    }

    @Test
    void subscriptionsAndTheStatusLineAreSentAgainAfterAReconnect() {
        logIn(Duration.ofMillis(100));
        CompletableFuture<List<PresenceEvent>> subscribed = client.presenceManager().subscribePresence(List.of("roy"));
        CompletableFuture<Void> published = client.presenceManager().publishPresence("in a meeting");
        link.expect(Frame.SubscribePresence.class);
        assertThat(link.expect(Frame.PublishPresence.class).description()).isEqualTo("in a meeting");
        assertThat(await(subscribed)).isEmpty(); // no presence came within the settle time
        await(published);

        link.drop();
        FakeLink again = transport.nextLink();
        again.acceptLogin("leo");
        assertThat(again.expect(Frame.SubscribePresence.class).users()).containsExactly("roy");
        assertThat(again.expect(Frame.PublishPresence.class).description()).isEqualTo("in a meeting");
    }

    @Test
    void aPublishedStatusLineIsCheckedLocally() {
        logIn(Duration.ofMillis(100));
        assertThatThrownBy(() -> client.presenceManager().publishPresence("x".repeat(65)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.presenceManager().subscribePresence(List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
