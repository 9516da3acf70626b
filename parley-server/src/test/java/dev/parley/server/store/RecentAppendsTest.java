package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.protocol.ChatType;
import dev.parley.protocol.Content;
import dev.parley.server.store.StoredMessage.DeliveryState;
import org.junit.jupiter.api.Test;

/** The recent appends a delivery mark takes instead of reading its message's row: bounded, and each given once. */
class RecentAppendsTest {
    private final RecentAppends recent = new RecentAppends();

    private static StoredMessage message(long id, String text) {
        return new StoredMessage(id, id, "alice", "l" + id, ChatType.SINGLE, "bob", new Content.Text(text), "{}",
                1_000 + id, DeliveryState.PENDING, "", 0);
    }

    @Test
    void aMessageIsGivenOnceAndAChangedOneNotAtAll() {
        StoredMessage first = message(1, "hello");
        recent.add(first);
        recent.add(message(2, "world"));

        assertThat(recent.take(1)).contains(first);
        assertThat(recent.take(1)).as("its mark took it out of the inbox: no second mark finds it pending").isEmpty();
        assertThat(recent.take(3)).isEmpty();
        recent.take(2); // what a recall or an edit does before it changes the row
        assertThat(recent.take(2)).isEmpty();
    }

    @Test
    void theOldestLeaveFirstOnceTheBudgetIsFull() {
        String text = "x".repeat(1_000);
        int fit = (int) (RecentAppends.BUDGET / (1_000 + 256)); // fewer than fit: each has its overhead and ids too
        for (int id = 1; id <= 2 * fit; id++) {
            recent.add(message(id, text));
        }

        assertThat(recent.count()).isLessThan(fit).isGreaterThan(fit / 2);
        assertThat(recent.take(1)).as("the oldest left").isEmpty();
        assertThat(recent.take(2L * fit)).as("the newest stayed").isPresent();
    }

    @Test
    void aLargeMessageIsNotKept() {
        recent.add(message(1, "x".repeat((int) (RecentAppends.BUDGET / 16))));
        recent.add(message(2, "small"));

        assertThat(recent.take(1)).isEmpty();
        assertThat(recent.take(2)).isPresent();
    }
}
