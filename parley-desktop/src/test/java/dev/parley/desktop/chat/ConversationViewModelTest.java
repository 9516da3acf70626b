package dev.parley.desktop.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConnectionState;
import dev.parley.client.ConversationId;
import dev.parley.desktop.DirectFx;
import dev.parley.desktop.TestServer;
import dev.parley.desktop.TestServer.Peer;
import dev.parley.desktop.service.ChatService;
import dev.parley.desktop.service.MessageItem;
import dev.parley.desktop.service.Toast;
import dev.parley.desktop.settings.Appearance;
import dev.parley.desktop.settings.Settings;
import dev.parley.desktop.settings.Theme;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat screen's view models with the real service and server, on a direct executor. */
class ConversationViewModelTest {
    private final DirectFx fx = new DirectFx();
    private TestServer server;
    private ChatService service;
    private ConversationViewModel conversation;
    private ConversationListViewModel list;
    private ChatViewModel chat;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start();
        service = server.service(fx);
        fx.run(() -> {
            conversation = new ConversationViewModel(service);
            list = new ConversationListViewModel(service);
            Settings settings = Settings.inMemory();
            chat = new ChatViewModel(service, new Appearance(settings, Theme.LIGHT));
        });
        fx.get(() -> service.signIn(server.tokenSignIn("leo"))).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        fx.run(service::close);
        server.close();
    }

    @Test
    void eachConversationKeepsItsDraft() {
        server.token("roy");
        server.token("amy");
        fx.run(() -> {
            list.newChatPeerProperty().set("roy");
            list.startChat();
        });
        fx.await("the field is cleared once roy's chat opens", () -> list.newChatPeerProperty().get().isEmpty()
                && service.isOpen(ConversationId.single("roy")));
        fx.run(() -> conversation.draftProperty().set("half a thought for roy"));
        fx.run(() -> {
            list.newChatPeerProperty().set("Amy");
            list.startChat();
        });
        fx.await("amy's chat opens",
                () -> ConversationId.single("amy").equals(conversation.conversationProperty().get()));
        assertThat(fx.get(() -> conversation.draftProperty().get())).isEmpty();
        fx.run(() -> conversation.draftProperty().set("for amy"));
        fx.run(() -> list.open(service.getConversations().stream()
                .filter(c -> c.id().equals("roy")).findFirst().orElseThrow()));
        assertThat(fx.get(() -> conversation.draftProperty().get())).isEqualTo("half a thought for roy");
    }

    @Test
    void sendingClearsTheDraftAndBlankDraftsAreNotSent() {
        Peer roy = server.peer("roy");
        fx.run(() -> {
            list.newChatPeerProperty().set("roy");
            list.startChat();
        });
        fx.await("roy's chat opens", () -> service.isOpen(ConversationId.single("roy")));
        fx.run(() -> conversation.draftProperty().set("   "));
        assertThat(fx.get(() -> conversation.canSendBinding().get())).isFalse();
        fx.run(() -> {
            conversation.draftProperty().set("line one\nline two");
            conversation.send();
        });
        assertThat(fx.get(() -> conversation.draftProperty().get())).isEmpty();
        assertThat(roy.nextMessage().msg()).isEqualTo("line one\nline two");
        assertThat(fx.get(() -> conversation.messagesProperty().get().stream().map(MessageItem::text).toList()))
                .containsExactly("line one\nline two");
    }

    @Test
    void aDraftOverFiveKilobytesShowsTheLimitIsKeptAndIsNotSent() {
        server.token("roy");
        fx.run(() -> {
            list.newChatPeerProperty().set("roy");
            list.startChat();
        });
        fx.await("roy's chat opens", () -> service.isOpen(ConversationId.single("roy")));
        fx.run(() -> conversation.draftProperty().set("a".repeat(100)));
        assertThat(fx.get(() -> conversation.limitTextBinding().get())).as("short: no counter").isEmpty();
        fx.run(() -> conversation.draftProperty().set("a".repeat(4_500)));
        assertThat(fx.get(() -> conversation.limitTextBinding().get())).isEqualTo("Message: 4,500 of 5,120 bytes");
        assertThat(fx.get(() -> conversation.canSendBinding().get())).isTrue();

        String tooLong = "a".repeat(5_000) + "€".repeat(50); // 5,150 bytes in 5,050 characters
        fx.run(() -> conversation.draftProperty().set(tooLong));
        assertThat(fx.get(() -> conversation.limitTextBinding().get()))
                .isEqualTo("Message: 5,150 of 5,120 bytes, too long to send. Shorten it by 30.");
        assertThat(fx.get(() -> conversation.tooLongBinding().get())).isTrue();
        assertThat(fx.get(() -> conversation.canSendBinding().get())).isFalse();
        fx.run(conversation::send);
        assertThat(fx.get(() -> conversation.draftProperty().get())).as("the text is kept").isEqualTo(tooLong);
        assertThat(fx.get(() -> conversation.messagesProperty().get())).as("nothing sent").isEmpty();
    }

    @Test
    void statusTextFollowsTheConnection() {
        fx.await("connected", () -> service.getConnectionState() == ConnectionState.CONNECTED);
        assertThat(fx.get(() -> chat.statusTextBinding().get())).isEqualTo("Connected");
        assertThat(fx.get(() -> chat.reconnectAvailableBinding().get())).isFalse();
        fx.run(chat::signOut);
        assertThat(fx.get(() -> chat.statusTextBinding().get())).isEqualTo("Offline");
        assertThat(fx.get(() -> chat.currentUserProperty().get())).isEmpty();
    }

    @Test
    void startingAChatWithYourselfOrAnInvalidIdIsRefusedWithASentence() {
        fx.run(() -> {
            list.newChatPeerProperty().set("LEO");
            list.startChat();
        });
        assertThat(fx.get(() -> list.newChatPeerProperty().get())).isEqualTo("LEO");
        assertThat(fx.get(() -> service.getToasts().stream().map(Toast::text).toList()))
                .contains("New chat: that is you. Pick someone else to chat with.");
        fx.run(() -> {
            list.newChatPeerProperty().set("no spaces please");
            list.startChat();
        });
        assertThat(fx.get(() -> service.getToasts().stream().map(Toast::text).toList()))
                .contains("New chat: a user ID uses only a–z, 0–9, '_', '-' and '.'.");
        assertThat(fx.get(service::getOpenConversation)).isEmpty();
    }
}
