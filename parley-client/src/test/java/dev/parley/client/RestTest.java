package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The REST calls of the SDK against a real server. */
class RestTest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    private ChatClient client;

    @BeforeEach
    void startServer() {
        live = LiveServer.start(dataDir);
        client = live.client(new RecordingHandler());
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    private static ChatRestException restFailure(CompletableFuture<?> future) {
        Throwable failure = future.handle((v, e) -> e).orTimeout(10, TimeUnit.SECONDS).join();
        Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
        assertThat(cause).isInstanceOf(ChatRestException.class);
        return (ChatRestException) cause;
    }

    @Test
    void registeringCreatesALowercaseUserWithItsNickname() {
        RegisteredUser user = await(client.registerUser("Leo", "secret-1", "Leo the First"));
        assertThat(user.username()).isEqualTo("leo");
        assertThat(user.nickname()).isEqualTo("Leo the First");
        assertThat(user.created()).isAfter(java.time.Instant.now().minusSeconds(60));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "ünïcode", "semi;colon",
            "x1234567890123456789012345678901234567890123456789012345678901234"})
    void invalidUserNamesAreRefusedWith400IllegalArgument(String name) {
        ChatRestException e = restFailure(client.registerUser(name, "secret-1"));
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.error()).isEqualTo("illegal_argument");
    }

    @Test
    void aTakenNameIsRefusedWith400DuplicateInAnyCase() {
        await(client.registerUser("roy", "secret-1"));
        for (String again : List.of("roy", "ROY")) {
            ChatRestException e = restFailure(client.registerUser(again, "secret-2"));
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.error()).isEqualTo("duplicate_unique_property_exists");
        }
    }

    @Test
    void passwordLoginWorksAndAWrongPasswordFailsWith401() {
        await(client.registerUser("leo", "secret-1"));
        ChatRestException wrong = restFailure(client.openWithPassword("leo", "not-the-password"));
        assertThat(wrong.httpStatus()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(client.connectionState()).isEqualTo(ConnectionState.DISCONNECTED);

        assertThat(await(client.openWithPassword("LEO", "secret-1")).user()).isEqualTo("leo");
        assertThat(client.isOpened()).isTrue();
    }

    @Test
    void aSignedInUserLooksUpOthersByIdAndAnUnknownIdIsEmpty() {
        await(client.registerUser("roy", "secret-1", "Roy Batty"));
        await(client.registerUser("leo", "secret-1"));
        await(client.openWithPassword("leo", "secret-1"));

        assertThat(await(client.lookUpUser("ROY"))).hasValueSatisfying(roy -> {
            assertThat(roy.username()).isEqualTo("roy");
            assertThat(roy.nickname()).isEqualTo("Roy Batty");
        });
        assertThat(await(client.lookUpUser("nobody-here"))).isEmpty();
    }

    @Test
    void conversationsAreNewestFirstWithUnreadCounts() {
        RecordingHandler leoEvents = new RecordingHandler();
        ChatClient leo = live.client(leoEvents);
        ChatClient amy = live.client(new RecordingHandler());
        RecordingHandler royEvents = new RecordingHandler();
        ChatClient roy = live.client(royEvents);
        await(leo.open("leo", live.token("leo")));
        await(amy.open("amy", live.token("amy")));
        await(roy.open("roy", live.token("roy")));

        SendReceipt first = await(leo.send(TextMessage.create("roy", "one")));
        await(leo.send(TextMessage.create("roy", "two")));
        await(amy.send(TextMessage.create("roy", "from amy")));
        await(roy.markRead(first.serverId()));
        leoEvents.await("read:" + first.serverId() + ":roy"); // the server has stored the read receipt

        List<Conversation> conversations = await(roy.conversations());
        assertThat(conversations).extracting(Conversation::peer).containsExactly("amy", "leo");
        assertThat(conversations.get(0).unreadCount()).isEqualTo(1);
        assertThat(conversations.get(0).lastMessage().msg()).isEqualTo("from amy");
        assertThat(conversations.get(1).unreadCount()).isEqualTo(1);
        assertThat(conversations.get(1).lastMessage().msg()).isEqualTo("two");
        assertThat(conversations.get(1).lastMessage().from()).isEqualTo("leo");

        List<Conversation> leoSide = await(leo.conversations());
        assertThat(leoSide).extracting(Conversation::peer).containsExactly("roy");
        assertThat(leoSide.getFirst().unreadCount()).isZero();
    }

    @Test
    void historyComesInPagesNewestFirstUntilTheLast() {
        ChatClient leo = live.client(new RecordingHandler());
        ChatClient roy = live.client(new RecordingHandler());
        await(leo.open("leo", live.token("leo")));
        await(roy.open("roy", live.token("roy")));
        List<CompletableFuture<SendReceipt>> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            sent.add(leo.send(TextMessage.create("roy", "m" + i)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(10, TimeUnit.SECONDS).join();

        HistoryPage first = await(roy.history("leo", 25));
        HistoryPage second = await(roy.history("leo", first.cursor().orElseThrow(), 25));
        HistoryPage third = await(roy.history("leo", second.cursor().orElseThrow(), 25));

        assertThat(first.messages()).hasSize(25);
        assertThat(first.isLast()).isFalse();
        assertThat(second.messages()).hasSize(25);
        assertThat(second.isLast()).isFalse();
        assertThat(third.messages()).hasSize(10);
        assertThat(third.isLast()).isTrue();
        assertThat(third.cursor()).isEmpty();

        List<String> all = new ArrayList<>();
        for (HistoryPage page : List.of(first, second, third)) {
            page.messages().forEach(m -> all.add(m.msg()));
        }
        List<String> newestFirst = new ArrayList<>();
        for (int i = 59; i >= 0; i--) {
            newestFirst.add("m" + i);
        }
        assertThat(all).containsExactlyElementsOf(newestFirst);
        assertThat(await(leo.history("roy", 50)).messages().getFirst().msg()).isEqualTo("m59");
    }

    @Test
    void historyAndTheConversationListCarryEachMessagesState() {
        RecordingHandler royEvents = new RecordingHandler();
        RecordingHandler leoEvents = new RecordingHandler();
        ChatClient leo = live.client(leoEvents);
        ChatClient roy = live.client(royEvents);
        String royToken = live.token("roy");
        await(leo.open("leo", live.token("leo")));
        SendReceipt first = await(leo.send(TextMessage.create("roy", "first")));
        SendReceipt second = await(leo.send(TextMessage.create("roy", "second")));
        assertThat(await(leo.history("roy", 50)).messages()).extracting(TextMessageEvent::state)
                .containsExactly(MessageState.PENDING, MessageState.PENDING);

        await(roy.open("roy", royToken));
        royEvents.await("text:" + second.serverId());
        await(roy.markRead(first.serverId()));
        leoEvents.await("delivered:" + second.serverId()); // the server has roy's acknowledgements, in this order
        leoEvents.await("read:" + first.serverId());
        await(leo.send(TextMessage.create("roy", "third")));
        List<TextMessageEvent> page = await(leo.history("roy", 50)).messages();
        assertThat(page).extracting(TextMessageEvent::msg).containsExactly("third", "second", "first");
        assertThat(page.get(2).state()).isEqualTo(MessageState.READ);
        assertThat(page.get(1).state()).isEqualTo(MessageState.DELIVERED);
        Conversation royView = await(roy.conversations()).getFirst();
        assertThat(royView.lastMessage().msg()).isEqualTo("third");
        assertThat(royView.unreadCount()).isEqualTo(2);
    }

    @Test
    void restCallsNeedALogin() {
        assertThat(SessionStateMachineTest.failureOf(client.conversations()).code()).isEqualTo(39);
    }
}
