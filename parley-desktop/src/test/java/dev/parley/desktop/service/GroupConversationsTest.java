package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatMessage;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.protocol.ChatType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Group chats in the service: three users (roy through the SDK, leo and amy through the app's service) against a real
 * server. The list shows a group with its name and the sender before the preview; a message to the group reaches
 * both other members with its sender's name; group events are notes in the timeline; a new group is listed when it
 * is created.
 */
class GroupConversationsTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService leo;
    private ChatService amy;

    @BeforeEach
    void start() {
        server = TestServer.start();
        server.register("roy", "Roy Smith");
        server.register("leo", "Leo Jones");
        server.register("amy", "Amy Lee");
        leo = server.service(fx);
        amy = server.service(fx);
    }

    @AfterEach
    void stop() {
        fx.run(leo::close);
        fx.run(amy::close);
        server.close();
    }

    private static void signIn(DirectFx fx, ChatService service, SignInRequest request) throws Exception {
        fx.get(() -> service.signIn(request)).get(10, TimeUnit.SECONDS);
    }

    private static ConversationItem row(DirectFx fx, ChatService service, ConversationId id) {
        return fx.get(() -> service.getConversations().stream().filter(r -> r.conversation().equals(id))
                .findFirst().orElse(null));
    }

    @Test
    void aGroupIsListedWithItsNameAndTheSenderBeforeThePreview() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        TestServer.join(roy.client().send(ChatMessage.createTextSendMessage(group, "hi")
                .withChatType(ChatType.GROUP)));
        roy.send("leo", "and just to you");

        signIn(fx, leo, server.tokenSignIn("leo"));

        ConversationId trip = ConversationId.group(group);
        fx.await("the group with the sender's name", () -> {
            ConversationItem r = row(fx, leo, trip);
            return r != null && r.line().equals("Roy Smith: hi") && r.title().equals("trip");
        }, () -> List.copyOf(leo.getConversations()));
        ConversationItem groupRow = row(fx, leo, trip);
        assertThat(groupRow.isGroup()).isTrue();
        assertThat(groupRow.unreadCount()).isEqualTo(1);
        ConversationItem single = row(fx, leo, ConversationId.single("roy"));
        assertThat(single.title()).isEqualTo("Roy Smith");
        assertThat(single.line()).as("no sender before a one-to-one preview").isEqualTo("and just to you");
    }

    @Test
    void aMessageToTheGroupReachesBothOtherMembersWithTheSendersName() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        String group = TestServer.join(roy.client().groupManager().createGroup("trip", List.of("leo", "amy")));
        ConversationId trip = ConversationId.group(group);
        signIn(fx, leo, server.tokenSignIn("leo"));
        signIn(fx, amy, server.tokenSignIn("amy"));
        fx.await("leo lists the group", () -> row(fx, leo, trip) != null);
        fx.run(() -> amy.setWindowFocused(false));

        fx.run(() -> leo.openConversation(trip));
        fx.await("history loaded", () -> !leo.isSyncing());
        assertThat(fx.get(() -> leo.send("who brings the tent?"))).isTrue();

        ReceivedMessage atRoy = roy.nextReceived();
        assertThat(atRoy.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(atRoy.from()).isEqualTo("leo");
        assertThat(atRoy.text()).contains("who brings the tent?");
        fx.await("leo's message stored", () -> leo.getMessages().stream()
                .anyMatch(m -> m.text().equals("who brings the tent?") && m.status() == MessageStatus.SENT),
                () -> List.copyOf(leo.getMessages()));

        fx.await("amy lists it with leo's name first", () -> {
            ConversationItem r = row(fx, amy, trip);
            return r != null && r.line().equals("Leo Jones: who brings the tent?") && r.unreadCount() == 1;
        }, () -> List.copyOf(amy.getConversations()));
        fx.run(() -> amy.openConversation(trip));
        fx.await("amy sees who sent it", () -> amy.getMessages().stream().anyMatch(m -> m.sender().equals("leo")
                && m.senderLabel().equals("Leo Jones") && m.text().equals("who brings the tent?")),
                () -> List.copyOf(amy.getMessages()));
    }

    @Test
    void aNewGroupIsListedAtOnceAndItsEventsAreNotesInTheTimeline() throws Exception {
        TestServer.Peer roy = server.peer("roy");
        signIn(fx, leo, server.tokenSignIn("leo"));
        fx.await("signed in, nothing listed", () -> !leo.isSyncing() && leo.getConversations().isEmpty());

        String group = TestServer.join(roy.client().groupManager().createGroup("lunch", List.of("leo")));
        ConversationId lunch = ConversationId.group(group);
        fx.await("the new group listed with its name", () -> {
            ConversationItem r = row(fx, leo, lunch);
            return r != null && r.title().equals("lunch");
        }, () -> List.copyOf(leo.getConversations()));

        TestServer.join(roy.client().groupManager().addUsersToGroup(group, List.of("amy")));
        TestServer.join(roy.client().groupManager().changeGroupName(group, "lunch on friday"));
        fx.run(() -> leo.openConversation(lunch));
        fx.await("the events as notes", () -> leo.getMessages().stream().filter(MessageItem::isNote)
                .map(MessageItem::text).toList().containsAll(List.of("Roy Smith added Amy Lee",
                        "Roy Smith renamed the group to “lunch on friday”")), () -> List.copyOf(leo.getMessages()));
        fx.await("the list has the new name", () -> row(fx, leo, lunch).title().equals("lunch on friday"));
    }
}
