package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recall, edit, conversation reads and typing over a raw WebSocket client (no SDK to de-duplicate or hide anything):
 * what an online peer gets at once, what an offline one gets at sign-in and in which order, and what nobody gets.
 */
class ConversationEventsTest {
    @TempDir
    Path dir;

    private ServerConfig.Builder config() {
        return ServerConfig.builder().dataDir(dir).port(0);
    }

    /** Sends a text and returns its server id from the receipt. */
    private static String send(RawClient from, String localId, String to, String text) {
        from.send(Frame.Send.text(localId, to, text));
        return from.expect(Frame.Receipt.class).id();
    }

    @Test
    void aRecallReachesTheOnlinePeerAndTheSendersDevicesWhichItConfirms() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo", "laptop");
             RawClient leoPhone = RawClient.signedIn(server, "leo", "phone");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            String id = send(leo, "l1", "roy", "wrong chat, sorry");
            assertThat(roy.expect(Frame.Message.class).id()).isEqualTo(id);
            assertThat(leoPhone.expect(Frame.Message.class).id()).isEqualTo(id);

            roy.send(new Frame.Recall(id));
            assertThat(roy.expect(Frame.Error.class).code()).isEqualTo(ErrorCode.PERMISSION_DENIED.code());
            leo.send(new Frame.Recall(id));

