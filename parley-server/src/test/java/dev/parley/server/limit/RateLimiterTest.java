package dev.parley.server.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Token buckets on an explicit clock: bursts, refill, separate keys, forgetting idle keys. */
class RateLimiterTest {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aKeyMayTakeItsBurstThenTheSustainedRate() {
        RateLimiter limiter = new RateLimiter(2, 3);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a", 0)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 0)).isFalse();
        assertThat(limiter.tryAcquire("a", SECOND / 4)).as("half a token back").isFalse();
        assertThat(limiter.tryAcquire("a", SECOND / 2)).as("one token back after 0.5 s at 2/s").isTrue();
        assertThat(limiter.tryAcquire("a", SECOND / 2)).isFalse();
        assertThat(limiter.tryAcquire("a", 100 * SECOND)).as("refills up to the burst, no more").isTrue();
        assertThat(limiter.tryAcquire("a", 100 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("a", 100 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("a", 100 * SECOND)).isFalse();
    }

    @Test
    void keysHaveTheirOwnBuckets() {
        RateLimiter limiter = new RateLimiter(1, 1);
        assertThat(limiter.tryAcquire("10.0.0.1", 0)).isTrue();
        assertThat(limiter.tryAcquire("10.0.0.1", 0)).isFalse();
        assertThat(limiter.tryAcquire("10.0.0.2", 0)).isTrue();
    }

    @Test
    void perMinuteAllowsTheWholeMinutesWorthAtOnceThenOneEveryFewSeconds() {
        RateLimiter limiter = RateLimiter.perMinute(6);
        for (int i = 0; i < 6; i++) {
            assertThat(limiter.tryAcquire("a", 0)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 9 * SECOND)).isFalse();
        assertThat(limiter.tryAcquire("a", 10 * SECOND)).isTrue();
    }

    @Test
    void idleKeysAreForgottenAndStartAfreshWithAFullBucket() {
        RateLimiter limiter = new RateLimiter(1, 2);
        limiter.tryAcquire("a", 0);
        limiter.tryAcquire("a", 0);
        limiter.forgetIdle(SECOND);
        assertThat(limiter.tryAcquire("a", SECOND)).as("not yet full: kept, one token").isTrue();
        assertThat(limiter.tryAcquire("a", SECOND)).isFalse();
        limiter.forgetIdle(10 * SECOND);
        assertThat(limiter.tryAcquire("a", 10 * SECOND)).isTrue();
        assertThat(limiter.tryAcquire("a", 10 * SECOND)).isTrue();
    }

    @Test
    void aKeySharedByNodesGetsItsShareOfTheBurstAndRateAndAllOfItWhenAlone() {
        RateLimiter limiter = new RateLimiter(4, 8);
        for (int i = 0; i < 4; i++) {
            assertThat(limiter.tryAcquire("a", 0, 2)).isTrue();
        }
        assertThat(limiter.tryAcquire("a", 0, 2)).as("half the burst on each of two nodes").isFalse();
        assertThat(limiter.tryAcquire("a", SECOND / 4, 2)).as("refilling at 2/s, not 4/s").isFalse();
        assertThat(limiter.tryAcquire("a", SECOND / 2, 2)).isTrue();
        assertThat(limiter.tryAcquire("a", 2 * SECOND, 3)).as("three nodes: 4/3 a second").isTrue();
        assertThat(limiter.tryAcquire("a", 50 * SECOND, 16)).as("a share holds at least one token").isTrue();
        assertThat(limiter.tryAcquire("a", 50 * SECOND, 16)).isFalse();
        assertThat(limiter.tryAcquire("a", 100 * SECOND, 1)).as("alone again: the whole burst").isTrue();
        int more = 0;
        while (limiter.tryAcquire("a", 100 * SECOND, 1)) {
            more++;
        }
        assertThat(more).isEqualTo(7);
        assertThatThrownBy(() -> limiter.tryAcquire("a", 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aRateOrBurstBelowOneIsRefused() {
        assertThatThrownBy(() -> new RateLimiter(0, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
