package dev.parley.client;

import static dev.parley.client.SessionStateMachineTest.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.client.FakeTransport.FakeLink;
import dev.parley.protocol.Attachment;
import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the server pushes in protocol version 2, on a fake transport: which items are acknowledged with which id, which
 * events are raised, and that each is raised once.
 */
class InboxEventsTest {
    private static final Attachment CAT = Attachment.of("u-1", "s3cret", "cat.png", 2048, "image/png")
            .withSize(640, 480).withUrls("http://h/parley/test/chatfiles/u-1", "");

    private final FakeTransport transport = new FakeTransport();
    private final RecordingHandler events = new RecordingHandler().recordingOnMessage();
    private final ChatClient client = ChatClient.create(ChatOptions.builder().appKey("parley#test")
            .url("ws://127.0.0.1:1/websocket").build(), transport);
    private FakeLink link;

    @AfterEach
    void close() {
        client.close();
    }

    private void logIn() {
        client.addEventHandler("recorder", events);
        CompletableFuture<LoginResult> open = client.open("leo", "007token");
        link = transport.nextLink();
        link.acceptLogin("leo");
        await(open);
    }

    /**
     * The frames the client sent in answer to what was pushed so far: a read receipt for a marker is sent after them
     * (the client handles frames in order), so everything before it is the answer.
     */
    private List<Frame.ClientFrame> answers() {
        await(client.markRead("marker"));
        List<Frame.ClientFrame> sent = new ArrayList<>();
        for (Frame.ClientFrame f = link.expect(Frame.ClientFrame.class); !(f instanceof Frame.Read r
                && r.id().equals("marker")); f = link.expect(Frame.ClientFrame.class)) {
            sent.add(f);
        }
        return sent;
    }

    private static Frame.Message message(String id, String from, String to, ChatType chatType, Content content) {
        return new Frame.Message(id, from, to, chatType, content, 1_700_000_000_000L, null);
    }

    @Test
    void aGroupMessageIsAcknowledgedAndRaisedAsTextWithTheGroupAsRecipient() {
        logIn();
        link.push(message("g-1", "roy", "100", ChatType.GROUP, new Content.Text("hello group")));
        assertThat(answers()).containsExactly(new Frame.Delivered("g-1"));
        events.await("message:g-1:txt");
        events.await("text:g-1:roy:hello group");
        TextMessageEvent text = events.messages.getFirst();
        assertThat(text.to()).isEqualTo("100");
        assertThat(text.chatType()).isEqualTo("groupChat");
        assertThat(events.received.getFirst().conversation("leo")).isEqualTo(ConversationId.group("100"));
    }

    @Test
    void aCopyOfMyOwnMessageIsRaisedButNotAcknowledgedInAGroupToo() {
        logIn();
        link.push(message("g-2", "leo", "100", ChatType.GROUP, new Content.Text("from my phone")));
        link.push(message("s-2", "LEO", "roy", ChatType.SINGLE, new Content.Text("also from my phone")));
        assertThat(answers()).isEmpty();
        events.await("text:g-2:leo:from my phone");
        events.await("text:s-2:LEO:also from my phone");
        assertThat(events.received.get(1).conversation("leo")).isEqualTo(ConversationId.single("roy"));
    }

    @Test
    void imagesFilesAndCustomMessagesHaveTheirOwnCallbacksAfterOnMessage() {
        logIn();
        link.push(message("i-1", "roy", "leo", ChatType.SINGLE, new Content.Image(CAT)));
        link.push(message("f-1", "roy", "leo", ChatType.SINGLE, new Content.File(Attachment.of("u-2", "s", "a.pdf",
                9, "application/pdf"))));
        link.push(message("c-1", "roy", "100", ChatType.GROUP, new Content.Custom("poll", Map.of("q", "lunch?"))));
        assertThat(answers()).containsExactly(new Frame.Delivered("i-1"), new Frame.Delivered("f-1"),
                new Frame.Delivered("c-1"));
        assertThat(events.until("custom:c-1:poll")).filteredOn(e -> !e.startsWith("state:") && !e.equals("connected"))
                .containsExactly("message:i-1:img", "image:i-1:cat.png", "message:f-1:file", "file:f-1:a.pdf",
                        "message:c-1:custom");
        assertThat(events.received.getFirst().content()).isEqualTo(new Content.Image(CAT));
        assertThat(events.messages).isEmpty(); // no text view of other types
    }

    @Test
    void aMessageRecalledBeforeItArrivedComesOnlyToOnMessageThenItsRecall() {
        logIn();
        link.push(new Frame.SyncStart(2));
        link.push(message("r-1", "roy", "leo", ChatType.SINGLE, new Content.Recalled("img")));
        link.push(new Frame.Recalled("r-1", "roy", "leo", ChatType.SINGLE));
        link.push(new Frame.SyncEnd());
        assertThat(answers()).containsExactly(new Frame.Delivered("r-1"), new Frame.Delivered("r-1"));
        assertThat(events.until("syncEnd")).filteredOn(e -> !e.startsWith("state:") && !e.equals("connected"))
                .containsExactly("syncStart:2", "message:r-1:img:recalled", "recall:r-1:roy:singleChat/roy");
    }

