package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.HoldingProxy;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The instant start from the local cache, and the list's marks kept in it: real services (each one run of the app,
 * on the same profile directory) against a real server, reached through a {@link HoldingProxy} that can keep the
 * server from answering while the test looks at what the cache shows. A direct executor stands for the FX thread.
 */
class CachedStartTest {
    private static final ConversationId ROY = ConversationId.single("roy");
    private static final ConversationId AMY = ConversationId.single("amy");

    private final DirectFx fx = new DirectFx();
    @TempDir
    Path profile;
    private TestServer server;
    private HoldingProxy proxy;
    private ProfileRuns runs;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        server.token("leo"); // makes the users
        server.token("amy");
        proxy = new HoldingProxy(URI.create(server.wsUrl()).getPort());
        runs = new ProfileRuns(fx, profile);
    }

    @AfterEach
    void stop() throws Exception {
        runs.close();
        proxy.close();
        server.close();
    }

    /** One run of the app on the profile directory. */
    private ChatService run(Notifier notifier) {
        return runs.start(() -> new ChatService(fx, o -> o.reconnectPolicy(TestServer.FAST_RECONNECT),
                OutboxStore.inMemory(), notifier));
    }

    private ChatService run() {
        return run(Notifier.none());
    }

    private void quit(ChatService service) {
        runs.quit(service);
    }

    private SignInRequest signInAs(String user) {
        return new SignInRequest(proxy.wsUrl(), TestServer.APP_KEY, user, SignInMethod.TOKEN, server.token(user));
    }

    private void signedIn(ChatService service, String user) throws Exception {
        fx.get(() -> service.signIn(signInAs(user))).get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        fx.await("connected and synced", () -> service.getConnectionState() == ConnectionState.CONNECTED
                && !service.isSyncing());
    }

    private List<String> texts(ChatService service) {
        return fx.get(() -> service.getMessages().stream().map(MessageItem::text).toList());
    }

    private List<ConversationItem> rows(ChatService service) {
        return fx.get(() -> List.copyOf(service.getConversations()));
    }

    @Test
    void aSignedInRestartShowsTheCacheBeforeTheServerAnswersThenTheServersNewsWithoutDuplicates() throws Exception {
        Peer roy = server.peer("roy");
        roy.send("leo", "one");
        roy.send("leo", "two");
        ChatService first = run();
        signedIn(first, "leo");
        fx.run(() -> first.openConversation(ROY));
        fx.await("the history", () -> texts(first).equals(List.of("one", "two")));
        fx.run(() -> first.send("mine"));
        fx.await("mine stored", () -> !first.getMessages().getLast().serverId().isEmpty());
        quit(first);
        roy.send("leo", "three"); // while leo's app is closed

        proxy.hold();
        ChatService second = run();
        CompletableFuture<Void> signIn = fx.get(() -> second.signIn(signInAs("leo")));
        fx.await("the cached list shown", () -> second.showingCacheProperty().get() && rows(second).size() == 1
                && rows(second).getFirst().preview().equals("mine"), () -> rows(second));
        fx.run(() -> second.openConversation(ROY));
        fx.await("the cached messages shown", () -> texts(second).equals(List.of("one", "two", "mine")),
                () -> texts(second));
        assertThat(signIn).as("the server has not answered").isNotDone();
        assertThat(fx.get(second::isSignedIn)).isFalse();

        proxy.release();
        signIn.get(TestServer.TIMEOUT_SECONDS, TimeUnit.SECONDS);
        fx.await("the server's new message after the cached ones",
                () -> texts(second).equals(List.of("one", "two", "mine", "three")) && !second.isSyncing(),
                () -> texts(second));
        assertThat(fx.get(() -> second.showingCacheProperty().get())).isFalse();
        assertThat(rows(second)).singleElement().satisfies(r -> assertThat(r.preview()).isEqualTo("three"));
        List<String> keys = fx.get(() -> second.getMessages().stream().map(MessageItem::key).toList());
        assertThat(keys).doesNotHaveDuplicates().hasSize(4);
        assertThat(fx.get(() -> second.getMessages().stream().map(MessageItem::serverId).toList()))
                .isEqualTo(keys);
    }

    @Test
    void aSignedOutStartShowsNothingAndAnotherUserSeesNothingOfTheFirst() throws Exception {
        server.peer("roy").send("leo", "for leo only");
        ChatService first = run();
        signedIn(first, "leo");
        fx.await("leo's conversation", () -> rows(first).size() == 1);
        quit(first);
        try (var files = Files.list(profile.resolve("cache"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".db")).count()).as("leo's cache").isOne();
        }

        ChatService second = run();
        assertThat(rows(second)).as("signed out").isEmpty();
        assertThat(fx.get(() -> second.showingCacheProperty().get())).isFalse();
        signedIn(second, "amy");
        server.peer("roy").send("amy", "for amy");
        fx.await("amy's own conversation", () -> rows(second).size() == 1
                && rows(second).getFirst().preview().equals("for amy"), () -> rows(second));
        fx.run(second::signOut);
        assertThat(rows(second)).as("signed out again").isEmpty();
    }

    @Test
    void pinMuteAndMarkUnreadSurviveARestartAndOpeningEndsTheMark() throws Exception {
        server.peer("roy").send("leo", "older, from roy");
        server.peer("amy").send("leo", "newer, from amy");
        ChatService first = run();
        signedIn(first, "leo");
        fx.await("two rows, newest first", () -> rows(first).stream().map(ConversationItem::conversation).toList()
                .equals(List.of(AMY, ROY)));
        fx.run(() -> first.openConversation(AMY)); // read
        fx.await("amy read", () -> rows(first).getFirst().unreadCount() == 0);
        fx.run(() -> {
            first.marks().setPinned(ROY, true);
            first.marks().setMuted(ROY, true);
            first.marks().markUnread(AMY);
        });
        List<ConversationItem> marked = rows(first);
        assertThat(marked).extracting(ConversationItem::conversation).containsExactly(ROY, AMY);
        assertThat(marked.get(0).pinned()).isTrue();
        assertThat(marked.get(0).muted()).isTrue();
        assertThat(marked.get(1).markedUnread()).isTrue();
        assertThat(marked.get(1).showsUnread()).isTrue();
        assertThat(fx.get(first::getOpenConversation)).as("marking the open one closes it").isEmpty();
        quit(first);

        ChatService second = run();
        signedIn(second, "leo");
        fx.await("the marks again, after the server's list too", () -> {
            List<ConversationItem> r = rows(second);
            return r.size() == 2 && r.get(0).conversation().equals(ROY) && r.get(0).pinned() && r.get(0).muted()
                    && r.get(1).markedUnread() && r.get(1).unreadCount() == 0;
        }, () -> rows(second));
        fx.run(() -> second.openConversation(AMY));
        assertThat(rows(second).get(1).showsUnread()).as("opened: the mark is gone").isFalse();
        fx.run(() -> second.marks().setPinned(ROY, false));
        assertThat(rows(second)).extracting(ConversationItem::conversation).containsExactly(AMY, ROY);
        quit(second);

        ChatService third = run();
        signedIn(third, "leo");
        fx.await("two rows, roy muted (from the cache)", () -> rows(third).size() == 2
                && rows(third).get(1).muted(), () -> rows(third));
        assertThat(rows(third)).extracting(ConversationItem::conversation).containsExactly(AMY, ROY);
        assertThat(rows(third)).extracting(ConversationItem::markedUnread).containsExactly(false, false);
        assertThat(rows(third)).extracting(ConversationItem::muted).containsExactly(false, true);
    }

    @Test
    void aMutedConversationRaisesNoDesktopNotification() throws Exception {
        List<String> shown = Collections.synchronizedList(new ArrayList<>());
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        roy.send("leo", "before muting");
        ChatService leo = run(new RecordingNotifier(shown::add));
        fx.run(() -> leo.setWindowFocused(false));
        signedIn(leo, "leo");
        fx.await("roy's row", () -> rows(leo).size() == 1);
        fx.run(() -> leo.marks().setMuted(ROY, true));

        roy.send("leo", "while muted");
        amy.send("leo", "from amy");
        fx.await("both arrived", () -> rows(leo).size() == 2 && rows(leo).stream()
                .anyMatch(r -> r.preview().equals("while muted")), () -> rows(leo));
        fx.await("amy notified", () -> shown.contains("amy: from amy"), () -> shown);
        assertThat(shown).noneMatch(s -> s.contains("while muted"));
        assertThat(rows(leo)).filteredOn(r -> r.conversation().equals(ROY)).singleElement()
                .satisfies(r -> assertThat(r.unreadCount()).as("still counted").isEqualTo(2));
    }

    @Test
    void aCacheThatCannotBeOpenedNeverBreaksChatting() throws Exception {
        Files.writeString(profile.resolve("cache"), "a file where the cache's directory should be");
        Peer roy = server.peer("roy");
        ChatService leo = run();
        signedIn(leo, "leo");
        roy.send("leo", "still here");
        fx.await("the message", () -> rows(leo).size() == 1 && rows(leo).getFirst().preview().equals("still here"));
        fx.run(() -> {
            leo.marks().setPinned(ROY, true);
            leo.openConversation(ROY);
            leo.send("and me");
        });
        assertThat(roy.nextMessage().msg()).isEqualTo("and me");
        assertThat(rows(leo).getFirst().pinned()).as("kept for the session").isTrue();
    }

    /** A notifier that records "summary: body" of each notification. */
    private record RecordingNotifier(Consumer<String> shown) implements Notifier {
        @Override
        public void show(String key, String summary, String body) {
            shown.accept(summary + ": " + body);
        }

        @Override
        public void withdraw(String key) {
        }

        @Override
        public void withdrawAll() {
        }

        @Override
        public AutoCloseable onClicked(Consumer<String> listener) {
            return () -> { };
        }

        @Override
        public void close() {
        }
    }
}
