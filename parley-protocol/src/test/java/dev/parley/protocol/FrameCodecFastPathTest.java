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

    /**
     * The flat reader ({@link FlatJson}) decodes and refuses exactly as JSON-P's parser: the same record, or the same
     * refusal in the same words (it refuses nothing itself: what it does not read goes to the parser).
     */
    @Property(tries = 3_000)
    void generatedFramesDecodeAsWithTheParser(@ForAll("frames") String text) {
        assertThat(outcome(() -> CODEC.decode(text))).as("decoding %s", text)
                .isEqualTo(outcome(() -> CODEC.decodeWithParser(text)));
    }

    @net.jqwik.api.Example
    void edgeCasesOfTheFlatShapeDecodeAsWithTheParser() {
        java.util.List<String> values = java.util.List.of("\"a\\\"b\"", "\"\\u00e9\\ud83d\\ude00\"", "\"\\ud800\"",
                "\"\\/\\b\\f\\n\\r\\t\"", "\"\\x\"", "\"\\u12\"", "\"\\u12G4\"", "\"\t\"", "\"\u0001\"",
                "\"你好 👋\"", "0", "-1", "-0", "012", "1.0", "1e3", "123456789012345678", "1234567890123456789",
                "{}", "{ }", "{\"a\":1}", "[]", "true", "null", "\"unterminated", "-", "");
        for (String value : values) {
            for (String frame : java.util.List.of(
                    "{\"type\":\"send\",\"localId\":\"l\",\"to\":\"b\",\"msg\":%s,\"ext\":{}}",
                    "{\"type\":\"send\",\"localId\":\"l\",\"to\":\"b\",\"msg\":\"m\",\"ext\":%s}",
                    "{\"type\":\"delivered\",\"id\":%s}",
                    "{\"type\":\"ping\",\"t\":%s}",
                    "{\"type\":%s,\"id\":\"1\"}",
                    " \n{ \"type\" : \"read\" ,\r\"id\"\t:%s }\n",
                    "{\"type\":\"delivered\",\"id\":%s}x",
                    "{\"type\":\"delivered\",\"id\":\"1\",\"id\":%s}",
                    "{\"type\":\"delivered\",\"i\\u0064\":%s}",
                    "{\"type\":\"delivered\",\"id\":%s,}")) {
                generatedFramesDecodeAsWithTheParser(frame.formatted(value));
            }
        }
    }

    @net.jqwik.api.Example
    void theFlatReaderReadsTheFramesOfEverydayTraffic() {
        java.util.List<Frame> frames = java.util.List.of(
                Frame.Send.text("l-1", "bob", "hello \"bob\"\n你好 👋"),
                new Frame.Delivered("12345"), new Frame.Read("12345"), new Frame.Ping(1_700_000_000_000L),
                new Frame.Receipt("l-1", "12345", 1_700_000_000_000L), new Frame.Delivery("12345", "bob", "alice"),
                new Frame.Message("12345", "alice", "bob", ChatType.SINGLE, new Content.Text("hi"),
                        1_700_000_000_000L, jakarta.json.JsonValue.EMPTY_JSON_OBJECT));
        for (Frame frame : frames) {
            String text = CODEC.encode(frame);
            jakarta.json.JsonObject flat = FlatJson.parse(text);
            assertThat(flat).as("read without JSON-P: %s", text).isNotNull();
            jakarta.json.JsonObject parsed = jakarta.json.Json.createReader(new java.io.StringReader(text)).readObject();
            assertThat(flat).as("the same object as JSON-P reads").isEqualTo(parsed);
            assertThat(jakarta.json.Json.createReader(new java.io.StringReader(flat.toString())).readObject())
                    .as("written back").isEqualTo(parsed);
            assertThat(CODEC.decode(text)).isEqualTo(frame);
        }
        assertThat(FlatJson.parse("{\"type\":\"send\",\"localId\":\"l\",\"to\":\"b\",\"msg\":\"m\","
                + "\"ext\":{\"msgQuote\":{}}}")).as("a nested object goes to JSON-P").isNull();
    }

    @net.jqwik.api.Example
    void framesWrittenOneAfterAnotherOnAThreadShareNothing() {
        // the writer's builder is used again on each thread: a long frame, then short ones, then long again
        String longText = "长".repeat(20_000);
        java.util.List<Frame> frames = java.util.List.of(Frame.Send.text("l-1", "bob", longText), new Frame.Ping(7),
                new Frame.Delivered("12"), Frame.Send.text("l-2", "bob", "x".repeat(5_000)), new Frame.SyncEnd(),
                Frame.Send.text("l-3", "bob", longText));
        for (int round = 0; round < 2; round++) {
            for (Frame frame : frames) {
                assertThat(CODEC.decode(CODEC.encode(frame))).isEqualTo(frame);
            }
        }
        assertThat(CODEC.encode(new Frame.Ping(7))).isEqualTo("{\"type\":\"ping\",\"t\":7}");
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
