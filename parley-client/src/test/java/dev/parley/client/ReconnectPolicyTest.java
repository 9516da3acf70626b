package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReconnectPolicyTest {

    @Test
    void standardScheduleFollowsAgorasRangesWithJitter() {
        ReconnectPolicy policy = ReconnectPolicy.standard(new SplittableRandom(42));
        for (int attempt = 1; attempt <= 40; attempt++) {
            Set<Duration> seen = new HashSet<>();
            for (int sample = 0; sample < 200; sample++) {
                Duration delay = policy.delay(attempt);
                seen.add(delay);
                if (attempt <= 5) {
                    assertThat(delay).as("attempt %d", attempt).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
                } else if (attempt <= 19) {
                    assertThat(delay).as("attempt %d", attempt).isBetween(Duration.ofSeconds(3), Duration.ofSeconds(6));
                } else if (attempt >= 30) {
                    assertThat(delay).as("attempt %d", attempt).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
                } else {
                    assertThat(delay).as("attempt %d", attempt).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
                }
            }
            assertThat(seen).as("jitter for attempt %d", attempt).hasSizeGreaterThan(50);
        }
    }

    @Test
    void afterAgorasScheduleTheStandardPolicyKeepsACappedIntervalOfAtMostThirtySeconds() {
        ReconnectPolicy policy = ReconnectPolicy.standard(new SplittableRandom(7));
        for (int attempt : new int[] {30, 31, 100, 10_000, Integer.MAX_VALUE}) {
            for (int sample = 0; sample < 100; sample++) {
                assertThat(policy.delay(attempt)).as("attempt %d", attempt)
                        .isBetween(Duration.ofSeconds(15), ReconnectPolicy.MAX_STANDARD_DELAY);
            }
        }
        assertThat(ReconnectPolicy.MAX_STANDARD_DELAY).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void defaultStandardPolicyAlsoStaysInRange() {
        assertThat(ReconnectPolicy.standard().delay(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(ReconnectPolicy.standard().delay(25)).isBetween(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 27, 28, 56, 204, 206, 207, 217})
    void noRetryAfterCodesThatRetryingCannotFix(int code) {
        assertThat(ReconnectPolicy.standard().retriesAfter(code)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1, 16, 39, 500, 509})
    void retryAfterTransientCodes(int code) {
        assertThat(ReconnectPolicy.standard().retriesAfter(code)).isTrue();
    }

    @Test
    void customScheduleIsUsedAsGiven() {
        ReconnectPolicy policy = ReconnectPolicy.withDelays(attempt -> Duration.ofMillis(10L * attempt));
        assertThat(policy.delay(1)).isEqualTo(Duration.ofMillis(10));
        assertThat(policy.delay(7)).isEqualTo(Duration.ofMillis(70));
        assertThat(policy.retriesAfter(28)).isFalse();
    }

    @Test
    void attemptsStartAtOneAndDelaysMustNotBeNegative() {
        assertThatThrownBy(() -> ReconnectPolicy.standard().delay(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReconnectPolicy.withDelays(a -> Duration.ofMillis(-1)).delay(1))
                .isInstanceOf(IllegalStateException.class);
    }
}
