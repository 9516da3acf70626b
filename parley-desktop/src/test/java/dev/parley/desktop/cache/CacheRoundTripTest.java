package dev.parley.desktop.cache;

import static dev.parley.desktop.TestServer.join;
import static dev.parley.desktop.cache.CacheFixtures.replyExt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ChatClient;
import dev.parley.client.ChatMessage;
import dev.parley.client.Conversation;
import dev.parley.client.ConversationId;
import dev.parley.client.ReceivedMessage;
import dev.parley.client.SendReceipt;
import dev.parley.desktop.TestServer;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the SDK gives, from a real server, through the cache and back: one-to-one and group history with text, an
 * image, a file, a custom event, a reply's {@code ext}, a recalled and an edited message, and the conversation list,
 * all equal after closing the cache and opening it again.
 */
class CacheRoundTripTest {
    /** A 1 × 1 PNG. */
    private static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    @TempDir
    Path dir;
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void historyAndConversationsOfEveryKindReadBackEqual() throws Exception {
        ChatClient leo = server.peer("leo").client();
        ChatClient roy = server.peer("roy").client();
        Path image = Files.write(dir.resolve("dot.png"), PNG);
        Path report = Files.writeString(dir.resolve("report.txt"), "quarterly figures\n");

        send(roy, ChatMessage.createTextSendMessage("leo", "hello, 你好 👋🏽"));
        send(roy, ChatMessage.createImageSendMessage("leo", image).withImageSize(1, 1));
        send(leo, ChatMessage.createFileSendMessage("roy", report));
        send(roy, ChatMessage.createCustomSendMessage("leo", "location", Map.of("lat", "52.52", "lng", "13.405")));
        send(leo, ChatMessage.createTextSendMessage("roy", "a reply").withExt(replyExt()));
        String recalled = send(roy, ChatMessage.createImageSendMessage("leo", image)).serverId();
        join(roy.chatManager().recallMessage(recalled));
        String edited = send(roy, ChatMessage.createTextSendMessage("leo", "typo")).serverId();
        join(roy.chatManager().modifyMessage(edited, "fixed"));
        String team = join(leo.groupManager().createGroup("team", List.of("roy")));
        send(roy, ChatMessage.createTextSendMessage(team, "hi team").withChatType(ChatType.GROUP));
        send(leo, ChatMessage.createCustomSendMessage(team, "poll", Map.of("q", "lunch?"))
                .withChatType(ChatType.GROUP));

        List<ReceivedMessage> single = join(leo.chatManager().history(ChatType.SINGLE, "roy", "", 50))
                .receivedMessages();
        List<ReceivedMessage> group = join(leo.chatManager().history(ChatType.GROUP, team, "", 50))
                .receivedMessages();
        List<Conversation> conversations = join(leo.conversations());
        assertThat(single).hasSize(7).extracting(m -> m.content().getClass().getSimpleName()).contains("Text",
                "Image", "File", "Custom", "Recalled");
        assertThat(single).anySatisfy(m -> assertThat(m.edited()).isTrue());
        assertThat(single).anySatisfy(m -> assertThat(m.ext()).isEqualTo(replyExt()));
        assertThat(single).anySatisfy(m -> assertThat(m.content()).isInstanceOfSatisfying(Content.Image.class,
                i -> assertThat(i.file().url()).isNotEmpty()));
        assertThat(group).hasSize(2);

        Path profile = dir.resolve("profile");
        try (LocalCache cache = LocalCache.open(profile, server.wsUrl(), TestServer.APP_KEY, "leo")) {
            cache.putConversations(conversations);
            cache.putMessages(single);
            cache.putMessages(group);
        }
        try (LocalCache cache = LocalCache.open(profile, server.wsUrl(), TestServer.APP_KEY, "leo")) {
            assertThat(cache.recentMessages(ConversationId.single("roy"), 50)).containsExactlyElementsOf(single);
            assertThat(cache.recentMessages(ConversationId.group(team), 50)).containsExactlyElementsOf(group);
            assertThat(cache.conversations()).extracting(CachedConversation::conversation)
                    .containsExactlyInAnyOrderElementsOf(conversations);
        }
    }

    private static SendReceipt send(ChatClient client, ChatMessage message) {
        return join(client.send(message));
    }
}
