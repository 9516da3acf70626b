package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.HistoryPage;
import dev.parley.client.MessageBody;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.cache.LocalCache;
import dev.parley.protocol.Content;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages written while the server is away: they wait in the outbox, go out by themselves in order and exactly once
 * when the connection is back, survive a restart of the app in the local cache (an earlier version's outbox file is
 * moved there), a write the cache cannot make is told, and a connection lost for long is restored without a click.
 * A real server that is stopped and started again on the same port and data; a direct executor.
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
    void theOutboxSurvivesARestartOfTheAppInTheLocalCacheReadableByItsOwnerOnly() throws Exception {
        Peer roy = server.peer("roy");
        leo = signedIn(OutboxStore.inDirectory(profile));
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        fx.run(() -> leo.send("written offline"));
        fx.run(() -> leo.send("and this too"));
        fx.run(leo::close); // the app quits with both waiting
        leo = null;

        assertThat(cachedOutbox("leo")).containsExactly("written offline", "and this too");
        assertThat(profile.resolve("outbox.jsonl")).doesNotExist();
        Path db = cacheFile("leo");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(db.getParent())))
                .isEqualTo("rwx------");

        server.startAgain();
        OutboxStore store = OutboxStore.inDirectory(profile);
        ChatService again = server.service(fx, store);
        leo = again;
        fx.get(() -> again.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        assertThat(List.of(roy.nextMessage().msg(), roy.nextMessage().msg()))
                .containsExactly("written offline", "and this too");
        fx.await("the outbox is empty on disk", () -> {
            store.flush();
            return cachedOutbox("leo").isEmpty();
        });
        fx.run(() -> again.openConversation(ConversationId.single("roy")));
        fx.await("shown once each, stored", () -> again.getMessages().size() == 2 && again.getMessages().stream()
                .allMatch(m -> m.status().compareTo(MessageStatus.SENT) >= 0 && m.status() != MessageStatus.FAILED),
                () -> List.copyOf(again.getMessages()));
        assertThat(server.storedLocalIds("leo")).hasSize(2).doesNotHaveDuplicates();
        assertThat(TestServer.join(roy.client().history("leo", 50)).messages()).hasSize(2);
    }

    @Test
    void aMessageTheCacheCannotWriteIsToldAndStillSent() throws Exception {
        Peer roy = server.peer("roy");
        leo = signedIn(OutboxStore.inDirectory(profile));
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + cacheFile("leo"));
             Statement statement = lock.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE"); // another process holds the database: the write times out
            fx.run(() -> leo.send("kept in memory"));
            fx.await("told", () -> toasts().stream().anyMatch(t -> t.startsWith(
                    "A message could not be saved on this device")), this::toasts);
            statement.execute("ROLLBACK");
        }
        assertThat(statuses()).containsExactly(MessageStatus.WAITING);

        server.startAgain();
        assertThat(roy.nextMessage().msg()).isEqualTo("kept in memory");
        fx.await("stored", () -> statuses().equals(List.of(MessageStatus.DELIVERED)), this::statuses);
        assertThat(server.storedLocalIds("leo")).hasSize(1);
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
    void anOutboxFileOfAnEarlierVersionMovesIntoEachUsersCacheAndGoesOutInOrder() throws Exception {
        Peer roy = server.peer("roy");
        Files.createDirectories(profile);
        String head = "{\"serverUrl\":\"" + server.wsUrl() + "\",\"appKey\":\"" + TestServer.APP_KEY + "\",";
        Files.writeString(profile.resolve("outbox.jsonl"),
                // version 1: no chat type, no ext
                head + "\"user\":\"leo\",\"localId\":\"old-format-1\",\"to\":\"roy\","
                        + "\"text\":\"written by the first version\",\"time\":1790000000000}\n"
                // another user's message stays theirs
                + head + "\"user\":\"amy\",\"localId\":\"amy-1\",\"chatType\":\"singleChat\",\"to\":\"roy\","
                        + "\"text\":\"amy's\",\"ext\":{},\"time\":1790000000500}\n"
                // the format of the last version
                + head + "\"user\":\"leo\",\"localId\":\"new-format-2\",\"chatType\":\"singleChat\","
                        + "\"to\":\"roy\",\"text\":\"written by the last version\",\"ext\":{},"
                        + "\"time\":1790000001000}\n");

        leo = signedIn(OutboxStore.inDirectory(profile));

        assertThat(List.of(roy.nextMessage(), roy.nextMessage())).extracting(TextMessageEvent::msg)
                .containsExactly("written by the first version", "written by the last version");
        assertThat(profile.resolve("outbox.jsonl")).doesNotExist();
        fx.await("sent once each", () -> server.storedLocalIds("leo").size() == 2);
        assertThat(server.storedLocalIds("leo")).containsExactly("old-format-1", "new-format-2");
        fx.await("leo's outbox is empty on disk", () -> cachedOutbox("leo").isEmpty());
        assertThat(cachedOutbox("amy")).containsExactly("amy's");
    }

    @Test
    void anOutboxFileThatCannotBeImportedStaysAndTheUserIsTold() throws Exception {
        Files.createDirectories(profile);
        Files.writeString(profile.resolve("cache"), "not a directory"); // no cache can be made here
        String line = "{\"serverUrl\":\"" + server.wsUrl() + "\",\"appKey\":\"" + TestServer.APP_KEY
                + "\",\"user\":\"leo\",\"localId\":\"kept-1\",\"to\":\"roy\",\"text\":\"keep me\","
                + "\"time\":1790000000000}\n";
        Files.writeString(profile.resolve("outbox.jsonl"), line);

        leo = signedIn(OutboxStore.inDirectory(profile));

        fx.await("told", () -> toasts().stream().anyMatch(t -> t.startsWith(
                "The messages waiting from the last run could not be read")), this::toasts);
        assertThat(Files.readString(profile.resolve("outbox.jsonl"))).isEqualTo(line);
    }

    /** The texts in {@code user}'s outbox in the local cache, in order. */
    private List<String> cachedOutbox(String user) {
        try (LocalCache cache = LocalCache.open(profile, server.wsUrl(), TestServer.APP_KEY, user)) {
            return cache.outbox().stream()
                    .map(m -> ((Content.Text) ((MessageBody.Ready) m.message().body()).content()).text()).toList();
        }
    }

    private Path cacheFile(String user) {
        try (LocalCache cache = LocalCache.open(profile, server.wsUrl(), TestServer.APP_KEY, user)) {
            return cache.file();
        }
    }
}
