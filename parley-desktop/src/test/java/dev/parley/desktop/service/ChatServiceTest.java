package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ChatService against a real server and the real SDK, with a direct executor instead of the FX thread (no
 * toolkit).
 */
class ChatServiceTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService leo;

    @BeforeEach
    void start() {
        server = TestServer.start();
        leo = server.service(fx);
    }

    @AfterEach
    void stop() {
        fx.run(leo::close);
        server.close();
    }

    private void signIn(SignInRequest request) throws Exception {
        fx.get(() -> leo.signIn(request)).get(10, TimeUnit.SECONDS);
    }

    private static String failureOf(CompletableFuture<Void> result) throws Exception {
        try {
            result.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(ChatServiceException.class);
            return e.getCause().getMessage();
        }
        throw new AssertionError("the sign-in did not fail");
    }

    @Test
    void signInWithTokenConnectsAndListsConversationsWithUnreadCounts() throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        server.token("leo");
        roy.send("leo", "first from roy");
        amy.send("leo", "hello from amy");
        roy.send("leo", "second from roy");

        signIn(server.tokenSignIn("Leo"));

        assertThat(fx.get(leo::getCurrentUser)).isEqualTo("leo");
        assertThat(fx.get(leo::isSignedIn)).isTrue();
        fx.await("connected", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        fx.await("two conversations", () -> leo.getConversations().size() == 2 && !leo.isSyncing());
        List<ConversationItem> rows = fx.get(() -> List.copyOf(leo.getConversations()));
        assertThat(rows).extracting(ConversationItem::id).containsExactly("roy", "amy");
        assertThat(rows).extracting(ConversationItem::preview).containsExactly("second from roy", "hello from amy");
        assertThat(rows).extracting(ConversationItem::unreadCount).containsExactly(2, 1);
    }

    @Test
    void oneToOneAndGroupConversationsMixInTheList() throws Exception {
        Peer roy = server.peer("roy");
        server.token("leo");
        String group = roy.client().groupManager().createGroup("trip", java.util.List.of("leo"))
                .get(10, TimeUnit.SECONDS);
        roy.client().send(dev.parley.client.ChatMessage.createTextSendMessage(group, "to the group")
                .withChatType(dev.parley.protocol.ChatType.GROUP)).get(10, TimeUnit.SECONDS);
        roy.send("leo", "just to leo");

        signIn(server.tokenSignIn("leo"));

        fx.await("both conversations", () -> leo.getConversations().size() == 2 && !leo.isSyncing());
        List<ConversationItem> rows = fx.get(() -> List.copyOf(leo.getConversations()));
        assertThat(rows).extracting(ConversationItem::conversation)
                .containsExactly(ConversationId.single("roy"), ConversationId.group(group));
        assertThat(rows).extracting(ConversationItem::line).containsExactly("just to leo", "roy: to the group");
    }

    @Test
    void failedSignInsAreSentences() throws Exception {
        server.register("leo");
        assertThat(failureOf(fx.get(() -> leo.signIn(server.passwordSignIn("leo", "wrong password")))))
                .isEqualTo("Wrong user name or password.");
        assertThat(failureOf(fx.get(() -> leo.signIn(new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo",
                SignInMethod.TOKEN, server.token("roy")))))).isEqualTo("That token is not valid for this server.");
        assertThat(failureOf(fx.get(() -> leo.signIn(new SignInRequest("ws://127.0.0.1:1/websocket",
                TestServer.APP_KEY, "leo", SignInMethod.TOKEN, "token")))))
                .isEqualTo("Cannot reach the server at ws://127.0.0.1:1/websocket.");
        assertThat(failureOf(fx.get(() -> leo.signIn(new SignInRequest(server.wsUrl(), "no-hash", "leo",
                SignInMethod.TOKEN, "token"))))).isEqualTo("The app key must look like org#app.");
        assertThat(failureOf(fx.get(() -> leo.signIn(new SignInRequest("http://x", TestServer.APP_KEY, "leo",
                SignInMethod.TOKEN, "token"))))).isEqualTo("The server address must look like ws://host:port/websocket.");
        assertThat(fx.get(leo::isSignedIn)).isFalse();
        assertThat(fx.get(leo::getConnectionState)).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void createAccountRegistersAndSignsIn() throws Exception {
        fx.get(() -> leo.createAccount(server.passwordSignIn("newbie", "a good password"))).get(10, TimeUnit.SECONDS);
        assertThat(fx.get(leo::getCurrentUser)).isEqualTo("newbie");

        ChatService again = server.service(fx);
        CompletableFuture<Void> taken = fx.get(() -> again.createAccount(server.passwordSignIn("newbie", "another one")));
        assertThat(failureOf(taken)).isEqualTo("That user name is already taken.");
        fx.run(again::close);
    }

    @Test
    void messagesFlowBothWaysWithReceiptsAndReadReceipts() throws Exception {
        Peer roy = server.peer("roy");
        signIn(server.tokenSignIn("leo"));
        fx.run(() -> leo.openConversation(ConversationId.single("Roy")));
        fx.await("history loaded", () -> !leo.isSyncing());

        fx.run(() -> leo.send("  hi roy  "));
        TextMessageEvent got = roy.nextMessage();
        assertThat(got.msg()).isEqualTo("hi roy");
        assertThat(got.from()).isEqualTo("leo");
        fx.await("delivered", () -> leo.getMessages().size() == 1
                && leo.getMessages().getFirst().status() == MessageStatus.DELIVERED);
        assertThat(fx.get(() -> leo.getMessages().getFirst().serverId())).isEqualTo(got.id());

        String id = roy.send("leo", "hi leo").serverId();
        fx.await("incoming message", () -> leo.getMessages().size() == 2);
        MessageItem incoming = fx.get(() -> leo.getMessages().get(1));
        assertThat(incoming.direction()).isEqualTo(Direction.INCOMING);
        assertThat(incoming.text()).isEqualTo("hi leo");
        assertThat(roy.nextConversationRead()).as("read mark while the conversation is open and focused")
                .isEqualTo("leo");
        assertThat(fx.get(() -> leo.getConversations().getFirst().unreadCount())).isZero();

        roy.client().markRead(got.id());
        fx.await("read", () -> leo.getMessages().getFirst().status() == MessageStatus.READ);
    }

    @Test
    void unreadCountGrowsWhileNotLookingAndClearsWithReadReceiptsWhenFocused() throws Exception {
        Peer roy = server.peer("roy");
        signIn(server.tokenSignIn("leo"));
        fx.run(() -> leo.setWindowFocused(false));
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        String first = roy.send("leo", "one").serverId();
        String second = roy.send("leo", "two").serverId();
        fx.await("two unread", () -> !leo.getConversations().isEmpty()
                && leo.getConversations().getFirst().unreadCount() == 2, () -> List.copyOf(leo.getConversations()));

        fx.run(() -> leo.setWindowFocused(true));
        assertThat(roy.nextConversationRead()).as("both read at once (protocol v2)").isEqualTo("leo");
        assertThat(fx.get(() -> leo.getConversations().getFirst().unreadCount())).isZero();
    }

    @Test
    void unreadMessagesFromBeforeSignInAreMarkedReadWhenOpened() throws Exception {
        Peer roy = server.peer("roy");
        server.token("leo");
        String id = roy.send("leo", "while you were away").serverId();
        signIn(server.tokenSignIn("leo"));
        fx.await("listed", () -> leo.getConversations().size() == 1 && !leo.isSyncing());
        assertThat(fx.get(() -> leo.getConversations().getFirst().unreadCount())).isEqualTo(1);

        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        assertThat(roy.nextConversationRead()).isEqualTo("leo");
        fx.await("unread cleared", () -> leo.getConversations().getFirst().unreadCount() == 0);
    }

    @Test
    void sendToUnknownUserFailsWithASentenceAndRetryKeepsTheLocalId() throws Exception {
        signIn(server.tokenSignIn("leo"));
        fx.run(() -> leo.openConversation(ConversationId.single("ghost")));
        fx.run(() -> leo.send("anyone there?"));
        fx.await("failed", () -> leo.getMessages().size() == 1
                && leo.getMessages().getFirst().status() == MessageStatus.FAILED);
        MessageItem failed = fx.get(() -> leo.getMessages().getFirst());
        assertThat(failed.failure()).isEqualTo("There is no user named “ghost”.");
        assertThat(fx.get(() -> leo.getToasts().stream().map(Toast::text).toList()))
                .contains("There is no user named “ghost”.");

        Peer ghost = server.peer("ghost");
        fx.run(() -> leo.retry(failed));
        assertThat(ghost.nextMessage().msg()).isEqualTo("anyone there?");
        fx.await("sent on retry", () -> leo.getMessages().getFirst().status().compareTo(MessageStatus.SENT) >= 0);
        assertThat(fx.get(() -> leo.getMessages().getFirst().localId())).isEqualTo(failed.localId());
        assertThat(fx.get(() -> leo.getMessages().size())).isEqualTo(1);
    }

    @Test
    void olderHistoryPagesInFrontInOrderWithoutDuplicates() throws Exception {
        Peer roy = server.peer("roy");
        Peer leoElsewhere = server.peer("leo");
        for (int i = 1; i <= 120; i++) {
            roy.send("leo", "message " + i);
        }
        for (int i = 1; i <= 120; i++) {
            leoElsewhere.nextMessage();
        }
        leoElsewhere.client().close();
        signIn(server.tokenSignIn("leo"));
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("newest page", () -> leo.getMessages().size() == 50 && !leo.isSyncing());
        assertThat(fx.get(() -> leo.olderAvailableProperty().get())).isTrue();

        fx.run(() -> leo.timeline().loadOlder());
        fx.await("second page", () -> leo.getMessages().size() == 100 && !leo.loadingOlderProperty().get());
        fx.run(() -> leo.timeline().loadOlder());
        fx.await("last page", () -> leo.getMessages().size() == 120 && !leo.loadingOlderProperty().get());
        assertThat(fx.get(() -> leo.olderAvailableProperty().get())).isFalse();
        List<String> texts = fx.get(() -> leo.getMessages().stream().map(MessageItem::text).toList());
        assertThat(texts.getFirst()).isEqualTo("message 1");
        assertThat(texts.getLast()).isEqualTo("message 120");
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(texts).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 120)
                .mapToObj(i -> "message " + i).toList());
    }

    @Test
    void scrollingUpPastMessagesTheSyncBroughtReachesOlderOnesAtOnce() throws Exception {
        Peer roy = server.peer("roy");
        Peer leoElsewhere = server.peer("leo"); // receives (and so acknowledges) the first 60: they are history
        for (int i = 1; i <= 60; i++) {
            roy.send("leo", "message " + i);
        }
        for (int i = 1; i <= 60; i++) {
            leoElsewhere.nextMessage();
        }
        leoElsewhere.client().close();
        for (int i = 61; i <= 200; i++) { // these 140 wait for leo and come in the sign-in's sync
            roy.send("leo", "message " + i);
        }
        signIn(server.tokenSignIn("leo"));
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("the newest page in, the sync done", () -> !leo.isSyncing() && leo.getMessages().size() >= 140
                && !leo.loadingOlderProperty().get());

        // The page before the newest (101-150) holds only what the sync brought; one scroll to the top must still
        // bring older messages, not a page of nothing that leaves the reader at the top waiting.
        fx.run(() -> leo.timeline().loadOlder());
        fx.await("older messages in", () -> !leo.loadingOlderProperty().get()
                && leo.getMessages().getFirst().text().compareTo("message 61") != 0,
                () -> leo.getMessages().size() + " from " + leo.getMessages().getFirst().text());
        List<String> texts = fx.get(() -> leo.getMessages().stream().map(MessageItem::text).toList());
        assertThat(texts).doesNotHaveDuplicates();
        assertThat(texts.getLast()).isEqualTo("message 200");
        assertThat(texts).contains("message 60");
    }

    @Test
    void signOutForgetsTheSession() throws Exception {
        Peer roy = server.peer("roy");
        server.token("leo");
        roy.send("leo", "hello");
        signIn(server.tokenSignIn("leo"));
        fx.await("listed", () -> leo.getConversations().size() == 1);
        fx.run(leo::signOut);
        assertThat(fx.get(leo::isSignedIn)).isFalse();
        assertThat(fx.get(leo::getCurrentUser)).isEmpty();
        assertThat(fx.get(leo::getConversations)).isEmpty();
        assertThat(fx.get(leo::getConnectionState)).isEqualTo(ConnectionState.DISCONNECTED);

        signIn(server.tokenSignIn("leo"));
        fx.await("listed again", () -> leo.getConversations().size() == 1);
    }

    @Test
    void lostConnectionIsToldAndRestored() throws Exception {
        fx.run(leo::close);
        leo = server.service(fx, options -> options.autoReconnectMaxAttempts(100));
        signIn(server.tokenSignIn("leo"));
        fx.await("connected toast", () -> toastTexts().contains("Connected to the server."));
        server.stop();
        fx.await("disconnected toast", () -> toastTexts().contains("Disconnected from the server."));
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        fx.await("reconnecting toast", () -> toastTexts().stream().anyMatch(t -> t.startsWith("Reconnecting…")));
        server.startAgain();
        fx.await("connected again", () -> leo.getConnectionState() == ConnectionState.CONNECTED
                && toastTexts().contains("Connected again."));
        assertThat(toastTexts()).noneMatch(t -> t.startsWith("Reconnecting…"));
    }

    private List<String> toastTexts() {
        return leo.getToasts().stream().map(Toast::text).toList();
    }
}
