package dev.parley.desktop.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.ConversationId;
import dev.parley.client.HistoryPage;
import dev.parley.client.TextMessageEvent;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A conversation's messages as the window lists them. */
class MessageThreadTest {

    @Test
    void aMessageSentWhileTheFirstHistoryPageLoadsIsShownOnce() {
        MessageThread thread = new MessageThread(ConversationId.single("roy"));
        MessageItem sending = MessageItem.waiting("local-1", ConversationId.single("roy"), "leo", "hello", Quote.NONE,
                Instant.ofEpochMilli(1_000)).withStatus(MessageStatus.SENDING);
        thread.addSending(sending);
        // the history page was read after the message was stored, and arrives before its receipt
        thread.addPage(new HistoryPage(List.of(new TextMessageEvent("7", "leo", "roy", "singleChat", "hello",
                Instant.ofEpochMilli(1_001), JsonValue.EMPTY_JSON_OBJECT)), "", true), "leo", m -> m);
        thread.update(sending.key(), item -> item.stored("7", Instant.ofEpochMilli(1_001)));

        assertThat(thread.items()).singleElement().satisfies(item -> {
            assertThat(item.serverId()).isEqualTo("7");
            assertThat(item.localId()).as("the one sent from here is kept").isEqualTo("local-1");
        });
    }
}
