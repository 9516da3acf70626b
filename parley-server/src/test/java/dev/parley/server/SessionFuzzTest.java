package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameException;
import dev.parley.protocol.token.AccessToken2;
import dev.parley.protocol.token.AppCredentials;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes a live server's session handling over real WebSocket connections. Each try is a script on a new connection:
 * generated frames in any order (before and after {@code open}, {@code open} with every kind of bad credential,
 * random, mutated, deeply nested and oversized JSON, fragmented frames, WebSocket pings, text that is not UTF-8 and
 * binary frames). The oracle:
 * <ul>
 *   <li>every frame the server sends is a valid server frame, and every error code is one the protocol documents;</li>
 *   <li>every frame the codec cannot decode, over 16 KiB, or binary, gets an error (-3 or 511);</li>
 *   <li>the session is still answered at the end of the script (or was closed with a close code: 1008 after a
 *       refused sign-in, 1007 for text that is not UTF-8);</li>
 *   <li>once the client has gone, the server holds no connection for it (no leaked session);</li>
 *   <li>nothing is logged at ERROR (SEVERE), and after all tries two users still chat.</li>
 * </ul>
 * Half the scripts begin with a valid sign-in, so that what follows reaches the signed-in handling. Scripts per run
 * are {@code jqwik.tries.default} (5,000 in {@code verify}, 100,000 with {@code -Pfuzz-long}); the frames they send
 * are counted and printed.
 */
class SessionFuzzTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Set<Integer> DOCUMENTED_CODES = Set.of(-3, 27, 28, 39, 56, 204, 509, 511,
            210, 504, 600, 602, 603, 604, 605); // version 2: recall, edit and groups
    private static final int MAX_FRAME_BYTES = 16 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final AtomicLong FRAMES_SENT = new AtomicLong();
    private static final AtomicLong SCRIPTS = new AtomicLong();
    private static final AtomicLong SIGNED_IN = new AtomicLong();
    private static final AtomicLong CLOSED_BY_SERVER = new AtomicLong();

    private static Path dataDir;
    private static ParleyServer server;
    private static LogCapture logs;
    private static List<String> tokens;
    private static String validToken;

    @BeforeContainer
    static void startServer() throws IOException {
        logs = new LogCapture();
        dataDir = Files.createTempDirectory("parley-fuzz");
        server = ParleyServer.start(ServerConfig.builder().dataDir(dataDir).port(0).rateLimit(200, 200)
                .connectionRate(1_000_000, 1_000_000).build());
        server.userToken("fuzz-b", Duration.ofMinutes(1)); // a recipient who never signs in
        validToken = server.userToken("fuzz-a", Duration.ofHours(2));
        AppCredentials other = AppCredentials.generate(new SecureRandom());
        tokens = List.of(validToken,
                server.userToken("fuzz-c", Duration.ofHours(1)),                                   // another user
                AccessToken2.buildUserToken(new AppCredentials(server.credentials().appId(), other.appCertificate()),
                        "fuzz-a", Duration.ofHours(1), Clock.systemUTC()),                           // forged
                AccessToken2.buildUserToken(other, "fuzz-a", Duration.ofHours(1), Clock.systemUTC()),  // other app
                AccessToken2.buildUserToken(server.credentials(), "fuzz-a", Duration.ofMinutes(1),
                        Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))),                       // expired
                AccessToken2.buildUserToken(server.credentials(), "fuzz-a", Duration.ofHours(1),
                        Clock.offset(Clock.systemUTC(), Duration.ofHours(1))),                        // not yet valid
                AccessToken2.buildAppToken(server.credentials(), Duration.ofHours(1), Clock.systemUTC()),
                validToken.substring(0, validToken.length() / 2),                                     // truncated
                "007", "not a token", "");
    }

    @AfterContainer
    static void stopServer() throws IOException {
        try {
            try (RawClient a = RawClient.signedIn(server, "fuzz-x"); RawClient b = RawClient.signedIn(server, "fuzz-y")) {
                a.send(Frame.Send.text("after-fuzz", "fuzz-y", "still serving"));
                a.skipUntil(Frame.Receipt.class);
                assertThat(b.skipUntil(Frame.Message.class).msg()).isEqualTo("still serving");
            }
            List<String> errors = logs.lines().stream().filter(l -> l.contains(" SEVERE ")).toList();
            assertThat(errors).as("errors logged while fuzzing").isEmpty();
            System.out.printf("session fuzz: %,d scripts, %,d frames sent, %,d sign-ins, %,d connections closed by "
                    + "the server; every answer valid, no leaked session, no error logged%n", SCRIPTS.get(),
                    FRAMES_SENT.get(), SIGNED_IN.get(), CLOSED_BY_SERVER.get());
        } finally {
            server.close();
            logs.close();
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    // ---- the script and its oracle ----------------------------------------------------------------------------

    sealed interface Step {
    }

    /** A text frame, sent whole or in {@code pieces} fragments. */
    record Text(String text, int pieces) implements Step {
        @Override
        public String toString() {
            return "Text[" + (text.length() > 200 ? text.substring(0, 200) + "…(" + text.length() + ")" : text)
                    + ", pieces=" + pieces + "]";
        }
    }

    /** A text frame whose payload is not UTF-8. */
    record NotUtf8(byte[] payload) implements Step {
        @Override
        public String toString() {
            return "NotUtf8" + Arrays.toString(payload);
        }
    }

    /** A binary frame. */
    record Binary(byte[] payload) implements Step {
    }

    /** A WebSocket ping (control frame). */
    record WsPing(byte[] payload) implements Step {
    }

    @Property
    void anyScriptIsAnsweredWithValidFramesAndLeavesNoSession(@ForAll("scripts") List<Step> script) {
        SCRIPTS.incrementAndGet();
        List<Frame.ServerFrame> answers = new ArrayList<>();
        int badFrames = 0;
        boolean signedIn = false;
        Optional<Integer> closedWith = Optional.empty();
        try (WireClient client = WireClient.connect(server.port())) {
            for (Step step : script) {
                FRAMES_SENT.incrementAndGet();
                switch (step) {
                    case Text t -> {
                        String sent = new String(t.text().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                        sendText(client, sent, t.pieces());
                        Optional<Frame.ClientFrame> frame = decodable(sent);
                        if (frame.isEmpty()) {
                            badFrames++;
                        } else if (frame.get() instanceof Frame.Open && !signedIn) {
                            closedWith = awaitSignInOutcome(client, answers);
                            signedIn = closedWith.isEmpty();
                        }
                    }
                    case NotUtf8 n -> {
                        client.send(WireClient.TEXT, n.payload(), true);
                        closedWith = Optional.of(awaitClose(client, answers));
                        assertThat(closedWith.get()).as("close code for text that is not UTF-8").isEqualTo(1007);
                    }
                    case Binary b -> {
                        client.send(WireClient.BINARY, b.payload(), true);
                        badFrames++;
                    }
                    case WsPing p -> {
                        client.send(WireClient.PING, p.payload(), true);
                        awaitPong(client, answers, p.payload());
                    }
                }
                if (closedWith.isPresent()) {
                    CLOSED_BY_SERVER.incrementAndGet();
                    break;
                }
            }
            if (closedWith.isEmpty()) {
                awaitLiveness(client, answers, signedIn);
            }
        }
        for (Frame.ServerFrame f : answers) {
            if (f instanceof Frame.Error e) {
                assertThat(DOCUMENTED_CODES).as("error %s", e).contains(e.code());
            }
        }
        long badFrameErrors = answers.stream().filter(f -> f instanceof Frame.Error e && e.localId().isEmpty()
                && (e.code() == ErrorCode.BAD_FRAME.code() || e.code() == ErrorCode.MESSAGE_TOO_LARGE.code())).count();
        // A session the server closed may lose the error frames still queued when it closed (a 1007 for text that is
        // not UTF-8 is sent by the WebSocket layer at once, and may overtake them); one that goes on must answer all.
        if (closedWith.isEmpty()) {
            assertThat(badFrameErrors).as("errors for %d frames that cannot be decoded; answers %s", badFrames,
                    answers).isGreaterThanOrEqualTo(badFrames);
        }
        Eventually.await("the server forgets the connection", WAIT, () -> server.openConnections() == 0);
    }

    private static void sendText(WireClient client, String text, int pieces) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (pieces <= 1 || bytes.length < pieces) {
            client.send(WireClient.TEXT, bytes, true);
            return;
        }
        int size = bytes.length / pieces;
        for (int i = 0; i < pieces; i++) {
            int from = i * size;
            int to = i == pieces - 1 ? bytes.length : from + size;
            client.send(i == 0 ? WireClient.TEXT : WireClient.CONTINUATION, Arrays.copyOfRange(bytes, from, to),
                    i == pieces - 1);
        }
    }

    /** The frame the server will decode from {@code text}, or empty when it must answer with an error. */
    private static Optional<Frame.ClientFrame> decodable(String text) {
        if (text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES) {
            return Optional.empty();
        }
        try {
            return Optional.of(CODEC.decodeClientFrame(text));
        } catch (FrameException e) {
            return Optional.empty();
        }
    }

    /** Reads the next server frame; text frames are decoded (which checks they are valid server frames). */
    private static WireClient.WireFrame read(WireClient client, List<Frame.ServerFrame> answers, String waitingFor) {
        WireClient.WireFrame f = client.next(WAIT)
                .orElseThrow(() -> new AssertionError("no answer within " + WAIT + " while waiting for " + waitingFor
                        + "; answers so far " + answers));
        if (f.opcode() == WireClient.TEXT) {
            answers.add(CODEC.decodeServerFrame(f.text()));
        }
        return f;
    }

    /** After an {@code open}: signed in (empty) or refused and closed (the close code). */
    private static Optional<Integer> awaitSignInOutcome(WireClient client, List<Frame.ServerFrame> answers) {
        while (true) {
            WireClient.WireFrame f = read(client, answers, "the answer to open");
            if (f.opcode() == WireClient.CLOSE) {
                return Optional.of(f.closeCode());
            }
            if (!answers.isEmpty() && answers.getLast() instanceof Frame.SyncEnd) {
                SIGNED_IN.incrementAndGet();
                return Optional.empty();
            }
        }
    }

    private static int awaitClose(WireClient client, List<Frame.ServerFrame> answers) {
        while (true) {
            WireClient.WireFrame f = read(client, answers, "the close");
            if (f.opcode() == WireClient.CLOSE) {
                return f.closeCode();
            }
        }
    }

    private static void awaitPong(WireClient client, List<Frame.ServerFrame> answers, byte[] payload) {
        while (true) {
            WireClient.WireFrame f = read(client, answers, "a WebSocket pong");
            if (f.opcode() == WireClient.PONG) {
                assertThat(f.payload()).isEqualTo(payload);
                return;
            }
            assertThat(f.opcode()).as("closed while waiting for a pong").isNotEqualTo(WireClient.CLOSE);
        }
    }

    /** The session still answers: a ping when signed in, a valid open otherwise. */
    private static void awaitLiveness(WireClient client, List<Frame.ServerFrame> answers, boolean signedIn) {
        long marker = System.nanoTime();
        if (signedIn) {
            client.sendText(CODEC.encode(new Frame.Ping(marker)));
        } else {
            client.sendText(CODEC.encode(new Frame.Open(server.appKey(), "fuzz-a", validToken, "")));
        }
        while (true) {
            WireClient.WireFrame f = read(client, answers, signedIn ? "the marker pong" : "opened");
            assertThat(f.opcode()).as("closed instead of answering; answers %s", answers)
                    .isNotEqualTo(WireClient.CLOSE);
            Frame.ServerFrame last = answers.isEmpty() ? null : answers.getLast();
            if (signedIn ? last instanceof Frame.Pong p && p.t() == marker : last instanceof Frame.Opened) {
                return;
            }
        }
    }

    // ---- generators -------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<List<Step>> scripts() {
        Arbitrary<Step> text = Combinators.combine(frameText(), Arbitraries.frequency(
                Tuple.of(8, 1), Tuple.of(1, 2), Tuple.of(1, 3))).as(Text::new);
        Arbitrary<Step> notUtf8 = Arbitraries.of(
                new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {'{', (byte) 0xFF, '}'}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x82}).map(NotUtf8::new);
        Arbitrary<Step> binary = Arbitraries.bytes().array(byte[].class).ofMaxSize(64).map(Binary::new);
        Arbitrary<Step> wsPing = Arbitraries.bytes().array(byte[].class).ofMaxSize(125).map(WsPing::new);
        Arbitrary<Step> step = Arbitraries.frequencyOf(Tuple.of(60, text), Tuple.of(1, notUtf8), Tuple.of(1, binary),
                Tuple.of(2, wsPing));
        Arbitrary<Boolean> signInFirst = Arbitraries.of(true, false);
        return Combinators.combine(signInFirst, step.list().ofMinSize(1).ofMaxSize(14)).as((first, steps) -> {
            if (!first) {
                return steps;
            }
            List<Step> script = new ArrayList<>();
            script.add(new Text(CODEC.encode(new Frame.Open(server.appKey(), "fuzz-a", validToken, "")), 1));
            script.addAll(steps);
            return script;
        });
    }

    private Arbitrary<String> frameText() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, open()),
                Tuple.of(8, send()),
                Tuple.of(3, mark()),
                Tuple.of(2, renew()),
                Tuple.of(3, Arbitraries.longs().map(t -> "{\"type\":\"ping\",\"t\":" + t + "}")),
                Tuple.of(2, serverFrame()),
                Tuple.of(3, Arbitraries.strings().ofMaxLength(60)),
                Tuple.of(4, mutated()),
                Tuple.of(1, nested()),
                Tuple.of(1, oversized()));
    }

    private static String json(JsonObjectBuilder builder) {
        return builder.build().toString();
    }

    private Arbitrary<String> open() {
        Arbitrary<String> appKey = Arbitraries.oneOf(Arbitraries.just("parley#chat"),
                Arbitraries.of("PARLEY#CHAT", "other#app", "nohash", "a#b#c", ""));
        Arbitrary<String> user = Arbitraries.of("fuzz-a", "fuzz-a", "FUZZ-A", "fuzz-b", "ghost", "bad user!", "",
                "x".repeat(65));
        Arbitrary<String> token = Arbitraries.integers().between(0, 10).map(i -> tokens.get(i));
        return Combinators.combine(appKey, user, token, Arbitraries.strings().ofMaxLength(8))
                .as((k, u, t, d) -> json(Json.createObjectBuilder().add("type", "open").add("appKey", k)
                        .add("user", u).add("token", t).add("deviceId", d)));
    }

    private Arbitrary<String> send() {
        Arbitrary<String> localId = Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.strings().ofMinLength(60).ofMaxLength(70), Arbitraries.just(""));
        Arbitrary<String> to = Arbitraries.of("fuzz-b", "FUZZ-B", "fuzz-a", "nobody", "bad user!", "");
        Arbitrary<String> msg = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(50),
                Arbitraries.integers().between(5_118, 5_122).map("é"::repeat).map(s -> s.substring(0, s.length() / 2)),
                Arbitraries.integers().between(5_119, 5_121).map("m"::repeat));
        Arbitrary<String> extra = Arbitraries.of("", ",\"from\":\"fuzz-b\"", ",\"ext\":{\"a\":[1,{\"b\":null}]}",
                ",\"ext\":\"not an object\"", ",\"chatType\":\"groupChat\"", ",\"msgType\":\"img\"", ",\"msg\":null");
        return Combinators.combine(localId, to, msg, extra).as((l, t, m, x) -> {
            String base = json(Json.createObjectBuilder().add("type", "send").add("localId", l).add("to", t)
                    .add("msg", m));
            return base.substring(0, base.length() - 1) + x + "}";
        });
    }

    private Arbitrary<String> mark() {
        Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.longs().map(String::valueOf),
                Arbitraries.of("", "abc", "1e3", "99999999999999999999999", "-0"));
        return Combinators.combine(Arbitraries.of("delivered", "read"), id)
                .as((type, i) -> json(Json.createObjectBuilder().add("type", type).add("id", i)));
    }

    private Arbitrary<String> renew() {
        return Arbitraries.integers().between(0, 10).map(i -> json(Json.createObjectBuilder()
                .add("type", "renewToken").add("token", tokens.get(i))));
    }

    private Arbitrary<String> serverFrame() {
        return Arbitraries.of(
                "{\"type\":\"opened\",\"user\":\"fuzz-a\",\"expireTimestamp\":1,\"serverTime\":1}",
                "{\"type\":\"receipt\",\"localId\":\"1\",\"id\":\"1\",\"time\":1}",
                "{\"type\":\"message\",\"id\":\"1\",\"from\":\"fuzz-b\",\"to\":\"fuzz-a\",\"msg\":\"hi\",\"time\":1}",
                "{\"type\":\"error\",\"code\":500,\"message\":\"x\"}", "{\"type\":\"syncEnd\"}");
    }

    private Arbitrary<String> mutated() {
        Arbitrary<String> valid = Arbitraries.oneOf(send(), open(), mark(),
                Arbitraries.just("{\"type\":\"ping\",\"t\":1}"));
        return Combinators.combine(valid, Arbitraries.integers().between(0, 4), Arbitraries.integers().between(0, 999),
                Arbitraries.of("\"", "{", "}", "[", ",", ":", "\\", "\u0000", "\ud800", "null", "1e400", "\"type\":"))
                .as((text, kind, where, piece) -> {
                    int at = where % (text.length() + 1);
                    int end = Math.min(text.length(), at + 1 + where % 7);
                    return switch (kind) {
                        case 0 -> text.substring(0, at) + piece + text.substring(at);
                        case 1 -> text.substring(0, at) + text.substring(end);
                        case 2 -> text.substring(0, at) + piece + text.substring(end);
                        case 3 -> text.substring(0, at);
                        default -> text.substring(0, end) + text.substring(at);
                    };
                });
    }

    private Arbitrary<String> nested() {
        return Combinators.combine(Arbitraries.integers().between(900, 5_000), Arbitraries.of("[", "{\"a\":"))
                .as((depth, open) -> "{\"type\":\"ping\",\"t\":1,\"x\":" + open.repeat(depth) + "1"
                        + (open.equals("[") ? "]" : "}").repeat(depth) + "}");
    }

    private Arbitrary<String> oversized() {
        return Arbitraries.integers().between(16_300, 40_000)
                .map(n -> "{\"type\":\"ping\",\"t\":2,\"pad\":\"" + "p".repeat(n) + "\"}");
    }
}
