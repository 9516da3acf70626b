package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a client can get wrong, a thousand times over, leaves a handful of log lines and no stack trace: frames over
 * 256 KiB (whole, fragmented, or only announced in a header), refused sign-ins (forged, expired, another app's and
 * malformed tokens), and frames that break the WebSocket protocol (unmasked, reserved bits, text that is not UTF-8, a
 * close code a client may not send). Each gets its close code; each kind of log line is written at most once every
 * 10 s ({@link dev.parley.server.limit.LogLimiter}), and Tyrus's own reports of protocol errors stay below INFO.
 */
class LogFloodTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Faults of each kind (oversized frames, refused sign-ins, protocol errors), shared among its variants. */
    private static final int PER_KIND = 1_000;
    /** Kinds of line the flood may write: refused frames, refused sign-ins. */
    private static final int KINDS = 2;

    @TempDir
    Path dir;

    /** One bad thing a client does on a fresh connection, and the close code it must get. */
    private record Misdeed(String name, int closeCode, Consumer<WireClient> act) {
    }

    @Test
    void thousandsOfClientFaultsLogAHandfulOfLinesAndNoStackTrace() throws Exception {
        try (LogCapture logs = new LogCapture();
             ParleyServer server = ParleyServer.start(ServerConfig.builder().dataDir(dir).port(0)
                     .connectionRate(1_000_000, 1_000_000).build())) {
            List<List<Misdeed>> kinds = misdeeds(server);
            Map<String, AtomicInteger> closedAsExpected = new ConcurrentHashMap<>();
            int linesBefore = logs.lines().size();
            long start = System.nanoTime();
            int faults = 0;
            try (var executor = Executors.newFixedThreadPool(4)) {
                List<Future<?>> runs = new ArrayList<>();
                for (List<Misdeed> kind : kinds) {
                    for (int i = 0; i < PER_KIND; i++) {
                        Misdeed m = kind.get(i % kind.size());
                        faults++;
                        runs.add(executor.submit(() -> {
                            int code = commit(server, m);
                            assertThat(code).as("close code after %s", m.name()).isEqualTo(m.closeCode());
                            closedAsExpected.computeIfAbsent(m.name(), k -> new AtomicInteger()).incrementAndGet();
                        }));
                    }
                }
                for (Future<?> run : runs) {
                    run.get();
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            Eventually.await("the server forgets every connection", WAIT, () -> server.openConnections() == 0);

            List<String> lines = logs.lines().subList(linesBefore, logs.lines().size());
            long bound = KINDS * (1 + (long) Math.ceil(seconds / 10));
            System.out.printf("log flood: %,d client faults in %.1f s (%s) left %d log lines:%n",
                    faults, seconds, closedAsExpected, lines.size());
            lines.forEach(l -> System.out.println("  | " + l));
            assertThat(lines).as("no stack trace").noneMatch(l -> l.contains("\tat ") || l.contains("Exception"));
            assertThat(lines).as("at most one line per kind every 10 s").hasSizeLessThanOrEqualTo((int) bound);
            assertThat(lines).as("each written line says how many were left out, or is the first of its kind")
                    .allMatch(l -> l.contains("more like this left out") || l.contains("refused"));

            try (RawClient a = RawClient.signedIn(server, "amy"); RawClient b = RawClient.signedIn(server, "bob")) {
                a.send(Frame.Send.text("after", "bob", "still serving"));
                a.skipUntil(Frame.Receipt.class);
                assertThat(b.skipUntil(Frame.Message.class).msg()).isEqualTo("still serving");
            }
        }
    }

    /** The faults, by kind: frames over 256 KiB, refused sign-ins, WebSocket protocol errors. */
    private static List<List<Misdeed>> misdeeds(ParleyServer server) {
        server.userToken("mallory", Duration.ofMinutes(1)); // registers her
        AppCredentials forger = AppCredentials.generate(new SecureRandom());
        String forged = AccessToken2.buildUserToken(new AppCredentials(server.credentials().appId(),
                forger.appCertificate()), "mallory", Duration.ofHours(1), Clock.systemUTC());
        String expired = AccessToken2.buildUserToken(server.credentials(), "mallory", Duration.ofMinutes(1),
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2)));
        String otherApp = AccessToken2.buildUserToken(forger, "mallory", Duration.ofHours(1), Clock.systemUTC());
        byte[] oversized = WebSocketFramingTest.paddedPing(256 * 1024 + 1);
        byte[] ping = CODEC.encode(new Frame.Ping(1)).getBytes(StandardCharsets.UTF_8);
        List<Misdeed> oversizedFrames = List.of(
                new Misdeed("a whole frame over 256 KiB", 1009, c -> c.send(WireClient.TEXT, oversized, true)),
                new Misdeed("a header announcing 4 MiB", 1009, c -> c.sendRaw(header(4 << 20, 1_024))),
                new Misdeed("3 fragments of 100,000 bytes", 1009, c -> {
                    c.send(WireClient.TEXT, new byte[100_000], false);
                    c.send(WireClient.CONTINUATION, new byte[100_000], false);
                    c.send(WireClient.CONTINUATION, new byte[100_000], true);
                }));
        List<Misdeed> refusedSignIns = List.of(
                new Misdeed("a forged token", 1008, c -> c.sendText(open(server, forged))),
                new Misdeed("an expired token", 1008, c -> c.sendText(open(server, expired))),
                new Misdeed("another app's token", 1008, c -> c.sendText(open(server, otherApp))),
                new Misdeed("a malformed token", 1008, c -> c.sendText(open(server, "007not-a-token"))));
        List<Misdeed> protocolErrors = List.of(
                new Misdeed("an unmasked frame", 1002, c -> c.send(WireClient.TEXT, ping, true, false)),
                new Misdeed("a reserved bit", 1002, c -> c.send(0x40 | WireClient.TEXT, ping, true)),
                new Misdeed("text that is not UTF-8", 1007,
                        c -> c.send(WireClient.TEXT, new byte[] {'{', (byte) 0xC3, 0x28, '}'}, true)),
                new Misdeed("close code 999", 1002, c -> c.send(WireClient.CLOSE, new byte[] {3, (byte) 0xE7}, true)));
        return List.of(oversizedFrames, refusedSignIns, protocolErrors);
    }

    private static String open(ParleyServer server, String token) {
        return CODEC.encode(new Frame.Open(server.appKey(), "mallory", token, ""));
    }

    /** A masked text frame header announcing {@code announced} bytes, followed by only {@code sent} of them. */
    private static byte[] header(long announced, int sent) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | WireClient.TEXT);
        out.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (announced >>> shift));
        }
        out.writeBytes(new byte[] {9, 8, 7, 6});
        out.writeBytes(new byte[sent]);
        return out.toByteArray();
    }

    /** Connects, misbehaves, and returns the close code the server answered with; then hangs up. */
    private static int commit(ParleyServer server, Misdeed m) {
        WireClient c = WireClient.connect(server.port());
        try {
            try {
                m.act().accept(c);
            } catch (UncheckedIOException e) {
                // the server refused before the client had finished writing
            }
            while (true) {
                WireClient.WireFrame f = c.next(WAIT).orElseThrow(() -> new AssertionError(
                        "no close within " + WAIT + " after " + m.name()));
                if (f.opcode() == WireClient.CLOSE) {
                    return f.closeCode();
                }
            }
        } finally {
            c.abort();
        }
    }
}