            Frame.Recalled recalled = roy.expect(Frame.Recalled.class);
            assertThat(recalled).isEqualTo(new Frame.Recalled(id, "leo", "roy", ChatType.SINGLE));
            assertThat(leoPhone.expect(Frame.Recalled.class)).isEqualTo(recalled);
            assertThat(leo.expect(Frame.Recalled.class)).as("the confirmation").isEqualTo(recalled);
        }
    }

    @Test
    void anOfflinePeerGetsTheRecalledMessageWithoutItsBodyThenTheRecallThenNothingOnceAcknowledged() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build())) {
            server.userToken("amy", Duration.ofHours(1));
            String recalledId;
            String keptId;
            try (RawClient leo = RawClient.signedIn(server, "leo")) {
                recalledId = send(leo, "l1", "amy", "a secret");
                keptId = send(leo, "l2", "amy", "hello amy");
                leo.send(new Frame.Recall(recalledId));
                leo.skipUntil(Frame.Recalled.class); // stored once confirmed
            }
            try (RawClient amy = RawClient.connect(server)) {
                amy.send(new Frame.Open(server.appKey(), "amy", server.userToken("amy", Duration.ofHours(1)), ""));
                amy.expect(Frame.Opened.class);
                assertThat(amy.expect(Frame.SyncStart.class).count()).isEqualTo(3);
                Frame.Message first = amy.expect(Frame.Message.class);
                assertThat(first.id()).isEqualTo(recalledId);
                assertThat(first.content()).isEqualTo(new Content.Recalled("txt"));
                assertThat(amy.expect(Frame.Message.class).msg()).isEqualTo("hello amy");
                assertThat(amy.expect(Frame.Recalled.class).id()).isEqualTo(recalledId);
                amy.expect(Frame.SyncEnd.class);
                amy.send(new Frame.Delivered(recalledId)); // acknowledges the message and its recall
                amy.send(new Frame.Delivered(keptId));
                amy.send(new Frame.Ping(2));
                amy.expect(Frame.Pong.class);
            }
            try (RawClient amy = RawClient.connect(server)) {
                amy.send(new Frame.Open(server.appKey(), "amy", server.userToken("amy", Duration.ofHours(1)), ""));
                amy.expect(Frame.Opened.class);
                assertThat(amy.expect(Frame.SyncStart.class).count()).isZero();
                amy.expect(Frame.SyncEnd.class);
            }
        }
    }

    @Test
    void anEditReachesThePeerAndAnOfflinePeerGetsTheTextAsSentThenTheEdit() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build())) {
            server.userToken("amy", Duration.ofHours(1));
            try (RawClient leo = RawClient.signedIn(server, "leo");
                 RawClient roy = RawClient.signedIn(server, "roy")) {
                String toRoy = send(leo, "l1", "roy", "see you at 5");
                roy.expect(Frame.Message.class);
                leo.send(new Frame.Edit(toRoy, "see you at 6"));
                assertThat(leo.expect(Frame.Edited.class).msg()).as("the confirmation").isEqualTo("see you at 6");
                Frame.Edited edited = roy.expect(Frame.Edited.class);
                assertThat(edited.msg()).isEqualTo("see you at 6");
                assertThat(edited.from()).isEqualTo("leo");
                roy.send(new Frame.Edit(toRoy, "at 7?"));
                assertThat(roy.expect(Frame.Error.class).code()).isEqualTo(ErrorCode.PERMISSION_DENIED.code());

                String toAmy = send(leo, "l2", "amy", "helo");
                leo.send(new Frame.Edit(toAmy, "hello"));
                leo.expect(Frame.Edited.class);
            }
            try (RawClient amy = RawClient.connect(server)) {
                amy.send(new Frame.Open(server.appKey(), "amy", server.userToken("amy", Duration.ofHours(1)), ""));
                amy.expect(Frame.Opened.class);
                amy.expect(Frame.SyncStart.class);
                assertThat(amy.expect(Frame.Message.class).msg()).isEqualTo("helo");
                assertThat(amy.expect(Frame.Edited.class).msg()).isEqualTo("hello");
                amy.expect(Frame.SyncEnd.class);
            }
        }
    }

    @Test
    void readingAConversationTellsThePeerAndTheReadersOtherDevices() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy", "laptop");
             RawClient royPhone = RawClient.signedIn(server, "roy", "phone")) {
            send(leo, "l1", "roy", "one");
            send(leo, "l2", "roy", "two");
            roy.expect(Frame.Message.class);
            roy.expect(Frame.Message.class);
            royPhone.expect(Frame.Message.class);
            royPhone.expect(Frame.Message.class);

            roy.send(Frame.ChannelAck.of(ChatType.SINGLE, "leo"));

            Frame.ChannelAck toLeo = leo.expect(Frame.ChannelAck.class);
            assertThat(toLeo.from()).isEqualTo("roy");
            assertThat(toLeo.id()).as("not kept for leo").isEmpty();
            Frame.ChannelAck toPhone = royPhone.expect(Frame.ChannelAck.class);
            assertThat(toPhone.from()).isEqualTo("roy");
            assertThat(toPhone.to()).isEqualTo("leo");
            assertThat(toPhone.id()).as("kept for roy's devices that were offline").isNotEmpty();
            roy.send(new Frame.Ping(1));
            assertThat(roy.expect(Frame.Pong.class).t()).isEqualTo(1);
        }
    }

    @Test
    void typingReachesAnOnlinePeerAtMostOnceASecondAndIsNeverKept() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build())) {
            server.userToken("amy", Duration.ofHours(1));
            try (RawClient leo = RawClient.signedIn(server, "leo");
                 RawClient roy = RawClient.signedIn(server, "roy")) {
                leo.send(Frame.Typing.of(ChatType.SINGLE, "roy"));
                leo.send(Frame.Typing.of(ChatType.SINGLE, "roy")); // within the second: dropped
                leo.send(Frame.Typing.of(ChatType.SINGLE, "amy")); // amy is offline: never kept
                send(leo, "l1", "roy", "done typing");
                assertThat(roy.expect(Frame.Typing.class)).isEqualTo(new Frame.Typing(ChatType.SINGLE, "roy", "leo"));
                assertThat(roy.expect(Frame.Message.class).msg()).as("one typing frame, then the message")
                        .isEqualTo("done typing");
            }
            try (RawClient amy = RawClient.connect(server)) {
                amy.send(new Frame.Open(server.appKey(), "amy", server.userToken("amy", Duration.ofHours(1)), ""));
                amy.expect(Frame.Opened.class);
                assertThat(amy.expect(Frame.SyncStart.class).count()).isZero();
                amy.expect(Frame.SyncEnd.class);
            }
        }
    }

    @Test
    void aCustomMessageArrivesAsSent() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo");
             RawClient roy = RawClient.signedIn(server, "roy")) {
            Content.Custom poll = new Content.Custom("poll", Map.of("question", "午饭?", "options", "[\"面\",\"饭\"]"));
            leo.send(new Frame.Send("c1", "roy", ChatType.SINGLE, poll, jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
            leo.expect(Frame.Receipt.class);
            assertThat(roy.expect(Frame.Message.class).content()).isEqualTo(poll);
        }
    }
}
