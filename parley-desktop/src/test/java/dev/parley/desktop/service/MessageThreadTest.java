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

    @Test
    void messagesWrittenOfflineKeepTheirOrderWhenTheHistoryPageComesBetweenTheirReceipts() {
        ConversationId roy = ConversationId.single("roy");
        MessageThread thread = new MessageThread(roy);
        MessageItem first = MessageItem.waiting("local-1", roy, "leo", "first offline", Quote.NONE,
                Instant.ofEpochMilli(1_000));
        MessageItem second = MessageItem.waiting("local-2", roy, "leo", "second offline", Quote.NONE,
                Instant.ofEpochMilli(2_000));
        thread.addSending(first);
        thread.addSending(second);
        // the server came back long after they were written: the first is stored (the server's later time) ...
        thread.update(first.key(), item -> item.stored("s1", Instant.ofEpochMilli(10_000)));
        // ... the first history page comes (it has both) before the second's receipt ...
        thread.addPage(new HistoryPage(List.of(
                new TextMessageEvent("s2", "leo", "roy", "singleChat", "second offline", Instant.ofEpochMilli(10_001),
                        JsonValue.EMPTY_JSON_OBJECT),
                new TextMessageEvent("s1", "leo", "roy", "singleChat", "first offline", Instant.ofEpochMilli(10_000),
                        JsonValue.EMPTY_JSON_OBJECT),
                new TextMessageEvent("s0", "roy", "leo", "singleChat", "from the last run",
                        Instant.ofEpochMilli(500), JsonValue.EMPTY_JSON_OBJECT)), "", true), "leo", m -> m);
        // ... and then the second's receipt
        thread.update(second.key(), item -> item.stored("s2", Instant.ofEpochMilli(10_001)));

        assertThat(thread.items()).extracting(MessageItem::text)
                .containsExactly("from the last run", "first offline", "second offline");
    }

    @Test
    void theFirstPageSortsByTimeWhatTheSyncBroughtOutOfOrder() {
        ConversationId roy = ConversationId.single("roy");
        MessageThread thread = new MessageThread(roy);
        for (int i : new int[] {5, 6, 3, 4}) { // the sync's batches, newest first
            thread.addFromServer(MessageItem.fromServer(received("s" + i, "message " + i, i * 1_000L), "leo"));
        }
        thread.addPage(new HistoryPage(List.of(
                new TextMessageEvent("s2", "roy", "leo", "singleChat", "message 2", Instant.ofEpochMilli(2_000),
                        JsonValue.EMPTY_JSON_OBJECT),
                new TextMessageEvent("s1", "roy", "leo", "singleChat", "message 1", Instant.ofEpochMilli(1_000),
                        JsonValue.EMPTY_JSON_OBJECT)), "", true), "leo", m -> m);

        assertThat(thread.items()).extracting(MessageItem::text)
                .containsExactly("message 1", "message 2", "message 3", "message 4", "message 5", "message 6");
    }

    @Test
    void messagesOfOneMillisecondAreListedInCommitOrderWhateverOrderTheSyncBroughtThemIn() {
        ConversationId roy = ConversationId.single("roy");
        MessageThread thread = new MessageThread(roy);
        for (int i : new int[] {150, 151, 148, 149}) { // the sync's batches, newest first, all of one millisecond
            thread.addFromServer(MessageItem.fromServer(received(Integer.toString(i), "message " + i, 7_000), "leo"));
        }
        thread.addPage(new HistoryPage(List.of(
                new TextMessageEvent("147", "roy", "leo", "singleChat", "message 147", Instant.ofEpochMilli(7_000),
                        JsonValue.EMPTY_JSON_OBJECT),
                new TextMessageEvent("99", "roy", "leo", "singleChat", "message 99", Instant.ofEpochMilli(6_999),
                        JsonValue.EMPTY_JSON_OBJECT)), "", true), "leo", m -> m);

        assertThat(thread.items()).extracting(MessageItem::text).containsExactly("message 99", "message 147",
                "message 148", "message 149", "message 150", "message 151");
    }

    private static dev.parley.client.ReceivedMessage received(String id, String text, long time) {
        return new dev.parley.client.ReceivedMessage(id, "roy", "leo", dev.parley.protocol.ChatType.SINGLE,
                new dev.parley.protocol.Content.Text(text), Instant.ofEpochMilli(time), JsonValue.EMPTY_JSON_OBJECT,
                dev.parley.client.MessageState.DELIVERED, false);
    }
}
