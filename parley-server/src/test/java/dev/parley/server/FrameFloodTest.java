package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.store.Write;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-connection frame budget: a flood of frames of any kind (WebSocket pings included) gets error 509 and the
 * connection is closed, while a client that acknowledges a large sync as fast as it reads is never mistaken for one.
 */
class FrameFloodTest {
    private static final FrameCodec CODEC = new FrameCodec();

    @TempDir
    Path dir;

    private ServerConfig.Builder config() {
        return ServerConfig.builder().dataDir(dir).port(0).frameRate(100, 1_000);
    }

    @Test
    void aFloodOfWebSocketPingsGetsAnErrorThenTheConnectionIsClosed() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             WireClient flooder = WireClient.connect(server.port());
             RawClient bystander = RawClient.signedIn(server, "amy")) {
            flooder.sendText(CODEC.encode(new Frame.Open(server.appKey(), "leo",
                    server.userToken("leo", Duration.ofHours(1)), "")));
            int sent = 0;
            long start = System.nanoTime();
            try {
                for (; sent < 5_000; sent++) {
                    flooder.send(WireClient.PING, new byte[] {1}, true);
                }
            } catch (UncheckedIOException closedUnderUs) {
                // the server closed the connection while the flood went on
            }
            List<Frame.ServerFrame> answers = new ArrayList<>();
            int pongs = 0;
            int closeCode = 0;
            while (closeCode == 0) {
                WireClient.WireFrame f = flooder.next(Duration.ofSeconds(10))
                        .orElseThrow(() -> new AssertionError("no close after the flood; answers " + answers));
                switch (f.opcode()) {
                    case WireClient.TEXT -> answers.add(CODEC.decodeServerFrame(f.text()));
                    case WireClient.PONG -> pongs++;
                    case WireClient.CLOSE -> closeCode = f.closeCode();
                    default -> { }
                }
            }
            assertThat(answers).filteredOn(a -> a instanceof Frame.Error).singleElement()
                    .satisfies(e -> assertThat(((Frame.Error) e).code()).isEqualTo(ErrorCode.RATE_LIMITED.code()));
            assertThat(closeCode).isEqualTo(1008);
            // the burst, plus what the rate (100/s) refilled while the flood went on
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(pongs).as("pongs before the budget ran out, in %.2f s", seconds)
                    .isBetween(900, 1_000 + (int) Math.ceil(100 * seconds) + 10);
            bystander.send(new Frame.Ping(4));
            assertThat(bystander.skipUntil(Frame.Pong.class).t()).as("others are served").isEqualTo(4);
            System.out.printf("ping flood: %,d pings sent, %,d answered, then error 509 and close %d%n", sent, pongs,
                    closeCode);
        }
    }

    @Test
    void aFloodOfJsonFramesGetsAnErrorThenTheConnectionIsClosed() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build());
             RawClient leo = RawClient.signedIn(server, "leo")) {
            for (int i = 0; i < 1_500 && !leo.isClosed(); i++) {
                leo.send(new Frame.Ping(i));
            }
            Frame.Error error = leo.skipUntil(Frame.Error.class);
            assertThat(error.code()).isEqualTo(ErrorCode.RATE_LIMITED.code());
            assertThat(leo.awaitClose()).isEqualTo(1008);
        }
    }

    @Test
    void acknowledgingALargeSyncAsFastAsItArrivesIsNotAFlood() throws Exception {
        try (ParleyServer server = ParleyServer.start(config().build())) {
            server.userToken("bob", Duration.ofHours(1));
            List<Write<?>> backlog = new ArrayList<>();
            for (int i = 0; i < 5_000; i++) {
                backlog.add(new Write.Append("amy", "m" + i, "bob", "hello " + i, "{}"));
            }
            server.store().commit(backlog);
            try (RawClient bob = RawClient.connect(server)) {
                bob.send(new Frame.Open(server.appKey(), "bob", server.userToken("bob", Duration.ofHours(1)), ""));
                bob.expect(Frame.Opened.class);
                assertThat(bob.expect(Frame.SyncStart.class).count()).isEqualTo(5_000);
                int acked = 0;
                while (true) {
                    Frame.ServerFrame f = bob.next();
                    if (f instanceof Frame.Message m) {
                        bob.send(new Frame.Delivered(m.id()));
                        bob.send(new Frame.Read(m.id()));
                        acked++;
                    } else if (f instanceof Frame.SyncEnd) {
                        break;
                    } else {
                        throw new AssertionError("unexpected " + f);
                    }
                }
                assertThat(acked).isEqualTo(5_000);
                bob.send(new Frame.Ping(9));
                assertThat(bob.skipUntil(Frame.Pong.class).t()).isEqualTo(9);
                Eventually.await("every message marked", Duration.ofSeconds(10),
                        () -> server.store().countPending("bob", Long.MAX_VALUE) == 0);
                assertThat(bob.isClosed()).isFalse();
            }
        }
    }

}
