package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The frames of protocol version 2 as PROTOCOL.md writes them, both ways. */
class FrameV2Test {
    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyVersion2FrameSurvivesTheWire() {
        Attachment photo = new Attachment("u-1", "s3cret", "cat.png", 5_000_000, "image/png", 640, 480,
                "http://h/a/b/chatfiles/u-1", "http://h/a/b/chatfiles/u-1?thumbnail=true");
        List<Frame> frames = List.of(
                new Frame.Send("l1", "42", ChatType.GROUP, new Content.Text("hello group"), JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Send("l2", "roy", ChatType.SINGLE, new Content.Image(Attachment.of("u-1", "s", "cat.png",
                        12, "image/png")), JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Send("l3", "roy", ChatType.SINGLE, new Content.File(Attachment.of("u-2", "s", "report.pdf",
                        99, "application/pdf")), JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Send("l4", "42", ChatType.GROUP, new Content.Custom("poll", Map.of("q", "lunch?", "a", "\"x\"")),
                        JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Message("7", "leo", "42", ChatType.GROUP, new Content.Image(photo), 5, JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Message("8", "leo", "roy", ChatType.SINGLE, new Content.Recalled("img"), 5,
                        JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Message("9", "leo", "roy", ChatType.SINGLE, new Content.Recalled("txt"), 5,
                        JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Message("10", "leo", "42", ChatType.GROUP, new Content.Recalled("custom"), 5,
                        JsonValue.EMPTY_JSON_OBJECT),
                new Frame.Recall("7"), new Frame.Edit("7", "fixed"),
                Frame.ChannelAck.of(ChatType.GROUP, "42"), new Frame.ChannelAck(ChatType.SINGLE, "roy", "leo", "77"),
                Frame.Typing.of(ChatType.SINGLE, "roy"), new Frame.Typing(ChatType.GROUP, "42", "leo"),
                new Frame.SubscribePresence(List.of("roy", "amy")), new Frame.PublishPresence("在开会 🎉"),
                new Frame.Recalled("7", "leo", "42", ChatType.GROUP),
                new Frame.Edited("7", "leo", "roy", ChatType.SINGLE, "fixed", 99),
                new Frame.Presence("roy", "offline", 1234, "away"),
                new Frame.GroupEvent("80", "42", "memberAdded", "amy", "leo", 77));
        for (Frame frame : frames) {
            String text = codec.encode(frame);
            assertThat(codec.decode(text)).as(text).isEqualTo(frame);
        }
    }

    @Test
    void wireNamesAreThoseOfTheProtocol() {
        String image = codec.encode(new Frame.Send("l2", "42", ChatType.GROUP, new Content.Image(Attachment.of("u-1", "s",
                "cat.png", 12, "image/png")), JsonValue.EMPTY_JSON_OBJECT));
        assertThat(image).contains("\"chatType\":\"groupChat\"", "\"msgType\":\"img\"",
                "\"file\":{\"uuid\":\"u-1\",\"secret\":\"s\",\"filename\":\"cat.png\",\"size\":12,\"mime\":\"image/png\"}");
        assertThat(codec.encode(new Frame.Send("l4", "roy", ChatType.SINGLE, new Content.Custom("poll", Map.of("q", "1")),
                JsonValue.EMPTY_JSON_OBJECT))).contains("\"customEvent\":\"poll\"", "\"customExts\":{\"q\":\"1\"}");
        assertThat(codec.encode(Frame.ChannelAck.of(ChatType.SINGLE, "roy")))
                .isEqualTo("{\"type\":\"channelAck\",\"chatType\":\"singleChat\",\"to\":\"roy\"}");
    }

    @Test
    void aSendIsCheckedForWhatItsTypeNeeds() {
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msgType\":\"img\"}"))
                .hasMessage("missing field: file");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msgType\":\"img\","
                + "\"file\":{\"uuid\":\"u\"}}")).hasMessage("missing field: file.secret");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msgType\":\"video\"}"))
                .hasMessageContaining("unsupported msgType");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msgType\":\"custom\","
                + "\"customEvent\":\"e\",\"customExts\":{\"n\":1}}")).hasMessage("invalid fields in send frame");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msgType\":\"custom\","
                + "\"customEvent\":\"" + "e".repeat(65) + "\"}")).hasMessageContaining("customEvent is longer than 64");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"subscribePresence\",\"users\":[]}"))
                .hasMessageContaining("1 to 100");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"publishPresence\",\"description\":\"" + "d".repeat(65) + "\"}"))
                .hasMessageContaining("longer than 64");
    }

    @Test
    void aClientCannotNameWhoItIsInTheFramesThatGoBothWays() {
        // The server reads `from` only to ignore it: a typing or channelAck frame is the session's user's.
        Frame.ClientFrame typing = codec.decodeClientFrame(
                "{\"type\":\"typing\",\"chatType\":\"singleChat\",\"to\":\"roy\",\"from\":\"mallory\"}");
        assertThat(typing).isInstanceOf(Frame.Typing.class);
        assertThat(codec.decodeServerFrame(codec.encode(new Frame.Typing(ChatType.SINGLE, "roy", "leo"))))
                .isEqualTo(new Frame.Typing(ChatType.SINGLE, "roy", "leo"));
    }

    @Test
    void secretsNeverAppearInToString() {
        assertThat(Attachment.of("u", "s3cret-value", "a.png", 1, "image/png").toString()).doesNotContain("s3cret-value");
    }
}
