package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device that vanishes (TCP reset) while messages stream to it: the server's sends to its dead socket fail, and
 * every other delivery, to the user's other devices and the sender's receipts, is intact, with nothing twice.
 */
class DeadSocketTest {
    private static final FrameCodec CODEC = new FrameCodec();

    @TempDir
    Path dir;

    @Test
    void aSendToASocketThatHasJustDiedLeavesEveryOtherDeliveryIntact() throws Exception {
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0).rateLimit(1e6, 1_000_000)
                .frameRate(1e6, 1_000_000).build();
        try (LogCapture logs = new LogCapture();
             ParleyServer server = ParleyServer.start(config);
             RawClient amy = RawClient.signedIn(server, "amy");
             RawClient phone = RawClient.signedIn(server, "bob", "phone");
             RawClient tablet = RawClient.signedIn(server, "bob", "tablet")) {
            int rounds = 4;
            int perRound = 600;
            String body = "x".repeat(4_500); // the laptop does not read: its socket buffers fill, then writes queue
            for (int round = 0; round < rounds; round++) {
                WireClient laptop = WireClient.connect(server.port());
                laptop.sendText(CODEC.encode(new Frame.Open(server.appKey(), "bob",
                        server.userToken("bob", Duration.ofHours(1)), "laptop")));
                while (!laptop.next(Duration.ofSeconds(10)).orElseThrow().text().contains("syncEnd")) {
                    // opened, syncStart, then whatever is still pending, up to syncEnd
                }
                for (int i = 0; i < perRound; i++) {
                    amy.send(Frame.Send.text(round + "-" + i, "bob", i + body));
                    if (i == perRound * 5 / 6) {
                        laptop.reset(); // gone mid-stream, before the server has seen it
                    }
                }
                for (int i = 0; i < perRound; i++) {
                    amy.skipUntil(Frame.Receipt.class);
                }
            }
            int total = rounds * perRound;
            for (RawClient device : List.of(phone, tablet)) {
                List<Long> ids = new ArrayList<>();
                while (ids.size() < total) {
                    if (device.next() instanceof Frame.Message m) {
                        ids.add(Long.parseLong(m.id()));
                    }
                }
                Set<Long> distinct = new HashSet<>(ids);
                assertThat(distinct).as("nothing twice").hasSize(total);
                assertThat(ids).as("in commit order").isSorted();
            }
            Eventually.await("the dead laptops are forgotten", Duration.ofSeconds(10),
                    () -> server.openConnections() == 3);
            System.out.printf("dead socket: %d rounds, %,d messages of 4.5 KB each to 2 live devices and 1 reset "
                    + "mid-stream (%d failed sends logged); every one delivered once to each live device, every "
                    + "receipt sent%n", rounds, perRound, logs.linesContaining("a send failed").size());
        }
    }
}
