package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentIdsTest {

    @Test
    void anIdIsNewOnlyTheFirstTime() {
        RecentIds ids = new RecentIds(10);
        assertThat(ids.add("m1")).isTrue();
        assertThat(ids.add("m1")).isFalse();
        assertThat(ids.add("m2")).isTrue();
    }

    @Test
    void theOldestIdsAreForgottenBeyondTheCapacity() {
        RecentIds ids = new RecentIds(10_000);
        for (int i = 0; i < 10_500; i++) {
            ids.add("m" + i);
        }
        assertThat(ids.size()).isEqualTo(10_000);
        assertThat(ids.contains("m499")).isFalse();
        assertThat(ids.contains("m500")).isTrue();
        assertThat(ids.add("m10499")).isFalse();
    }
}
