package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TypingThrottleTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final TypingThrottle throttle = new TypingThrottle(now::get);

    private void advance(Duration d) {
        now.addAndGet(d.toNanos());
    }

    @Test
    void oneIndicationASecondPerConversation() {
        ConversationId roy = ConversationId.single("roy");
        assertThat(throttle.tryAcquire(roy)).isTrue();
        advance(Duration.ofMillis(999));
        assertThat(throttle.tryAcquire(roy)).isFalse();
        assertThat(throttle.tryAcquire(ConversationId.group("roy"))).as("another conversation").isTrue();
        advance(Duration.ofMillis(1));
        assertThat(throttle.tryAcquire(roy)).isTrue();
        assertThat(throttle.tryAcquire(roy)).isFalse();
    }

    @Test
    void aDroppedIndicationDoesNotPostponeTheNext() {
        ConversationId roy = ConversationId.single("roy");
        assertThat(throttle.tryAcquire(roy)).isTrue();
        for (int i = 0; i < 9; i++) {
            advance(Duration.ofMillis(100));
            assertThat(throttle.tryAcquire(roy)).isFalse();
        }
        advance(Duration.ofMillis(100));
        assertThat(throttle.tryAcquire(roy)).isTrue();
    }

    @Test
    void conversationsQuietForASecondAreForgottenWhenThereAreMany() {
        for (int i = 0; i < 1000; i++) {
            assertThat(throttle.tryAcquire(ConversationId.single("u" + i))).isTrue();
            advance(Duration.ofMillis(10));
            assertThat(throttle.size()).isLessThanOrEqualTo(257);
        }
        throttle.clear();
        assertThat(throttle.size()).isZero();
        assertThat(throttle.tryAcquire(ConversationId.single("u999"))).isTrue();
    }
}
