package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.protocol.ChatType;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A group's preview line names its sender by display name ("Roy Smith: who brings the tent?"), and a group event in
 * the preview names the people in it ("Roy Smith added Amy Lee"), wherever the name is known: learnt with another row
 * of the server's list, kept by the local cache for a start without the server, learnt after the note was made; and
 * a group's timeline names every sender of its history, not only the one the list named.
 * Real services (each one run of the app, on one profile directory) and a real server; a direct executor stands for
 * the FX thread.
 */
class GroupPreviewNamesTest {
    private final DirectFx fx = new DirectFx();
    @TempDir
    Path profile;
    private TestServer server;
    private ProfileRuns runs;

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.register("roy", "Roy Smith");
        server.register("leo", "Leo Jones");
        server.register("amy", "Amy Lee");
        runs = new ProfileRuns(fx, profile);
    }

    @AfterEach
    void stop() {
        runs.close();
        server.close();
    }

    /** One run of the app on the profile directory (its local cache). */
    private ChatService run() {
        return runs.start(server);
    }

    private ConversationItem row(ChatService service, ConversationId id) {
        return fx.get(() -> service.getConversations().stream().filter(r -> r.conversation().equals(id))
                .findFirst().orElse(null));
    }

    private List<String> lines(ChatService service) {
        return fx.get(() -> service.getConversations().stream().map(r -> r.title() + " | " + r.line()).toList());
    }

    private String tripWithRoysQuestion(TestServer.Peer roy) {
        roy.send("leo", "see you at the station"); // older: the one-to-one row comes after the group's
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage(group, "who brings the tent?")
                .withChatType(ChatType.GROUP)));
        return group;
    }

    @Test
    void aGroupPreviewNamesItsSenderWhenTheNameCameWithALaterRowOfTheList() throws Exception {
        String group = tripWithRoysQuestion(server.peer("roy"));
        ChatService leo = run();

        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);

        ConversationId trip = ConversationId.group(group);
        fx.await("the group's preview names roy", () -> {
            ConversationItem r = row(leo, trip);
            return r != null && r.line().equals("Roy Smith: who brings the tent?") && !leo.isSyncing();
        }, () -> lines(leo));
        assertThat(row(leo, ConversationId.single("roy")).title()).isEqualTo("Roy Smith");
    }

    @Test
    void aStartWithoutTheServerNamesTheSendersOfTheCachedGroupPreviews() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        ConversationId trip = ConversationId.group(group);
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage(group, "who brings the tent?")
                .withChatType(ChatType.GROUP)));
        String token = server.token("leo");
        ChatService first = run();
        fx.get(() -> first.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("the first run names roy, its list loaded", () -> row(first, trip) != null
                && row(first, trip).line().equals("Roy Smith: who brings the tent?") && !first.isSyncing(),
                () -> lines(first));
        runs.quit(first);
        server.stop();

        ChatService app = run();
        CompletableFuture<Void> signIn = fx.get(() -> app.signIn(new SignInRequest(server.wsUrl(),
                TestServer.APP_KEY, "leo", SignInMethod.TOKEN, token)));
        fx.await("the cached list, still reconnecting, names roy", () -> {
            ConversationItem r = row(app, trip);
            return r != null && r.line().equals("Roy Smith: who brings the tent?")
                    && app.getConnectionState() == ConnectionState.RECONNECTING;
        }, () -> lines(app));
        assertThat(signIn).isNotDone();
    }

    @Test
    void aLookupThatFailedWhileTheServerWasAwayIsAskedAgainOnceItIsBack() throws Exception {
        ChatService leo = run();
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        server.stop();
        fx.await("reconnecting", () -> leo.getConnectionState() == ConnectionState.RECONNECTING);
        // a new chat with amy: the server cannot be asked whether she exists, so it opens unchecked
        assertThat(fx.get(() -> leo.startConversation("amy")).get(10, TimeUnit.SECONDS)).isTrue();

        server.startAgain();
        fx.await("connected again", () -> leo.getConnectionState() == ConnectionState.CONNECTED);
        server.peer("amy").send("leo", "I'm here");
        ConversationId amy = ConversationId.single("amy");
        fx.await("amy named, not left a user ID for the session", () -> row(leo, amy) != null
                && row(leo, amy).title().equals("Amy Lee") && row(leo, amy).line().equals("I'm here"),
                () -> lines(leo));
    }

    @Test
    void aGroupsHistoryNamesEverySenderNotOnlyTheNewest() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        TestServer.Peer amy = server.peer("amy");
        TestServer.Peer leoElsewhere = server.peer("leo"); // another device of leo's has both already
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        TestServer.join(amy.client().send(ChatMessage.createTextSendMessage(group, "I have a stove")
                .withChatType(ChatType.GROUP)));
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage(group, "who brings the tent?")
                .withChatType(ChatType.GROUP)));
        leoElsewhere.nextReceived();
        leoElsewhere.nextReceived();
        leoElsewhere.client().close();
        ChatService leo = run();
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        ConversationId trip = ConversationId.group(group);
        fx.await("the group listed", () -> row(leo, trip) != null && !leo.isSyncing(), () -> lines(leo));

        fx.run(() -> leo.openConversation(trip));

        fx.await("amy named in the timeline too", () -> leo.getMessages().stream()
                .filter(m -> !m.isNote()).map(m -> m.senderLabel() + ": " + m.text()).toList()
                .equals(List.of("Amy Lee: I have a stove", "Roy Smith: who brings the tent?")),
                () -> leo.getMessages().stream().map(m -> m.senderLabel() + ": " + m.text()).toList());
    }

    @Test
    void aGroupEventInThePreviewNamesThePeopleInIt() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        ChatService leo = run();
        fx.get(() -> leo.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
        fx.await("signed in", () -> !leo.isSyncing());

        String group = TestServer.join(roy.client().groupManager().createGroup("lunch", List.of("leo")));
        TestServer.join(roy.client().groupManager().addUsersToGroup(group, List.of("amy")));

        ConversationId lunch = ConversationId.group(group);
        fx.await("the note in the preview names both", () -> {
            ConversationItem r = row(leo, lunch);
            return r != null && r.line().equals("Roy Smith added Amy Lee");
        }, () -> lines(leo));
    }
}
