package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.websocket.CloseReason;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The guard on its own, fed bytes in every split a socket could produce (down to one byte at a time, so that headers
 * arrive in pieces): what it lets through reaches Tyrus unchanged and in order, and it refuses exactly the frame that
 * breaks a rule, after passing on the frames before it. The same rules over real sockets are in
 * {@link WebSocketFramingTest}.
 */
class FrameGuardTest {
    private static final int MAX = 1000;

    /** What the guard handed on, and the refusal if there was one. */
    private static final class Recorder {
        final ByteArrayOutputStream passed = new ByteArrayOutputStream();
        final List<Integer> sliceSizes = new ArrayList<>();
        final List<CloseReason> refusals = new ArrayList<>();
        int clientCloses;
        final FrameGuard guard = new FrameGuard(data -> {
            sliceSizes.add(data.remaining());
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            passed.writeBytes(bytes);
        }, MAX, refusals::add, () -> clientCloses++);

        Recorder feed(byte[] bytes, int chunk) {
            for (int at = 0; at < bytes.length; at += chunk) {
                guard.handle(ByteBuffer.wrap(bytes, at, Math.min(chunk, bytes.length - at)));
            }
            return this;
        }
    }

    /** One frame as a client sends it, its header declaring {@code length} (an unsigned 64-bit number). */
    private static byte[] frame(int firstByte, int payloadLength, boolean masked, long length) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        int maskBit = masked ? 0x80 : 0;
        if (length >= 0 && length < 126) {
            out.write(maskBit | (int) length);
        } else if (length >= 0 && length < 65_536) {
            out.write(maskBit | 126);
            out.write((int) (length >>> 8));
            out.write((int) length);
        } else {
            out.write(maskBit | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (length >>> shift));
            }
        }
        if (masked) {
            out.writeBytes(new byte[] {1, 2, 3, 4});
        }
        byte[] payload = new byte[payloadLength];
        Arrays.fill(payload, (byte) 'p');
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] frame(int firstByte, int payloadLength) {
        return frame(firstByte, payloadLength, true, payloadLength);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static final int TEXT = 0x81;
    private static final int TEXT_START = 0x01;
    private static final int CONTINUE = 0x00;
    private static final int CONTINUE_LAST = 0x80;
    private static final int PING = 0x89;
    private static final int BINARY = 0x82;

    @Test
    void framesWithinTheLimitsPassUnchangedInEverySplit() {
        byte[] stream = concat(frame(TEXT, 5), frame(TEXT, 125), frame(TEXT, 126), frame(BINARY, MAX),
                frame(PING, 125), frame(TEXT_START, 400), frame(PING, 0), frame(CONTINUE, 300),
                frame(CONTINUE_LAST, 300), frame(TEXT, 0), frame(TEXT, MAX));
        for (int chunk : new int[] {1, 2, 3, 7, 13, 14, 15, 100, 1024, stream.length}) {
            Recorder r = new Recorder().feed(stream, chunk);
            assertThat(r.refusals).as("chunks of %d", chunk).isEmpty();
            assertThat(r.passed.toByteArray()).as("chunks of %d", chunk).isEqualTo(stream);
        }
    }

    @Test
    void aFrameOverTheLimitIsRefusedWith1009AfterTheFramesBeforeIt() {
        byte[] before = concat(frame(TEXT, 10), frame(PING, 3));
        for (int chunk : new int[] {1, 5, 14, 4096}) {
            Recorder r = new Recorder().feed(concat(before, frame(TEXT, MAX + 1), frame(TEXT, 10)), chunk);
            assertThat(r.refusals).as("chunks of %d", chunk).singleElement()
                    .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1009));
            assertThat(r.passed.toByteArray()).as("chunks of %d", chunk).startsWith(before);
            assertThat(r.passed.size()).as("nothing of the refused frame's payload, nor after it")
                    .isLessThan(before.length + FrameGuard.MAX_HEADER);
        }
    }

    @Test
    void aHeaderAloneIsEnoughToRefuseAHugeFrame() {
        for (long declared : new long[] {MAX + 1L, 1L << 31, 1L << 40, Long.MAX_VALUE, 1L << 63, -1L}) {
            Recorder r = new Recorder().feed(frame(BINARY, 10, true, declared), 1);
            assertThat(r.refusals).as("declared %d", declared).singleElement()
                    .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1009));
        }
    }

    @Test
    void aFragmentedMessageIsRefusedOnceItsFragmentsAddUpToMoreThanTheLimit() {
        byte[] withinLimit = concat(frame(TEXT_START, 400), frame(CONTINUE, 300), frame(PING, 5),
                frame(CONTINUE_LAST, 300));
        byte[] overLimit = concat(frame(TEXT_START, 400), frame(CONTINUE, 300), frame(PING, 5),
                frame(CONTINUE_LAST, 301));
        Recorder ok = new Recorder().feed(concat(withinLimit, withinLimit), 3);
        assertThat(ok.refusals).as("each message counts on its own").isEmpty();
        Recorder refused = new Recorder().feed(overLimit, 3);
        assertThat(refused.refusals).singleElement()
                .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1009));
    }

    @Test
    void unmaskedFramesAndLongControlFramesAreRefusedWith1002() {
        Recorder unmasked = new Recorder().feed(concat(frame(TEXT, 3), frame(TEXT, 3, false, 3)), 1);
        assertThat(unmasked.refusals).singleElement()
                .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1002));
        assertThat(unmasked.passed.toByteArray()).as("the frame before, and at most the start of the refused header")
                .startsWith(frame(TEXT, 3)).hasSizeLessThan(frame(TEXT, 3).length + 2);
        Recorder longPing = new Recorder().feed(frame(PING, 126), 1);
        assertThat(longPing.refusals).singleElement()
                .satisfies(reason -> assertThat(reason.getCloseCode().getCode()).isEqualTo(1002));
    }

    @Test
    void afterARefusalNothingMorePassesAndTheClientsCloseFrameIsNoticed() {
        for (int chunk : new int[] {1, 100, 100_000}) {
            Recorder r = new Recorder().feed(frame(TEXT, MAX + 1), chunk);
            int passed = r.passed.size();
            r.feed(concat(frame(TEXT, 5), frame(PING, 100), frame(BINARY, 2 * MAX)), chunk);
            assertThat(r.clientCloses).isZero();
            r.feed(concat(frame(0x88, 2), frame(TEXT, 5)), chunk);
            assertThat(r.passed.size()).as("chunks of %d", chunk).isEqualTo(passed);
            assertThat(r.refusals).hasSize(1);
            assertThat(r.clientCloses).as("the close frame that follows the refused frame's payload").isEqualTo(1);
        }
    }

    @Test
    void bigReadsReachTyrusInSlices() {
        Recorder r = new Recorder();
        byte[] many = new byte[0];
        for (int i = 0; i < 400; i++) {
            many = concat(many, frame(BINARY, MAX));
        }
        r.feed(many, many.length);
        assertThat(r.refusals).isEmpty();
        assertThat(r.passed.toByteArray()).isEqualTo(many);
        assertThat(r.sliceSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(FrameGuard.SLICE));
        assertThat(r.sliceSizes).hasSizeGreaterThan(1);
    }

    @Test
    void textsOfAnySizeAreUnmaskedWholeOneAfterAnother() {
        // one array per reading thread, used again: larger texts than it, and shorter ones after longer ones
        TextFrames frames = new TextFrames();
        int mask = 0x11223344;
        List<String> texts = List.of("x".repeat(20_000), "short", "é".repeat(10_000), "你好", "y".repeat(8 * 1024),
                "{\"type\":\"delivered\",\"id\":\"7\"}", "");
        for (String text : texts) {
            byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] masked = new byte[payload.length + 3];
            for (int i = 0; i < payload.length; i++) {
                masked[3 + i] = (byte) (payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
            }
            assertThat(frames.decode(ByteBuffer.wrap(masked), 3, masked.length, mask)).isEqualTo(text);
        }
        byte[] notUtf8 = {(byte) (0xC3 ^ 0x11), (byte) (0x28 ^ 0x22)};
        assertThat(frames.decode(ByteBuffer.wrap(notUtf8), 0, 2, mask)).isNull();
    }

    /** A masked text frame with this text, FIN set unless it is a fragment. */
    private static byte[] text(int firstByte, String text) {
        byte[] payload = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(firstByte);
        out.write(0x80 | payload.length);
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }

    @Test
    void wholeTextFramesAreReadHereAndEverythingElseReachesTyrusInOrder() {
        byte[] a = text(0x81, "first ✓");
        byte[] ping = frame(0x89, 3);
        byte[] b = text(0x81, "second, 你好");
        byte[] fragment1 = text(0x01, "frag");
        byte[] fragment2 = text(0x80, "mented");
        byte[] c = text(0x81, "third");
        byte[] stream = concat(a, ping, b, fragment1, fragment2, c);
        for (int chunk : new int[] {stream.length, 7, 1}) {
            List<String> events = new ArrayList<>();
            FrameGuard guard = new FrameGuard(data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                events.add("tyrus " + bytes.length);
            }, MAX, reason -> events.add("refused"), () -> { });
            guard.readTextInto(message -> events.add("text " + message));
            for (int at = 0; at < stream.length; at += chunk) {
                guard.handle(ByteBuffer.wrap(stream, at, Math.min(chunk, stream.length - at)));
            }
            List<String> texts = events.stream().filter(e -> e.startsWith("text ")).toList();
            int tyrusBytes = events.stream().filter(e -> e.startsWith("tyrus ")).mapToInt(
                    e -> Integer.parseInt(e.substring(6))).sum();
            if (chunk == stream.length) {
                // one read holds everything: a, then the ping for Tyrus, b, the fragments for Tyrus, then c
                assertThat(events).containsExactly("text first ✓", "tyrus " + ping.length, "text second, 你好",
                        "tyrus " + (fragment1.length + fragment2.length), "text third");
            } else {
                // frames split across reads go to Tyrus whole, never half here and half there
                assertThat(texts).allMatch(t -> List.of("text first ✓", "text second, 你好", "text third")
                        .contains(t));
                assertThat(tyrusBytes + texts.stream().mapToInt(t -> switch (t) {
                    case "text first ✓" -> a.length;
                    case "text second, 你好" -> b.length;
                    default -> c.length;
                }).sum()).as("every byte went one way, chunks of %d", chunk).isEqualTo(stream.length);
            }
            assertThat(events).doesNotContain("refused");
        }
    }

    @Test
    void aTextFrameThatIsNotUtf8IsRefusedWith1007() {
        byte[] bad = text(0x81, "ok");
        bad[bad.length - 1] = (byte) (0xC3 ^ 0x22); // a lone lead byte once unmasked
        List<CloseReason> refusals = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        FrameGuard guard = new FrameGuard(data -> data.position(data.limit()), MAX, refusals::add, () -> { });
        guard.readTextInto(texts::add);
        guard.handle(ByteBuffer.wrap(concat(bad, text(0x81, "after"))));
        assertThat(texts).isEmpty();
        assertThat(refusals).singleElement().satisfies(r -> assertThat(r.getCloseCode().getCode()).isEqualTo(1007));
    }
}
