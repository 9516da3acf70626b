package dev.parley.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bus formats between nodes: what is written is read back, and a snapshot's parts stay small. */
class PresenceWireTest {
    @Test
    void aPresenceMessageAndADeliveryReadBackAsWritten() {
        var leo = new PresenceCluster.NodePresence(2, 17, "在开会 📅", 42);
        PresenceWire update = new PresenceWire(PresenceWire.Type.UPDATE, "node-1", 7, 0, "", Map.of("leo", leo));
        assertThat(PresenceWire.parse(update.toBytes())).isEqualTo(update);
        PresenceWire hello = PresenceWire.hello("node-1", "node-2");
        assertThat(PresenceWire.parse(hello.toBytes())).isEqualTo(hello);

        BusDelivery d = new BusDelivery(BusDelivery.Kind.MESSAGE, "x.*", 5, "x.*", "c1", "phone", "node-1",
                "{\"message\":\"é\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        BusDelivery back = BusDelivery.parse(d.toBytes());
        assertThat(back.kind()).isEqualTo(d.kind());
        assertThat(List.of(back.user(), back.to(), back.exceptConnectionId(), back.exceptDeviceId(), back.origin()))
                .containsExactly("x.*", "x.*", "c1", "phone", "node-1");
        assertThat(back.id()).isEqualTo(5);
        assertThat(back.encoded().text()).isEqualTo("{\"message\":\"é\"}");
    }

    @Test
    void truncatedOrForeignBytesAreRefused() {
        byte[] whole = new PresenceWire(PresenceWire.Type.HEARTBEAT, "n", 1, 0, "", Map.of()).toBytes();
        assertThatThrownBy(() -> PresenceWire.parse(java.util.Arrays.copyOf(whole, whole.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PresenceWire.parse(new byte[] {9, 9})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BusDelivery.parse(new byte[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aSnapshotOfManyUsersWithLongStatusLinesComesInPartsUnderTheLimit() {
        Map<String, PresenceCluster.NodePresence> all = new HashMap<>();
        for (int i = 0; i < 1_000; i++) {
            all.put("user" + i, new PresenceCluster.NodePresence(1, 0, "x".repeat(5_000), 1));
        }
        List<PresenceWire> parts = PresenceWire.snapshot("n", 3, all);
        assertThat(parts).allSatisfy(p -> assertThat(p.toBytes().length).isLessThan(512 * 1024));
        assertThat(parts.stream().mapToInt(p -> p.entries().size()).sum()).isEqualTo(1_000);
        assertThat(parts.getFirst().part()).isZero();
        assertThat(PresenceWire.snapshot("n", 0, Map.of())).as("one empty part: it still replaces").hasSize(1);
    }
}
