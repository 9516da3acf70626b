package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatOptions;
import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.client.TextMessageEvent;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read marks: kept by the server and shown again from history; reading is cumulative and agrees on every device. */
class ReadMarksTest {
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

    private void signIn(ChatService service) throws Exception {
        fx.get(() -> service.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
    }

    private int unread(ChatService service, String peer) {
        return fx.get(() -> service.getConversations().stream().filter(c -> c.id().equals(peer))
                .mapToInt(ConversationItem::unreadCount).findFirst().orElse(-1));
    }

    /** The unread count the server keeps for {@code user}'s conversation with {@code peer}. */
    private int serverUnread(String user, String peer) {
        try (ChatClient client = ChatClient.create(ChatOptions.builder().appKey(TestServer.APP_KEY)
                .url(server.wsUrl()).build())) {
            TestServer.join(client.open(user, server.token(user)));
            return TestServer.join(client.conversations()).stream().filter(c -> c.id().equals(peer))
                    .mapToInt(Conversation::unreadCount).findFirst().orElse(-1);
        }
    }

    @Test
    void readMarksComeBackWithTheHistoryAfterSigningOutAndIn() throws Exception {
        Peer roy = server.peer("roy");
        signIn(leo);
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("history loaded", () -> !leo.isSyncing());
        fx.run(() -> leo.send("will you read this?"));
        fx.run(() -> leo.send("and this one stays unread"));
        TextMessageEvent first = roy.nextMessage();
        roy.nextMessage();
        roy.client().markRead(first.id());
        fx.await("read, then delivered", () -> leo.getMessages().stream().map(MessageItem::status).toList()
                .equals(List.of(MessageStatus.READ, MessageStatus.DELIVERED)));

        fx.run(leo::signOut);
        signIn(leo);
        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("the same marks from the history", () -> leo.getMessages().stream().map(MessageItem::status)
                .toList().equals(List.of(MessageStatus.READ, MessageStatus.DELIVERED)),
                () -> List.copyOf(leo.getMessages()));
    }

    @Test
    void readingAConversationMarksEveryUnreadMessageEvenThoseOlderThanTheShownPage() throws Exception {
        Peer roy = server.peer("roy");
        Peer leoElsewhere = server.peer("leo"); // receives them all (delivered), reads none
        Set<String> sent = new HashSet<>();
        for (int i = 1; i <= 70; i++) {
            sent.add(roy.send("leo", "message " + i).serverId());
        }
        for (int i = 1; i <= 70; i++) {
            leoElsewhere.nextMessage();
        }
        leoElsewhere.client().close();
        signIn(leo);
        fx.await("70 unread", () -> unread(leo, "roy") == 70 && !leo.isSyncing());

        fx.run(() -> leo.openConversation(ConversationId.single("roy")));
        fx.await("the newest page shown", () -> leo.getMessages().size() == 50 && !leo.isSyncing());
        assertThat(roy.nextConversationRead()).as("the whole conversation read at once").isEqualTo("leo");
        assertThat(sent).hasSize(70);
        assertThat(unread(leo, "roy")).isZero();
        assertThat(serverUnread("leo", "roy")).as("the server agrees").isZero();
    }

    @Test
    void readingOnOneDeviceClearsTheUnreadCountOnTheOtherWhenItIsLookedAt() throws Exception {
        Peer roy = server.peer("roy");
        ChatService elsewhere = server.service(fx);
        try {
            signIn(leo);
            signIn(elsewhere);
            fx.run(() -> elsewhere.setWindowFocused(false));
            roy.send("leo", "one");
            roy.send("leo", "two");
            fx.await("two unread on both devices", () -> unread(leo, "roy") == 2 && unread(elsewhere, "roy") == 2);

            fx.run(() -> leo.openConversation(ConversationId.single("roy")));
            roy.nextConversationRead();
            assertThat(unread(leo, "roy")).isZero();

            fx.run(() -> elsewhere.setWindowFocused(true));
            fx.await("the other device agrees", () -> unread(elsewhere, "roy") == 0);
        } finally {
            fx.run(elsewhere::close);
        }
    }
}
