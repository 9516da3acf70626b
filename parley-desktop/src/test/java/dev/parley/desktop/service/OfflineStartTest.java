package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline start: a sign-in whose server cannot be reached continues from the local cache (the list, the
 * messages, writing into the outbox) and keeps trying, until the server accepts it (brought up to date, the outbox
 * sent once each, in order) or refuses it (back to signed out). Without a cache of that user it stays a sign-in
 * error. Real services (each one run of the app on the same profile directory), a real server stopped and started
 * again on the same port and data; a direct executor stands for the FX thread.
 */
class OfflineStartTest {
    private static final ConversationId ROY = ConversationId.single("roy");

    private final DirectFx fx = new DirectFx();
    @TempDir
    Path profile;
    private TestServer server;
    private ProfileRuns runs;

    @BeforeEach
    void start() {
        server = TestServer.start();
        runs = new ProfileRuns(fx, profile);
    }

    @AfterEach
    void stop() {
        runs.close();
        server.close();
    }

    /** One run of the app on the profile directory: the local cache and the outbox in it. */
    private ChatService run() {
        return runs.start(server);
    }

    private void quit(ChatService service) {
        runs.quit(service);
    }

    private SignInRequest leo(String token) {
        return new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "leo", SignInMethod.TOKEN, token);
    }

    private List<String> rows(ChatService service) {
        return fx.get(() -> service.getConversations().stream().map(c -> c.conversation().id()).toList());
    }

    private List<String> texts(ChatService service) {
        return fx.get(() -> service.getMessages().stream().map(MessageItem::text).toList());
    }

    /** A first run that signs leo in, reads roy's message (the cache keeps both) and quits. */
    private String lastRun(Peer roy) throws Exception {
        String token = server.token("leo");
        roy.send("leo", "from the last run");
        ChatService first = run();
        fx.get(() -> first.signIn(leo(token))).get(10, TimeUnit.SECONDS);
        fx.run(() -> first.openConversation(ROY));
        fx.await("the list and the history", () -> texts(first).equals(List.of("from the last run"))
                && rows(first).equals(List.of("roy")) && !first.isSyncing());
        quit(first);
        return token;
    }

    @Test
    void aSignedInStartWithTheServerDownShowsTheCacheKeepsTryingAndCatchesUpWhenItIsBack() throws Exception {
        Peer roy = server.peer("roy");
        Peer amy = server.peer("amy");
        String token = lastRun(roy);
        amy.send("leo", "while you were away");
        server.stop();

        ChatService app = run();
        CompletableFuture<Void> signIn = fx.get(() -> app.signIn(leo(token)));
        fx.await("the cached list, reconnecting", () -> rows(app).equals(List.of("roy"))
                && app.getConnectionState() == ConnectionState.RECONNECTING, () -> rows(app));
        assertThat(fx.get(app::getCurrentUser)).isEqualTo("leo");
        fx.run(() -> app.openConversation(ROY));
        fx.await("the cached message", () -> texts(app).equals(List.of("from the last run")), () -> texts(app));
        assertThat(fx.get(() -> app.send("first offline"))).isTrue();
        assertThat(fx.get(() -> app.send("second offline"))).isTrue();
        assertThat(fx.get(() -> app.getMessages().stream().skip(1).map(MessageItem::status).toList()))
                .containsExactly(MessageStatus.WAITING, MessageStatus.WAITING);
        fx.run(app::userActive); // typing tries at once; still unreachable, it keeps waiting and trying
        fx.await("several attempts", () -> app.getToasts().stream().anyMatch(t -> t.text()
                .matches("Reconnecting… \\(attempt ([3-9]|\\d\\d+)\\)")), () -> List.copyOf(app.getToasts()));
        assertThat(signIn).isNotDone();
        assertThat(fx.get(app::isSignedIn)).isFalse();

        server.startAgain();
        signIn.get(10, TimeUnit.SECONDS);
        fx.await("connected", () -> app.getConnectionState() == ConnectionState.CONNECTED && app.isSignedIn());
        assertThat(List.of(roy.nextMessage(), roy.nextMessage())).extracting(TextMessageEvent::msg)
                .containsExactly("first offline", "second offline");
        fx.await("each stored once, in order", () -> server.storedLocalIds("leo").size() == 2);
        fx.await("the list brought up to date", () -> rows(app).containsAll(List.of("roy", "amy")), () -> rows(app));
        fx.await("shown as sent", () -> app.getMessages().stream().skip(1)
                .allMatch(m -> m.status().compareTo(MessageStatus.SENT) >= 0 && m.status() != MessageStatus.FAILED));
        assertThat(texts(app)).containsExactly("from the last run", "first offline", "second offline");
        assertThat(server.storedLocalIds("leo")).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aRefusalOnceTheServerIsBackReturnsToSignedOutWithNothingShown() throws Exception {
        Peer roy = server.peer("roy");
        lastRun(roy);
        server.stop();

        ChatService app = run();
        CompletableFuture<Void> signIn = fx.get(() -> app.signIn(leo("not-a-token")));
        fx.await("the cached list meanwhile", () -> rows(app).equals(List.of("roy"))
                && app.getConnectionState() == ConnectionState.RECONNECTING);

        server.startAgain();
        assertThatThrownBy(() -> signIn.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(ChatServiceException.class);
        assertThat(rows(app)).isEmpty();
        assertThat(fx.get(() -> app.showingCacheProperty().get() || app.isSignedIn())).isFalse();
        assertThat(fx.get(app::getConnectionState)).isEqualTo(ConnectionState.DISCONNECTED);
    }

    @Test
    void aPasswordSignInWithTheServerDownGoesOnFromTheCacheAndAWrongPasswordIsRefusedWhenItIsBack()
            throws Exception {
        server.register("leo");
        Peer roy = server.peer("roy");
        lastRun(roy);
        server.stop();

        ChatService app = run();
        CompletableFuture<Void> signIn = fx.get(() -> app.signIn(server.passwordSignIn("leo", "not the password")));
        fx.await("the cached list, reconnecting", () -> rows(app).equals(List.of("roy"))
                && app.getConnectionState() == ConnectionState.RECONNECTING);

        server.startAgain();
        assertThatThrownBy(() -> signIn.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ChatServiceException.class);
        assertThat(rows(app)).isEmpty();
        assertThat(fx.get(app::isSignedIn)).isFalse();

        CompletableFuture<Void> right = fx.get(() -> app.signIn(server.passwordSignIn("leo", TestServer.PASSWORD)));
        right.get(10, TimeUnit.SECONDS);
        fx.await("signed in with the password", () -> app.getConnectionState() == ConnectionState.CONNECTED
                && rows(app).equals(List.of("roy")));
    }

    @Test
    void anotherUserOrAnotherProfileWithTheServerDownGetsASignInErrorAndNoCachedContent(@TempDir Path other)
            throws Exception {
        Peer roy = server.peer("roy");
        String token = lastRun(roy);
        String amyToken = server.token("amy");
        server.stop();

        ChatService amy = run();
        CompletableFuture<Void> asAmy = fx.get(() -> amy.signIn(
                new SignInRequest(server.wsUrl(), TestServer.APP_KEY, "amy", SignInMethod.TOKEN, amyToken)));
        assertThatThrownBy(() -> asAmy.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(ChatServiceException.class).hasMessageContaining("reach");
        assertThat(rows(amy)).isEmpty();

        try (ProfileRuns otherProfile = new ProfileRuns(fx, other)) {
            ChatService elsewhere = otherProfile.start(server);
            CompletableFuture<Void> leoElsewhere = fx.get(() -> elsewhere.signIn(leo(token)));
            assertThatThrownBy(() -> leoElsewhere.get(10, TimeUnit.SECONDS)).cause()
                    .isInstanceOf(ChatServiceException.class);
            assertThat(rows(elsewhere)).isEmpty();
            assertThat(fx.get(elsewhere::isSignedIn)).isFalse();
        }
    }

    @Test
    void signingOutWhileOfflineStopsTryingAndEndsTheSignIn() throws Exception {
        Peer roy = server.peer("roy");
        String token = lastRun(roy);
        server.stop();

        ChatService app = run();
        CompletableFuture<Void> signIn = fx.get(() -> app.signIn(leo(token)));
        fx.await("offline", () -> app.getConnectionState() == ConnectionState.RECONNECTING && !rows(app).isEmpty());
        fx.run(app::signOut);
        assertThat(signIn).isCancelled();
        assertThat(rows(app)).isEmpty();
        assertThat(fx.get(app::getConnectionState)).isEqualTo(ConnectionState.DISCONNECTED);
        server.startAgain();
        assertThat(fx.get(app::isSignedIn)).isFalse();
    }
}
