package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The codec's fast path ({@link FrameJson}) reads and writes exactly what JSON-B does: on generated frames (valid,
 * mutated and random), decoding gives the same record or the same refusal, and every frame that decodes is written to
 * the same JSON object. Frames with a typed chat type or content (send, message and most of version 2) have no JSON-B
 * binding: for them, every frame that decodes is written back to text that decodes to the same frame, and every
 * refusal is a {@code BAD_FRAME}.
 */
class FrameCodecFastPathTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final java.util.Set<String> BY_HAND_ONLY =
            java.util.Set.of("send", "message", "channelAck", "typing", "subscribePresence", "recalled", "edited");
    private final FrameCodecFuzzTest generators = new FrameCodecFuzzTest();

    @Property(tries = 3_000)
    void generatedFramesDecodeAndEncodeAsWithJsonb(@ForAll("frames") String text) {
        if (BY_HAND_ONLY.stream().anyMatch(type -> text.contains("\"type\":\"" + type + "\""))) {
            Object decoded = outcome(() -> CODEC.decode(text));
            if (decoded instanceof Frame frame) {
                assertThat(CODEC.decode(CODEC.encode(frame))).as("reading back %s", text).isEqualTo(frame);
            } else {
                assertThat((String) decoded).as("refusing %s", text).startsWith("BAD_FRAME: ");
            }
            return;
        }
        Object fast = outcome(() -> CODEC.decode(text));
        Object jsonb = outcome(() -> CODEC.decodeWithJsonb(text));
        assertThat(fast).as("decoding %s", text).isEqualTo(jsonb);
        if (fast instanceof Frame frame) {
            String written = CODEC.encode(frame);
            assertThat(CODEC.decodeWithJsonb(written)).as("reading back %s", written).isEqualTo(frame);
            assertThat(jakarta.json.Json.createReader(new java.io.StringReader(written)).readObject())
                    .as("the same object as JSON-B writes")
                    .isEqualTo(jakarta.json.Json.createReader(new java.io.StringReader(CODEC.encodeWithJsonb(frame)))
                            .readObject());
        }
    }

    @net.jqwik.api.Example
    void edgeCasesOfEveryFieldTypeDecodeAsWithJsonb() {
        java.util.List<String> values = java.util.List.of("null", "\"123\"", "\"soon\"", "1.5", "1e3", "1.0", "-0",
                "true", "false", "[]", "{}", "9223372036854775808", "-9223372036854775808", "12", "\"\"", "1E+2", "\"1.5\"", "\" 12\"", "\"+12\"", "\"1e3\"", "\"-0\"", "\"0x10\"");
        for (String type : java.util.List.of("ping", "pong", "receipt", "message", "send", "delivered")) {
            for (String field : java.util.List.of("t", "time", "id", "localId", "msg", "ext", "to", "from")) {
                for (String value : values) {
                    String base = switch (type) {
                        case "ping", "pong" -> "";
                        case "receipt" -> "\"localId\":\"l\",\"id\":\"1\",\"time\":5,";
                        case "message" -> "\"id\":\"1\",\"from\":\"a\",\"to\":\"b\",\"msg\":\"m\",\"time\":5,";
                        case "send" -> "\"localId\":\"l\",\"to\":\"b\",\"msg\":\"m\",";
                        default -> "\"id\":\"1\",";
                    };
                    generatedFramesDecodeAndEncodeAsWithJsonb(
                            "{\"type\":\"" + type + "\"," + base + "\"" + field + "\":" + value + "}");
                }
            }
        }
    }

    @Provide
    Arbitrary<String> frames() {
        return net.jqwik.api.Arbitraries.oneOf(generators.jsonFrames(), generators.mutatedFrames(),
                generators.anyText());
    }

    /** The frame, or the refusal's code and words. */
    private static Object outcome(java.util.function.Supplier<Frame> decode) {
        try {
            return decode.get();
        } catch (FrameException e) {
            return e.code() + ": " + e.getMessage();
        }
    }
}
