package dev.parley.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the frame decoder: whatever text arrives, {@link FrameCodec#decode} returns a frame or throws a
 * {@link FrameException} carrying an error code, never anything else; and whatever it accepts survives a round trip.
 * Inputs are random text, random bytes read as UTF-8 (invalid sequences included), JSON objects with known and
 * unknown types and fields of every JSON kind, mutations of valid frames, and huge and deeply nested JSON.
 * <p>
 * Tries per property come from {@code jqwik.tries.default} (5,000 in {@code verify}, 100,000 with
 * {@code -Pfuzz-long}).
 */
class FrameCodecFuzzTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final List<String> TYPES = List.of("open", "send", "delivered", "read", "renewToken", "ping",
            "opened", "receipt", "message", "delivery", "readReceipt", "syncStart", "syncEnd", "tokenRenewed", "error",
            "pong", "shout", "", "OPEN", "type");
    private static final List<String> FIELDS = List.of("type", "appKey", "user", "token", "deviceId", "localId", "to",
            "from", "chatType", "msgType", "msg", "ext", "id", "t", "expireTimestamp", "serverTime", "time", "count",
            "code", "message", "unknown");
    private static final AtomicLong INPUTS = new AtomicLong();
    private static final AtomicLong ACCEPTED = new AtomicLong();

    @AfterContainer
    static void report() {
        System.out.printf("frame codec fuzz: %,d inputs decoded, %,d accepted as frames, the rest refused with "
                + "FrameException; 0 other exceptions%n", INPUTS.get(), ACCEPTED.get());
    }

    /** Decodes and checks the contract; returns the frame or null when it was refused. */
    private static Frame decodeChecked(String text) {
        INPUTS.incrementAndGet();
        Frame frame;
        try {
            frame = CODEC.decode(text);
        } catch (FrameException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_FRAME);
            assertThat(e.getMessage()).isNotBlank().hasSizeLessThan(200);
            return null;
        }
        ACCEPTED.incrementAndGet();
        String again = CODEC.encode(frame);
        assertThat(CODEC.decode(again)).as("round trip of %s", again).isEqualTo(frame);
        return frame;
    }

    @Property
    void anyTextDecodesToAFrameOrAFrameException(@ForAll("anyText") String text) {
        decodeChecked(text);
    }

    @Property
    void anyBytesReadAsUtf8DecodeToAFrameOrAFrameException(@ForAll("anyBytes") byte[] bytes) {
        decodeChecked(new String(bytes, StandardCharsets.UTF_8));
        decodeChecked(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    @Property
    void jsonObjectsWithAnyTypeAndFieldsDecodeOrAreRefused(@ForAll("jsonFrames") String json) {
        decodeChecked(json);
    }

    @Property
    void mutatedValidFramesDecodeOrAreRefused(@ForAll("mutatedFrames") String text) {
        decodeChecked(text);
    }

    @Property
    void nestedAndOversizedJsonDecodesOrIsRefused(@ForAll("nestedJson") String text) {
        decodeChecked(text);
    }

    @Example
    void extremelyDeepNestingIsRefusedNotAStackOverflow() {
        String deep = "[".repeat(200_000) + "]".repeat(200_000);
        String frame = "{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msg\":\"m\",\"ext\":{\"a\":" + deep + "}}";
        assertThatThrownBy(() -> CODEC.decode(frame)).isInstanceOf(FrameException.class);
        String objects = "{\"a\":".repeat(200_000) + "1" + "}".repeat(200_000);
        assertThatThrownBy(() -> CODEC.decode(objects)).isInstanceOf(FrameException.class);
    }

    @Example
    void aHugeFrameIsDecodedOrRefusedWithoutOtherFailures() {
        decodeChecked("{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msg\":\"" + "x".repeat(4_000_000) + "\"}");
        decodeChecked("{\"type\":\"ping\",\"t\":" + "9".repeat(100_000) + "}");
        decodeChecked("{\"type\":\"syncStart\",\"count\":1e999999}");
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(300),
                Arbitraries.strings().withChars("{}[]\":,0123456789.eE+-tfnul \\\u0000\ud800\udc00").ofMaxLength(200),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(300));
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
        Arbitrary<byte[]> utf8Frames = jsonFrames().map(s -> s.getBytes(StandardCharsets.UTF_8));
        Arbitrary<byte[]> corrupted = Combinators.combine(utf8Frames, Arbitraries.integers().between(0, 1000),
                Arbitraries.of((byte) 0x80, (byte) 0xC0, (byte) 0xE2, (byte) 0xF0, (byte) 0xFF, (byte) 0xED))
                .as((b, at, bad) -> {
                    byte[] copy = b.clone();
                    if (copy.length > 0) {
                        copy[at % copy.length] = bad;
                    }
                    return copy;
                });
        return Arbitraries.oneOf(random, corrupted);
    }

    @Provide
    Arbitrary<String> jsonFrames() {
        Arbitrary<String> type = Arbitraries.oneOf(Arbitraries.of(TYPES), Arbitraries.strings().ofMaxLength(40));
        Arbitrary<List<String>> names = Arbitraries.oneOf(Arbitraries.of(FIELDS), Arbitraries.strings().ofMaxLength(10))
                .list().ofMaxSize(8);
        Arbitrary<List<JsonValue>> values = jsonValues(2).list().ofSize(8);
        Arbitrary<Boolean> withType = Arbitraries.of(true, true, true, false);
        return Combinators.combine(type, names, values, withType).as((t, fieldNames, fieldValues, typed) -> {
            JsonObjectBuilder object = Json.createObjectBuilder();
            if (typed) {
                object.add("type", t);
            }
            for (int i = 0; i < fieldNames.size(); i++) {
                object.add(fieldNames.get(i), fieldValues.get(i));
            }
            return object.build().toString();
        });
    }

    @Provide
    Arbitrary<String> mutatedFrames() {
        Arbitrary<String> valid = Arbitraries.of(
                "{\"type\":\"open\",\"appKey\":\"parley#chat\",\"user\":\"leo\",\"token\":\"007abc\",\"deviceId\":\"d\"}",
                "{\"type\":\"send\",\"localId\":\"l-1\",\"to\":\"roy\",\"chatType\":\"singleChat\",\"msgType\":\"txt\","
                        + "\"msg\":\"hi ✓ 你好\",\"ext\":{\"a\":[1,2,{\"b\":null}]}}",
                "{\"type\":\"delivered\",\"id\":\"42\"}",
                "{\"type\":\"read\",\"id\":\"42\"}",
                "{\"type\":\"renewToken\",\"token\":\"007xyz\"}",
                "{\"type\":\"ping\",\"t\":12345}",
                "{\"type\":\"message\",\"id\":\"42\",\"from\":\"leo\",\"to\":\"roy\",\"msg\":\"hi\",\"time\":1,\"ext\":{}}",
                "{\"type\":\"error\",\"code\":511,\"message\":\"too large\",\"localId\":\"l-9\"}",
                "{\"type\":\"syncStart\",\"count\":3}");
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 10_000);
        Arbitrary<String> insert = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(5),
                Arbitraries.of("\"", "{", "}", "[", "]", ",", ":", "null", "-1", "1e309", "\\u0000", "\\ud800",
                        "\u0000", "\ud800", "true", "\"type\":\"send\","));
        Arbitrary<Integer> kind = Arbitraries.integers().between(0, 5);
        return Combinators.combine(valid, where, insert, kind, Arbitraries.integers().between(1, 20))
                .as((text, at, piece, k, length) -> mutate(text, at % (text.length() + 1), piece, k, length));
    }

    private static String mutate(String text, int at, String piece, int kind, int length) {
        int end = Math.min(text.length(), at + length);
        return switch (kind) {
            case 0 -> text.substring(0, at) + piece + text.substring(at);          // insert
            case 1 -> text.substring(0, at) + text.substring(end);                 // delete
            case 2 -> text.substring(0, at) + piece + text.substring(end);         // replace
            case 3 -> text.substring(0, at);                                        // truncate
            case 4 -> text.substring(0, end) + text.substring(at);                  // duplicate a run
            default -> text.replace("\"" + piece, "\"" + piece + piece);          // double a quoted prefix
        };
    }

    @Provide
    Arbitrary<String> nestedJson() {
        Arbitrary<Integer> depth = Arbitraries.integers().between(1, 3_000);
        Arbitrary<Integer> size = Arbitraries.integers().between(0, 40_000);
        Arbitrary<Boolean> arrays = Arbitraries.of(true, false);
        Arbitrary<Boolean> closed = Arbitraries.of(true, true, true, false);
        return Combinators.combine(depth, size, arrays, closed).as((d, n, useArrays, balanced) -> {
            String open = useArrays ? "[" : "{\"k\":";
            String close = useArrays ? "]" : "}";
            String inner = open.repeat(d) + "\"" + "x".repeat(n) + "\"" + (balanced ? close.repeat(d) : "");
            return "{\"type\":\"send\",\"localId\":\"1\",\"to\":\"roy\",\"msg\":\"m\",\"ext\":{\"deep\":" + inner + "}}";
        });
    }

    private static Arbitrary<JsonValue> jsonValues(int depth) {
        Arbitrary<JsonValue> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30).map(Json::createValue),
                Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(25).map(s -> Json.createValue(
                        new java.math.BigDecimal(s))),
                Arbitraries.longs().map(Json::createValue),
                Arbitraries.doubles().map(d -> Double.isFinite(d) ? Json.createValue(d) : JsonValue.NULL),
                Arbitraries.of(JsonValue.TRUE, JsonValue.FALSE, JsonValue.NULL));
        if (depth == 0) {
            return scalar;
        }
        Arbitrary<JsonValue> array = jsonValues(depth - 1).list().ofMaxSize(3).map(list -> {
            JsonArrayBuilder builder = Json.createArrayBuilder();
            list.forEach(builder::add);
            return builder.build();
        });
        Arbitrary<JsonValue> object = Combinators.combine(Arbitraries.of(FIELDS).list().ofMaxSize(3),
                jsonValues(depth - 1).list().ofSize(3)).as((keys, vals) -> {
                    JsonObjectBuilder builder = Json.createObjectBuilder();
                    for (int i = 0; i < keys.size(); i++) {
                        builder.add(keys.get(i), vals.get(i));
                    }
                    return builder.build();
                });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar), net.jqwik.api.Tuple.of(1, array), net.jqwik.api.Tuple.of(1, object));
    }
}
