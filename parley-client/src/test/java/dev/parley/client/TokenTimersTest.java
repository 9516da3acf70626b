package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * When the token timers are set, with a fixed wall clock and a scheduler that only records: "will expire" at 80% and
 * "expired" at 100% of the lifetime left by the server's clock, whatever this machine's clock says.
 */
class TokenTimersTest {
    private record Scheduled(Runnable task, long delayMillis) {
    }

    private final List<Scheduled> scheduled = new ArrayList<>();
    private final AtomicLong wallClock = new AtomicLong(1_000_000);
    private final Runnable willExpire = () -> { };
    private final Runnable expired = () -> { };

    /** A scheduler that records what it is asked to run and when. */
    private ScheduledExecutorService recorder() {
        return (ScheduledExecutorService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ScheduledExecutorService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("schedule") && args[0] instanceof Runnable task) {
                        scheduled.add(new Scheduled(task, ((TimeUnit) args[2]).toMillis((Long) args[1])));
                        return Proxy.newProxyInstance(getClass().getClassLoader(),
                                new Class<?>[] {ScheduledFuture.class}, (p, m, a) -> m.getReturnType() == boolean.class
                                        ? Boolean.TRUE : null);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void eightyAndOneHundredPercentOfTheLifetimeByTheServersClock() {
        TokenTimers timers = new TokenTimers(recorder(), wallClock::get, willExpire, expired);
        long serverTime = 5_000_000; // the server's clock is 4,000 s ahead of this machine's

        timers.loggedIn(serverTime + 10_000, serverTime);

        assertThat(scheduled).containsExactly(new Scheduled(willExpire, 8_000), new Scheduled(expired, 10_000));
    }

    @Test
    void aRenewalCountsFromNowWithTheSameOffset() {
        TokenTimers timers = new TokenTimers(recorder(), wallClock::get, willExpire, expired);
        timers.loggedIn(5_010_000, 5_000_000);
        wallClock.addAndGet(6_000); // six seconds later by this machine's clock
        scheduled.clear();

        timers.renewed(5_026_000); // 20 s left by the server's clock

        assertThat(scheduled).containsExactly(new Scheduled(willExpire, 16_000), new Scheduled(expired, 20_000));
    }
}
