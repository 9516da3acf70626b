package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.HistoryPage;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages written while the server is away: they wait in the outbox, go out by themselves in order and exactly once
 * when the connection is back, survive a restart of the app, and a connection lost for long is restored without a
 * click. A real server that is stopped and started again on the same port and data; a direct executor.
 */
class OfflineOutboxTest {
    private final DirectFx fx = new DirectFx();
    @TempDir
    Path profile;
    private TestServer server;
    private ChatService leo;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        if (leo != null) {
            fx.run(leo::close);
        }
        server.close();
    }

    private ChatService signedIn(OutboxStore outbox) throws Exception {
        ChatService service = server.service(fx, outbox);
        fx.get(() -> service.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("connected", () -> service.getConnectionState() == ConnectionState.CONNECTED);
        return service;
    }

    private List<MessageStatus> statuses() {
        return fx.get(() -> leo.getMessages().stream().map(MessageItem::status).toList());
    }

    private List<String> toasts() {
        return fx.get(() -> leo.getToasts().stream().map(Toast::text).toList());
    }

    @Test
    void messagesWrittenOfflineWaitAndGoOutInOrderExactlyOnceWhenTheServerIsBack() throws Exception {
        Peer roy = server.peer("roy");
        leo = signedIn(OutboxStore.inMemory());
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("history loaded", () -> !leo.isSyncing());

        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        for (String text : List.of("one", "two", "three")) {
            assertThat(fx.get(() -> leo.send(text))).isTrue();
        }
        assertThat(statuses()).containsExactly(MessageStatus.WAITING, MessageStatus.WAITING, MessageStatus.WAITING);
        // Typing while offline tries the connection at once; the messages keep waiting, none is "not sent".
        fx.run(leo::userActive);
        fx.await("more reconnect attempts", () -> toasts().stream().anyMatch(t -> t.startsWith("Reconnecting…")
                && !t.endsWith("(attempt 1)") && !t.endsWith("(attempt 2)")));
        assertThat(statuses()).doesNotContain(MessageStatus.FAILED);

        server.startAgain();
        assertThat(List.of(roy.nextMessage().msg(), roy.nextMessage().msg(), roy.nextMessage().msg()))
                .containsExactly("one", "two", "three");
        fx.await("all stored", () -> leo.getMessages().stream()
                .allMatch(m -> m.status().compareTo(MessageStatus.SENT) >= 0 && m.status() != MessageStatus.FAILED),
                this::statuses);
        HistoryPage history = TestServer.join(roy.client().history("leo", 50));
        assertThat(history.messages()).extracting(TextMessageEvent::msg).containsExactly("three", "two", "one");
        assertThat(fx.get(() -> leo.getMessages().size())).isEqualTo(3);
    }

    @Test
    void theOutboxSurvivesARestartOfTheAppAndIsReadableByItsOwnerOnly() throws Exception {
        Peer roy = server.peer("roy");
        OutboxStore store = OutboxStore.inDirectory(profile);
        leo = signedIn(store);
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        fx.run(() -> leo.send("written offline"));
        fx.run(() -> leo.send("and this too"));
        fx.run(leo::close); // the app quits with both waiting
        leo = null;

        Path file = profile.resolve("outbox.jsonl");
        assertThat(Files.readAllLines(file)).hasSize(2);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(OutboxStore.inDirectory(profile).load()).extracting(OutboxEntry::text)
                .containsExactly("written offline", "and this too");

        server.startAgain();
        ChatService again = server.service(fx, OutboxStore.inDirectory(profile));
        leo = again;
        fx.get(() -> again.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        assertThat(List.of(roy.nextMessage().msg(), roy.nextMessage().msg()))
                .containsExactly("written offline", "and this too");
        fx.await("the outbox is empty on disk", () -> OutboxStore.inDirectory(profile).load().isEmpty());
        fx.run(() -> again.openConversation(ConversationId.single("roy")));
        fx.await("shown once each, stored", () -> again.getMessages().size() == 2 && again.getMessages().stream()
                .allMatch(m -> m.status().compareTo(MessageStatus.SENT) >= 0 && m.status() != MessageStatus.FAILED),
                () -> List.copyOf(again.getMessages()));
        assertThat(TestServer.join(roy.client().history("leo", 50)).messages()).hasSize(2);
    }

    @Test
    void aLongOutageEndsConnectedWithoutAClick() throws Exception {
        leo = signedIn(OutboxStore.inMemory());
        List<ConnectionState> states = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.run(() -> leo.connectionStateProperty().addListener((o, old, state) -> states.add(state)));
        server.stop();
        // 100 ms between attempts here; the SDK used to stop after 5 attempts and leave the user "Offline".
        fx.await("30 attempts", () -> toasts().stream().anyMatch(t -> t.matches("Reconnecting… \\(attempt [3-9]\\d\\)")),
                this::toasts);
        server.startAgain();
        fx.await("connected again", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        assertThat(states).doesNotContain(ConnectionState.DISCONNECTED);
    }

    @Test
    void aMessageOverFiveKilobytesIsRefusedAndNothingIsSent() throws Exception {
        server.peer("roy");
        leo = signedIn(OutboxStore.inMemory());
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        String tooLong = "é".repeat(2_561); // 5,122 bytes of UTF-8 in 2,561 characters
        assertThat(ChatService.messageBytes(tooLong)).isEqualTo(5_122);
        assertThat(fx.get(() -> leo.send(tooLong))).isFalse();
        assertThat(fx.get(() -> leo.getMessages())).isEmpty();
        assertThat(fx.get(() -> leo.send("é".repeat(2_560)))).isTrue();
        fx.await("the longest message is stored", () -> leo.getMessages().size() == 1
                && leo.getMessages().getFirst().status() == MessageStatus.DELIVERED);
    }

    @Test
    void anOutboxEntryWrittenByTheFirstVersionWithoutAChatTypeIsStillSent() throws Exception {
        Peer roy = server.peer("roy");
        Files.createDirectories(profile);
        Files.writeString(profile.resolve("outbox.jsonl"), "{\"serverUrl\":\"" + server.wsUrl()
                + "\",\"appKey\":\"" + TestServer.APP_KEY + "\",\"user\":\"leo\",\"localId\":\"old-format-1\","
                + "\"to\":\"roy\",\"text\":\"written by the old version\",\"time\":1790000000000}\n");
        assertThat(OutboxStore.inDirectory(profile).load()).singleElement().satisfies(entry -> {
            assertThat(entry.to()).isEqualTo(ConversationId.single("roy"));
            assertThat(entry.quote().isPresent()).isFalse();
        });

        leo = signedIn(OutboxStore.inDirectory(profile));

        TextMessageEvent got = roy.nextMessage();
        assertThat(got.msg()).isEqualTo("written by the old version");
        assertThat(got.chatType()).isEqualTo("singleChat");
        fx.await("the outbox is empty on disk", () -> OutboxStore.inDirectory(profile).load().isEmpty());
    }
}
