package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frame limits of docs/protocol.md over real sockets, with frames no WebSocket library would send: a text frame
 * up to 256 KiB gets 511 and the session goes on; any frame, or fragmented message, over 256 KiB is refused with close
 * 1009 however large it claims to be; a frame without a mask is refused with close 1002. After each refusal the
 * server holds nothing for the connection. (Byte-level splits are in {@link FrameGuardTest}.)
 */
class WebSocketFramingTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int LIMIT = 256 * 1024;

    @TempDir
    Path dir;

    private ParleyServer server;

    @BeforeEach
    void start() throws Exception {
        server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0)
                .connectionRate(1_000_000, 1_000_000).build());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A text frame of exactly {@code size} bytes: a JSON ping padded to length. */
    static byte[] paddedPing(int size) {
        byte[] head = "{\"type\":\"ping\",\"pad\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[size];
        Arrays.fill(frame, (byte) 'p');
        System.arraycopy(head, 0, frame, 0, head.length);
        frame[size - 2] = '"';
        frame[size - 1] = '}';
        return frame;
    }

    private WireClient signedIn(String user) {
        WireClient c = WireClient.connect(server.port());
        c.sendText(CODEC.encode(new Frame.Open(server.appKey(), user, server.userToken(user, Duration.ofHours(1)),
                "")));
        while (!(nextServerFrame(c) instanceof Frame.SyncEnd)) {
            // opened, syncStart
        }
        return c;
    }

    private static Frame.ServerFrame nextServerFrame(WireClient c) {
        WireClient.WireFrame f = c.next(WAIT).orElseThrow(() -> new AssertionError("no frame within " + WAIT));
        assertThat(f.opcode()).as("a text frame, not a close (%s)", f.opcode() == WireClient.CLOSE
                ? f.closeCode() + " " + f.text() : "").isEqualTo(WireClient.TEXT);
        return CODEC.decodeServerFrame(f.text());
    }

    @Test
    void burstsOfFramesWrittenTogetherArriveAsSeparateWellFormedFrames() {
        server.close();
        server = startQuietLimits();
        try (WireClient leo = signedIn("leo"); WireClient roy = signedIn("roy")) {
            assertThat(server.directConnections()).as("both connections frame their messages themselves")
                    .isEqualTo(2);
            int count = 300;
            StringBuilder burst = new StringBuilder();
            for (int i = 0; i < count; i++) {
                roy.sendText(CODEC.encode(Frame.Send.text("m" + i, "leo", "message " + i + " " + "é".repeat(i))));
            }
            for (int i = 0; i < count; i++) {
                assertThat(nextServerFrame(roy)).isInstanceOfSatisfying(Frame.Receipt.class,
                        r -> assertThat(r.localId()).isEqualTo("m" + burst.length()));
                burst.append('.');
            }
            for (int i = 0; i < count; i++) {
                int n = i;
                assertThat(nextServerFrame(leo)).isInstanceOfSatisfying(Frame.Message.class,
                        m -> assertThat(m.msg()).isEqualTo("message " + n + " " + "é".repeat(n)));
            }
        }
    }

    private ParleyServer startQuietLimits() {
        try {
            return ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0)
                    .connectionRate(1_000_000, 1_000_000).rateLimit(1e6, 1_000_000).frameRate(1e6, 1_000_000)
                    .build());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends on another thread (the server may close before a big frame is written) and returns the close code. */
    private static int closeCodeAfter(WireClient c, Consumer<WireClient> send) throws Exception {
        CompletableFuture<Void> sending = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                send.accept(c);
            } catch (UncheckedIOException e) {
                // the server closed while the rest of the frame was still being written: that is the point
            }
            sending.complete(null);
        });
        List<String> before = new ArrayList<>();
        while (true) {
            WireClient.WireFrame f = c.next(WAIT).orElseThrow(() -> new AssertionError(
                    "no close within " + WAIT + "; frames before: " + before));
            if (f.opcode() == WireClient.CLOSE) {
                sending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                return f.closeCode();
            }
            before.add(f.opcode() == WireClient.TEXT ? f.text() : "opcode " + f.opcode());
        }
    }

    private void serverHoldsNoConnection() {
        Eventually.await("the server forgets every connection", WAIT, () -> server.openConnections() == 0);
    }

    private static void sessionGoesOn(WireClient c) {
        c.sendText(CODEC.encode(new Frame.Ping(42)));
        Frame.ServerFrame f;
        do {
            f = nextServerFrame(c);
        } while (!(f instanceof Frame.Pong));
        assertThat(((Frame.Pong) f).t()).isEqualTo(42);
    }

    @Test
    void aTextFrameOfExactly256KiBGets511AndTheSessionGoesOn() {
        try (WireClient c = signedIn("leo")) {
            c.send(WireClient.TEXT, paddedPing(LIMIT), true);
            assertThat(nextServerFrame(c)).isInstanceOfSatisfying(Frame.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE.code()));
            sessionGoesOn(c);
        }
    }

    @Test
    void everyFrameOver256KiBIsRefusedWith1009() throws Exception {
        int[] sizes = {LIMIT + 1, 300_000, 512 * 1024 - 14, 512 * 1024 + 1, 1024 * 1024, 4 * 1024 * 1024,
                16 * 1024 * 1024};
        for (int size : sizes) {
            try (WireClient c = signedIn("leo")) {
                byte[] frame = paddedPing(size);
                assertThat(closeCodeAfter(c, w -> w.send(WireClient.TEXT, frame, true)))
                        .as("close code for a text frame of %,d bytes", size).isEqualTo(1009);
            }
        }
        try (WireClient c = signedIn("leo")) {
            assertThat(closeCodeAfter(c, w -> w.send(WireClient.BINARY, new byte[300_000], true)))
                    .as("a binary frame over the limit").isEqualTo(1009);
        }
        try (WireClient c = WireClient.connect(server.port())) {
            assertThat(closeCodeAfter(c, w -> w.send(WireClient.TEXT, paddedPing(LIMIT + 1), true)))
                    .as("before sign-in too").isEqualTo(1009);
        }
        serverHoldsNoConnection();
    }

    @Test
    void aFrameThatClaimsATerabyteIsRefusedFromItsHeader() throws Exception {
        try (WireClient c = signedIn("leo")) {
            ByteArrayOutputStream start = new ByteArrayOutputStream();
            start.write(0x80 | WireClient.TEXT);
            start.write(0x80 | 127);
            long terabyte = 1L << 40;
            for (int shift = 56; shift >= 0; shift -= 8) {
                start.write((int) (terabyte >>> shift));
            }
            start.writeBytes(new byte[] {1, 2, 3, 4}); // the mask
            start.writeBytes(new byte[64 * 1024]);     // the first 64 KiB of the promised terabyte
            assertThat(closeCodeAfter(c, w -> w.sendRaw(start.toByteArray()))).isEqualTo(1009);
        }
        serverHoldsNoConnection();
    }

    @Test
    void aFragmentedMessageOver256KiBIsRefusedWith1009() throws Exception {
        byte[] text = paddedPing(300_000);
        try (WireClient c = signedIn("leo")) {
            assertThat(closeCodeAfter(c, w -> {
                w.send(WireClient.TEXT, Arrays.copyOfRange(text, 0, 100_000), false);
                w.send(WireClient.CONTINUATION, Arrays.copyOfRange(text, 100_000, 200_000), false);
                w.send(WireClient.CONTINUATION, Arrays.copyOfRange(text, 200_000, 300_000), true);
            })).as("three text fragments of 100,000 bytes").isEqualTo(1009);
        }
        try (WireClient c = signedIn("leo")) {
            assertThat(closeCodeAfter(c, w -> {
                w.send(WireClient.BINARY, new byte[100_000], false);
                w.send(WireClient.CONTINUATION, new byte[100_000], false);
                w.send(WireClient.CONTINUATION, new byte[100_000], true);
            })).as("three binary fragments of 100,000 bytes").isEqualTo(1009);
        }
        try (WireClient c = signedIn("leo")) {
            assertThat(closeCodeAfter(c, w -> {
                w.send(WireClient.TEXT, Arrays.copyOfRange(text, 0, 1_000), false);
                for (int at = 1_000; at < text.length; at += 1_000) {
                    w.send(WireClient.PING, new byte[] {7}, true); // control frames may come between fragments
                    boolean last = at + 1_000 >= text.length;
                    w.send(WireClient.CONTINUATION, Arrays.copyOfRange(text, at, at + 1_000), last);
                }
            })).as("300 fragments of 1,000 bytes with pings between them").isEqualTo(1009);
        }
        serverHoldsNoConnection();
    }

    @Test
    void aFragmentedMessageOfExactly256KiBGets511AndTheSessionGoesOn() {
        byte[] text = paddedPing(LIMIT);
        try (WireClient c = signedIn("leo")) {
            for (int at = 0; at < LIMIT; at += 64 * 1024) {
                c.send(at == 0 ? WireClient.TEXT : WireClient.CONTINUATION,
                        Arrays.copyOfRange(text, at, at + 64 * 1024), at + 64 * 1024 == LIMIT);
            }
            assertThat(nextServerFrame(c)).isInstanceOfSatisfying(Frame.Error.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE.code()));
            sessionGoesOn(c);
        }
    }

    @Test
    void anUnmaskedFrameIsRefusedWith1002() throws Exception {
        byte[] ping = CODEC.encode(new Frame.Ping(1)).getBytes(StandardCharsets.UTF_8);
        try (WireClient c = signedIn("leo")) {
            c.send(WireClient.TEXT, ping, true);
            assertThat(nextServerFrame(c)).as("a masked frame is answered").isInstanceOf(Frame.Pong.class);
            assertThat(closeCodeAfter(c, w -> w.send(WireClient.TEXT, ping, true, false))).isEqualTo(1002);
        }
        try (WireClient c = WireClient.connect(server.port())) {
            assertThat(closeCodeAfter(c, w -> w.send(WireClient.PING, new byte[] {1}, true, false)))
                    .as("an unmasked control frame before sign-in").isEqualTo(1002);
        }
        serverHoldsNoConnection();
    }
}
