package dev.parley.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The per-account sign-in throttle on an explicit clock (milliseconds). */
class LoginThrottleTest {
    private final LoginThrottle throttle = new LoginThrottle();

    /** {@code n} failed sign-ins at {@code now}, each let through. */
    private void fail(String account, String address, long now, int n) {
        for (int i = 0; i < n; i++) {
            assertThat(throttle.tryBegin(account, address, now)).as("attempt %d let through", i + 1)
                    .isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void fiveFreeFailuresThenALockThatDoublesUpToFifteenMinutes() {
        long now = 0;
        fail("leo", "10.0.0.1", now, 5);
        assertThat(throttle.tryBegin("leo", "10.0.0.1", now)).isEqualTo(Duration.ofSeconds(1));
        long expected = 1000;
        for (int i = 0; i < 14; i++) {
            now += expected;
            assertThat(throttle.tryBegin("leo", "10.0.0.1", now)).as("after the lock").isEqualTo(Duration.ZERO);
            expected = Math.min(expected * 2, Duration.ofMinutes(15).toMillis());
            assertThat(throttle.tryBegin("leo", "10.0.0.1", now)).isEqualTo(Duration.ofMillis(expected));
        }
        assertThat(expected).isEqualTo(Duration.ofMinutes(15).toMillis());
    }

    @Test
    void aLockedAddressDoesNotLockTheOwnerOnAnotherAddress() {
        fail("leo", "10.0.0.66", 0, 5);
        assertThat(throttle.tryBegin("leo", "10.0.0.66", 0)).isPositive();
        assertThat(throttle.tryBegin("leo", "192.168.1.2", 0)).as("the owner's address").isZero();
        throttle.succeeded("leo", "192.168.1.2");
        assertThat(throttle.tryBegin("leo", "192.168.1.2", 0)).isZero();
        assertThat(throttle.tryBegin("roy", "10.0.0.66", 0)).as("other accounts from that address").isZero();
    }

    @Test
    void manyAddressesTogetherLockTheAccountAfterAHundredFailures() {
        for (int a = 0; a < 25; a++) {
            fail("leo", "10.0.1." + a, 0, 4); // under the per-address limit
        }
        Duration locked = throttle.tryBegin("leo", "10.0.2.1", 0);
        assertThat(locked).as("a fresh address after 100 failures").isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.tryBegin("leo", "10.0.2.1", 1000)).isZero();
        assertThat(throttle.tryBegin("leo", "10.0.2.2", 1000)).as("the 102nd failure doubles the lock")
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aSuccessResetsBothCounts() {
        fail("leo", "10.0.0.1", 0, 4);
        throttle.succeeded("leo", "10.0.0.1");
        fail("leo", "10.0.0.1", 0, 5);
        assertThat(throttle.tryBegin("leo", "10.0.0.1", 0)).isPositive();
    }

    @Test
    void anAttemptTheServerNeverJudgedDoesNotCount() {
        fail("leo", "10.0.0.1", 0, 4);
        throttle.abandoned("leo", "10.0.0.1");
        assertThat(throttle.tryBegin("leo", "10.0.0.1", 0)).as("the 4th failure again").isZero();
        assertThat(throttle.tryBegin("leo", "10.0.0.1", 0)).as("the 5th").isZero();
        assertThat(throttle.tryBegin("leo", "10.0.0.1", 0)).isPositive();
    }

    @Test
    void idleEntriesAreForgotten() {
        fail("leo", "10.0.0.1", 0, 5);
        assertThat(throttle.tracked()).isEqualTo(2);
        throttle.forgetIdle(Duration.ofMinutes(14).toMillis());
        assertThat(throttle.tracked()).as("failed within the last 15 minutes").isEqualTo(2);
        throttle.forgetIdle(Duration.ofMinutes(15).toMillis());
        assertThat(throttle.tracked()).isZero();
    }
}
