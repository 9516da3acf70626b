package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {
    private final FrameCodec codec = new FrameCodec();

    @Test
    void everyFrameSurvivesARoundTrip() {
        var ext = Json.createObjectBuilder().add("mood", "happy").add("n", 3).build();
        List<Frame> frames = List.of(
                new Frame.Open("org#app", "leo", "007abc", "laptop"),
                new Frame.Send("l-1", "roy", Frame.SINGLE_CHAT, Frame.TEXT, "Hi, how are you doing?", ext),
                Frame.Send.text("l-2", "roy", "ünïcødé ✓ 你好"),
                new Frame.Delivered("42"),
                new Frame.Read("42"),
                new Frame.RenewToken("007xyz"),
                new Frame.Ping(12345L),
                new Frame.Opened("leo", 1_800_000_000_000L, 1_700_000_000_000L),
                new Frame.Receipt("l-1", "42", 1_700_000_000_001L),
                new Frame.Message("42", "leo", "roy", Frame.SINGLE_CHAT, Frame.TEXT, "hi", 1_700_000_000_001L, ext),
                new Frame.Delivery("42", "roy", "leo"),
                new Frame.ReadReceipt("42", "roy", "leo"),
                new Frame.SyncStart(3),
                new Frame.SyncEnd(),
                new Frame.TokenRenewed(1_800_000_000_000L),
                Frame.Error.forSend(ErrorCode.MESSAGE_TOO_LARGE, "message too large", "l-9"),
                new Frame.Pong(12345L));
        for (Frame frame : frames) {
            String json = codec.encode(frame);
            assertThat(json).contains("\"type\":\"" + FrameCodec.typeOf(frame) + "\"");
            assertThat(codec.decode(json)).as(json).isEqualTo(frame);
        }
    }

    @Test
    void typeMayComeAnywhereAndUnknownFieldsAreIgnored() {
        Frame frame = codec.decode("{\"to\":\"roy\",\"msg\":\"hi\",\"future\":[1,{\"a\":2}],\"localId\":\"x\",\"type\":\"send\"}");
        assertThat(frame).isEqualTo(Frame.Send.text("x", "roy", "hi"));
    }

    @Test
    void optionalFieldsGetDefaultsNotNulls() {
        var open = (Frame.Open) codec.decode("{\"type\":\"open\",\"appKey\":\"a#b\",\"user\":\"leo\",\"token\":\"t\"}");
        assertThat(open.deviceId()).isEmpty();
        var send = (Frame.Send) codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msg\":\"m\"}");
        assertThat(send.ext()).isEmpty();
        assertThat(send.chatType()).isEqualTo(ChatType.SINGLE);
        assertThat(send.content()).isEqualTo(new Content.Text("m"));
        assertThat(((Frame.Ping) codec.decode("{\"type\":\"ping\"}")).t()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "not json", "{\"type\":\"send\",", "\u0000", "{\"type\":\"ping\"}}"})
    void malformedJsonIsABadFrame(String text) {
        assertThatThrownBy(() -> codec.decode(text))
                .isInstanceOfSatisfying(FrameException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME));
    }

    @Test
    void faultsAreExplainedInWords() {
        assertThatThrownBy(() -> codec.decode("[1,2]")).hasMessage("a frame must be a JSON object");
        assertThatThrownBy(() -> codec.decode("{\"a\":1}")).hasMessage("missing field: type");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"shout\"}")).hasMessage("unknown frame type: shout");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"to\":\"roy\",\"msg\":\"m\"}"))
                .hasMessage("missing field: localId");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"" + "x".repeat(65)
                + "\",\"to\":\"roy\",\"msg\":\"m\"}")).hasMessageContaining("localId is longer than 64");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msg\":\"m\",\"chatType\":\"channel\"}"))
                .hasMessageContaining("unsupported chatType");
        assertThatThrownBy(() -> codec.decode("{\"type\":\"ping\",\"t\":\"soon\"}")).hasMessage("invalid fields in ping frame");
    }

    @Test
    void serverFramesAreNotAcceptedAsClientFrames() {
        String opened = codec.encode(new Frame.Opened("leo", 1, 2));
        assertThatThrownBy(() -> codec.decodeClientFrame(opened)).hasMessageContaining("opened");
        assertThat(codec.decodeServerFrame(opened)).isInstanceOf(Frame.Opened.class);
    }

    @Test
    void tokensNeverAppearInToString() {
        assertThat(new Frame.Open("a#b", "leo", "007secret", "").toString()).doesNotContain("007secret");
        assertThat(new Frame.RenewToken("007secret").toString()).doesNotContain("007secret");
    }
}