    @Test
    void aRecallIsAcknowledgedWithTheMessageIdEachTimeAndRaisedOnce() {
        logIn();
        Frame.Recalled recalled = new Frame.Recalled("s-9", "roy", "100", ChatType.GROUP);
        link.push(recalled);
        link.push(recalled);
        link.push(new Frame.Recalled("s-8", "leo", "roy", ChatType.SINGLE)); // recalled on my other device
        assertThat(answers()).containsExactly(new Frame.Delivered("s-9"), new Frame.Delivered("s-9"),
                new Frame.Delivered("s-8"));
        assertThat(events.until("recall:s-8")).filteredOn(e -> e.startsWith("recall:"))
                .containsExactly("recall:s-9:roy:groupChat/100");
        assertThat(events.drain()).noneMatch(e -> e.startsWith("recall:"));
    }

    @Test
    void eachEditIsRaisedOnceAndASecondEditIsRaisedToo() {
        logIn();
        Frame.Edited first = new Frame.Edited("s-7", "roy", "leo", ChatType.SINGLE, "fixed typo", 100);
        Frame.Edited second = new Frame.Edited("s-7", "roy", "leo", ChatType.SINGLE, "fixed again", 200);
        link.push(first);
        link.push(first);
        link.push(second);
        assertThat(answers()).containsExactly(new Frame.Delivered("s-7"), new Frame.Delivered("s-7"),
                new Frame.Delivered("s-7"));
        assertThat(events.until("edit:s-7:fixed again")).filteredOn(e -> e.startsWith("edit:"))
                .containsExactly("edit:s-7:fixed typo:100:singleChat/roy");
        assertThat(events.drain()).noneMatch(e -> e.startsWith("edit:"));
    }

    @Test
    void aStoredChannelAckIsAcknowledgedByItsEventIdAndALiveOneIsNot() {
        logIn();
        Frame.ChannelAck stored = new Frame.ChannelAck(ChatType.SINGLE, "roy", "leo", "ev-1"); // my other device
        link.push(stored);
        link.push(stored);
        link.push(new Frame.ChannelAck(ChatType.SINGLE, "leo", "roy", "")); // roy read my messages, live
        link.push(new Frame.ChannelAck(ChatType.GROUP, "100", "leo", "ev-2"));
        assertThat(answers()).containsExactly(new Frame.Delivered("ev-1"), new Frame.Delivered("ev-1"),
                new Frame.Delivered("ev-2"));
        assertThat(events.until("channel:groupChat/100")).filteredOn(e -> e.startsWith("channel:"))
                .containsExactly("channel:singleChat/roy:leo:byMe", "channel:singleChat/roy:roy");
    }

    @Test
    void groupEventsAreAcknowledgedByTheirIdAndRaisedOnce() {
        logIn();
        Frame.GroupEvent added = new Frame.GroupEvent("ev-5", "100", "memberAdded", "amy", "leo", 5);
        link.push(added);
        link.push(added);
        link.push(new Frame.GroupEvent("", "100", "updated", "", "roy", 6));
        assertThat(answers()).containsExactly(new Frame.Delivered("ev-5"), new Frame.Delivered("ev-5"));
        assertThat(events.until("group:100:UPDATED")).filteredOn(e -> e.startsWith("group:"))
                .containsExactly("group:100:MEMBER_ADDED:amy:leo");
    }

    @Test
    void typingAndPresenceAreRaisedAndNeverAcknowledged() {
        logIn();
        link.push(new Frame.Typing(ChatType.SINGLE, "leo", "roy"));
        link.push(new Frame.Typing(ChatType.GROUP, "100", "amy"));
        link.push(new Frame.Presence("roy", "offline", 1_700_000_000_000L, "at lunch"));
        assertThat(answers()).isEmpty();
        events.await("typing:singleChat/roy:roy");
        events.await("typing:groupChat/100:amy");
        events.await("presence:roy:offline:at lunch");
    }

    @Test
    void eventsAreRaisedOnTheEventThreadInTheOrderTheyArrived() {
        logIn();
        link.push(message("o-1", "roy", "leo", ChatType.SINGLE, new Content.Text("one")));
        link.push(new Frame.Edited("o-1", "roy", "leo", ChatType.SINGLE, "one!", 3));
        link.push(new Frame.Recalled("o-1", "roy", "leo", ChatType.SINGLE));
        assertThat(events.until("recall:o-1")).filteredOn(e -> !e.startsWith("state:") && !e.equals("connected"))
                .containsExactly("message:o-1:txt", "text:o-1:roy:one", "edit:o-1:one!:3:singleChat/roy");
        assertThat(events.threads).allMatch(name -> name.startsWith("parley-events-"));
        assertThat(events.received.getFirst().withEdit("one!").edited()).isTrue();
        assertThat(events.received.getFirst().withRecall().isRecalled()).isTrue();
    }
}
