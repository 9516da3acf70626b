package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Local ids are unique, fit the protocol (≤ 64 characters), and rise with time, so that the server's index of a
 * sender's ids grows at its end.
 */
class LocalIdTest {

    @Test
    void idsAreThirtyTwoHexCharactersAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            String id = TextMessage.create("roy", "hi").localId();
            assertThat(id).hasSize(32).matches("[0-9a-f]{32}");
            assertThat(seen.add(id)).as("id %s repeated", id).isTrue();
        }
    }

    @Test
    void aLaterIdSortsAfterAnEarlierOneWhateverItsRandomPart() {
        byte[] high = new byte[10];
        java.util.Arrays.fill(high, (byte) 0xFF);
        byte[] low = new byte[10];
        List<String> ids = new ArrayList<>();
        for (long millis = 1_765_000_000_000L; millis < 1_765_000_000_000L + 2_000; millis += 997) {
            ids.add(TextMessage.newLocalId(millis, millis % 2 == 0 ? high : low));
        }
        assertThat(ids).isSorted();
        assertThat(TextMessage.newLocalId(1_765_000_000_000L, low)).startsWith("019af232b200");
    }
}
