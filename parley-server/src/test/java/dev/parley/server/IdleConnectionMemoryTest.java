package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.Frame;
import dev.parley.protocol.FrameCodec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idle signed-in connection costs little heap. Grizzly's HTTP codec used to keep the request that asked for the
 * upgrade (its header chunks, bytes and response: about 10 KB of an idle connection's 17 KB) for as long as the
 * WebSocket lived; {@link UpgradedConnectionFilter} lets it go. Here the whole cost of an idle connection, this test's
 * own client socket included, must stay under 10 KB. The figure at 10,000 connections, with the clients in another
 * JVM, comes from {@code bench/run connections}.
 */
class IdleConnectionMemoryTest {
    private static final FrameCodec CODEC = new FrameCodec();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int CONNECTIONS = 1_000;
    private static final String UPGRADE_REQUEST = "org.glassfish.grizzly.http.HttpServerFilter$ServerHttpRequestImpl";

    @TempDir
    Path dir;

    private static WireClient signedIn(ParleyServer server, String user, String token) {
        WireClient c = WireClient.connect(server.port());
        c.sendText(CODEC.encode(new Frame.Open(server.appKey(), user, token, "")));
        while (true) {
            WireClient.WireFrame f = c.next(WAIT).orElseThrow(() -> new AssertionError("not signed in in time"));
            assertThat(f.opcode()).as("signed in, not closed").isEqualTo(WireClient.TEXT);
            if (CODEC.decodeServerFrame(f.text()) instanceof Frame.SyncEnd) {
                return c;
            }
        }
    }

    @Test
    void anIdleSignedInConnectionKeepsNoHttpRequestAndCostsUnder10KB() throws Exception {
        ServerConfig config = ServerConfig.builder().dataDir(dir).port(0)
                .maxConnectionsPerAddress(CONNECTIONS + 50).connectionRate(1_000_000, 1_000_000).build();
        try (ParleyServer server = ParleyServer.start(config)) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                tokens.add(server.userToken("idle" + i, Duration.ofHours(1)));
            }
            for (int i = 0; i < 20; i++) { // warm up: classes, pools and caches the first connections bring in
                signedIn(server, "idle" + i, tokens.get(i)).close();
            }
            Eventually.await("the warm-up connections are gone", WAIT, () -> server.openConnections() == 0);
            HeapSnapshot before = HeapSnapshot.take();

            List<WireClient> clients = new ArrayList<>();
            for (int i = 0; i < CONNECTIONS; i++) {
                clients.add(signedIn(server, "idle" + i, tokens.get(i)));
            }
            HeapSnapshot with = HeapSnapshot.take();
            double perConnection = (with.used() - before.used()) / (double) CONNECTIONS;
            System.out.printf("idle connections: %,d signed in, %.0f bytes of heap each (server and this test's "
                    + "client socket); what grew, per connection:%n%s%n", CONNECTIONS, perConnection,
                    with.growthSince(before, CONNECTIONS, 8));

            assertThat(with.instancesMoreThan(before, UPGRADE_REQUEST))
                    .as("upgrade requests kept for %d idle connections", CONNECTIONS)
                    .isLessThan(CONNECTIONS / 10);
            assertThat(perConnection).as("heap bytes per idle connection").isLessThan(10_000);
            clients.forEach(WireClient::close);
            Eventually.await("the server forgets every connection", WAIT, () -> server.openConnections() == 0);
        }
    }
}
