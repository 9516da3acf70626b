package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two users online at once, against a real server: receipts, several devices, order, retries. */
class OnlineChatTest {
    @TempDir
    Path dataDir;
    private LiveServer live;
    private final RecordingHandler leoEvents = new RecordingHandler();
    private final RecordingHandler royEvents = new RecordingHandler();
    private ChatClient leo;
    private ChatClient roy;

    @BeforeEach
    void bothOnline() {
        live = LiveServer.start(dataDir);
        leo = live.client(leoEvents);
        roy = live.client(royEvents);
        await(leo.open("leo", live.token("leo")));
        await(roy.open("roy", live.token("roy")));
    }

    @AfterEach
    void stopServer() {
        live.close();
    }

    @Test
    void messagesGoBothWaysWithDeliveryAndReadReceipts() {
        SendReceipt hi = await(leo.send(TextMessage.create("roy", "Hi, how are you doing?")));
        royEvents.await("text:" + hi.serverId() + ":leo:Hi, how are you doing?");
        leoEvents.await("delivered:" + hi.serverId() + ":roy");

        SendReceipt answer = await(roy.send(TextMessage.create("leo", "Fine, thanks!")));
        leoEvents.await("text:" + answer.serverId() + ":roy:Fine, thanks!");
        royEvents.await("delivered:" + answer.serverId() + ":leo");

        await(roy.markRead(hi.serverId()));
        leoEvents.await("read:" + hi.serverId() + ":roy");
    }

    @Test
    void everyDeviceOfTheRecipientAndTheSendersOtherDevicesGetTheMessage() {
        RecordingHandler royPhoneEvents = new RecordingHandler();
        ChatClient royPhone = live.client(live.options().deviceId("roy-phone"), royPhoneEvents);
        await(royPhone.open("roy", live.token("roy")));
        RecordingHandler leoPhoneEvents = new RecordingHandler();
        ChatClient leoPhone = live.client(live.options().deviceId("leo-phone"), leoPhoneEvents);
        await(leoPhone.open("leo", live.token("leo")));

        SendReceipt sent = await(leo.send(TextMessage.create("roy", "to all your devices")));
        String expected = "text:" + sent.serverId() + ":leo:to all your devices";
        royEvents.await(expected);
        royPhoneEvents.await(expected);
        leoPhoneEvents.await(expected);
        TextMessageEvent copy = leoPhoneEvents.messages.getFirst();
        assertThat(copy.from()).isEqualTo("leo");
        assertThat(copy.to()).isEqualTo("roy");

        leoEvents.await("delivered:" + sent.serverId() + ":roy");
        assertThat(leoEvents.drain()).noneMatch(e -> e.startsWith("text:"));
    }

    @Test
    void aThousandMessagesArriveInTheOrderTheyWereSent() throws InterruptedException {
        int count = 1_000;
        CountDownLatch all = new CountDownLatch(count);
        roy.addEventHandler("counter", new ChatEventHandler() {
            @Override
            public void onTextMessage(TextMessageEvent message) {
                all.countDown();
            }
        });
        List<CompletableFuture<SendReceipt>> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(leo.send(TextMessage.create("roy", "message " + i)));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(all.await(30, TimeUnit.SECONDS)).as("all %d messages arrived", count).isTrue();

        List<String> texts = royEvents.messages.stream().map(TextMessageEvent::msg).toList();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("message " + i);
        }
        assertThat(texts).containsExactlyElementsOf(expected);
        List<Long> serverIds = royEvents.messages.stream().map(m -> Long.parseLong(m.id())).toList();
        assertThat(serverIds).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aResendWithTheSameLocalIdGetsTheSameServerIdAndIsDeliveredOnce() {
        roy.close();
        try (RawSocket royRaw = new RawSocket(live.server().wsUrl())) {
            royRaw.send(new Frame.Open(LiveServer.APP_KEY, "roy", live.token("roy"), "raw"));
            royRaw.expect(Frame.Opened.class);
            royRaw.expect(Frame.SyncStart.class);
            royRaw.expect(Frame.SyncEnd.class);

            TextMessage message = TextMessage.create("roy", "only once, please");
            SendReceipt first = await(leo.send(message));
            SendReceipt again = await(leo.send(message));
            assertThat(again.serverId()).isEqualTo(first.serverId());
            assertThat(again.localId()).isEqualTo(message.localId());

            Frame.Message delivered = royRaw.expect(Frame.Message.class);
            assertThat(delivered.id()).isEqualTo(first.serverId());
            royRaw.send(new Frame.Ping(7)); // everything the server meant to push comes before the pong
            assertThat(royRaw.expect(Frame.ServerFrame.class)).isEqualTo(new Frame.Pong(7));
        }
        assertThat(await(leo.history("roy", 50)).messages()).hasSize(1);
    }

    @Test
    void sendFailuresCarryTheServersCodes() {
        ChatException unknown = SessionStateMachineTest.failureOf(leo.send(TextMessage.create("nobody", "hello?")));
        assertThat(unknown.code()).isEqualTo(204);
        ChatException tooLarge = SessionStateMachineTest.failureOf(leo.send(TextMessage.create("roy", "x".repeat(5 * 1024 + 1))));
        assertThat(tooLarge.code()).isEqualTo(511);
        assertThat(await(leo.send(TextMessage.create("roy", "x".repeat(5 * 1024)))).serverId()).isNotBlank();
        assertThat(leo.isOpened()).isTrue();
    }

    @Test
    void historyReadsDownFromAMessageTowardsTheNewestPageByPage() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            ids.add(await(leo.send(TextMessage.create("roy", "m" + i))).serverId());
        }
        ChatManager chat = roy.chatManager();

        HistoryPage first = await(chat.history(ChatType.SINGLE, "leo", ids.get(1), 3, SearchDirection.DOWN));
        HistoryPage second = await(chat.history(ChatType.SINGLE, "leo", first.cursor().orElseThrow(), 3,
                SearchDirection.DOWN));
        HistoryPage up = await(chat.history(ChatType.SINGLE, "leo", ids.get(3), 3, SearchDirection.UP));

        assertThat(first.receivedMessages()).extracting(m -> m.text().orElse("")).containsExactly("m2", "m3", "m4");
        assertThat(first.isLast()).isFalse();
        assertThat(second.receivedMessages()).extracting(m -> m.text().orElse("")).containsExactly("m5", "m6");
        assertThat(second.isLast()).isTrue();
        assertThat(second.cursor()).isEmpty();
        assertThat(up.receivedMessages()).extracting(m -> m.text().orElse("")).containsExactly("m2", "m1", "m0");
    }
}
