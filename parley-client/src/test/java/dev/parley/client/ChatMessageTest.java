package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Building messages to send, and the views of received ones. */
class ChatMessageTest {
    @TempDir
    Path dir;

    @Test
    void theFactoriesMakeMessagesOfEachTypeWithFreshLocalIds() throws IOException {
        Path png = Files.write(dir.resolve("cat.png"), new byte[3]);
        ChatMessage text = ChatMessage.createTextSendMessage("roy", "hi");
        ChatMessage image = ChatMessage.createImageSendMessage("roy", png);
        ChatMessage file = ChatMessage.createFileSendMessage("roy", png).withFileName("kitten.png").withMime("x/y");
        ChatMessage custom = ChatMessage.createCustomSendMessage("100", "poll", Map.of("q", "lunch?"))
                .withChatType(ChatType.GROUP);

        assertThat(text.body()).isEqualTo(new MessageBody.Ready(new Content.Text("hi")));
        assertThat(image.body()).isEqualTo(new MessageBody.LocalFile("img", png, "cat.png", "image/png", 0, 0));
        assertThat(file.body()).isEqualTo(new MessageBody.LocalFile("file", png, "kitten.png", "x/y", 0, 0));
        assertThat(custom.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(custom.msgType()).isEqualTo("custom");
        assertThat(text.chatType()).isEqualTo(ChatType.SINGLE);
        assertThat(java.util.stream.Stream.of(text, image, file, custom).map(ChatMessage::localId).distinct())
                .hasSize(4);
        assertThat(custom.withExt(Map.of("k", 1)).localId()).isEqualTo(custom.localId());
    }

    @Test
    void invalidMessagesAreRefusedWhenBuilt() {
        assertThatThrownBy(() -> ChatMessage.createTextSendMessage("roy", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatMessage.createTextSendMessage(" ", "hi")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatMessage.createImageSendMessage("roy", dir.resolve("missing.png")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatMessage.createCustomSendMessage("roy", "e".repeat(65), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatMessage.create("roy", new Content.Recalled("txt")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChatMessage.createTextSendMessage("roy", "hi").withImageSize(1, 1))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aSendNamesTheUploadWithoutTheServersAddresses() throws IOException {
        Path png = Files.write(dir.resolve("cat.png"), new byte[3]);
        ChatMessage image = ChatMessage.createImageSendMessage("roy", png).withImageSize(640, 480);
        assertThatThrownBy(image::frame).isInstanceOf(IllegalStateException.class);
        Frame.Send frame = image.withUpload(Attachment.of("u", "s", "cat.png", 3, "image/png")).frame();
        assertThat(frame.content()).isEqualTo(new Content.Image(Attachment.of("u", "s", "cat.png", 3, "image/png")
                .withSize(640, 480)));

        Attachment received = Attachment.of("u", "s", "a.pdf", 3, "application/pdf").withUrls("http://h/u", "");
        assertThat(ChatMessage.create("amy", new Content.File(received)).frame().content())
                .isEqualTo(new Content.File(Attachment.of("u", "s", "a.pdf", 3, "application/pdf")));
    }

    @Test
    void aTextMessageIsAOneToOneChatMessageWithTheSameLocalId() {
        TextMessage v1 = TextMessage.create("roy", "hi").withExt(Map.of("k", "v"));
        ChatMessage message = v1.toChatMessage();
        assertThat(message.localId()).isEqualTo(v1.localId());
        assertThat(message.frame()).isEqualTo(new Frame.Send(v1.localId(), "roy", "singleChat", "txt", "hi", v1.ext()));
    }

    @Test
    void aReceivedMessageHasAVersion1TextViewAndItsConversation() {
        ReceivedMessage image = new ReceivedMessage("7", "roy", "leo", ChatType.SINGLE, new Content.Image(
                Attachment.of("u", "s", "cat.png", 3, "image/png")), Instant.ofEpochMilli(7),
                jakarta.json.JsonValue.EMPTY_JSON_OBJECT, MessageState.DELIVERED, false);
        TextMessageEvent view = image.toTextEvent();
        assertThat(view.msg()).isEqualTo("cat.png");
        assertThat(view.state()).isEqualTo(MessageState.DELIVERED);
        assertThat(image.conversation("leo")).isEqualTo(ConversationId.single("roy"));
        assertThat(image.conversation("roy")).isEqualTo(ConversationId.single("leo"));
        assertThat(image.text()).isEmpty();
        assertThat(image.withRecall().content()).isEqualTo(new Content.Recalled("img"));
        assertThat(image.withRecall().toTextEvent().msg()).isEmpty();

        HistoryPage v1Page = new HistoryPage(java.util.List.of(view), "", true);
        assertThat(v1Page.messages()).containsExactly(view);
        assertThat(v1Page.receivedMessages().getFirst().text()).contains("cat.png");
    }
}
