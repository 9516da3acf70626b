package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * When to try again after a lost connection, and when not to (in the manner of Smack's {@code ReconnectionManager}).
 * How many attempts are made is {@link ChatOptions#autoReconnectMaxAttempts()} (by default there is no end); the
 * {@link ChatClient} runs the attempts, makes the next one at once on {@link ChatClient#reconnectNow()}, and cancels
 * them on {@link ChatClient#close()}.
 * <p>
 * The {@linkplain #standard() standard} schedule is Agora Chat's, then a capped interval, with random jitter so that
 * many clients that lost the same server do not all come back at the same moment: attempts 1–5 wait 1–2 s, attempts
 * 6–19 wait 3–6 s, attempts 20–29 wait 5–10 s (Agora's schedule), and every later attempt 15–30 s, never more than
 * {@link #MAX_STANDARD_DELAY}. A client that keeps trying thus comes back within 30 s of its server. Tests and special
 * deployments supply their own schedule with {@link #withDelays(IntFunction)}.
 * <p>
 * After some error codes a retry cannot help, so none is made: 2 (auth failed), 27 (app key invalid), 28 (token
 * invalid), 56 (token expired), 204 (user not found), and the codes for a user logged in elsewhere, removed or kicked
 * (206, 207, 217). Instances are immutable and thread-safe.
 */
public final class ReconnectPolicy {
    private static final Set<Integer> FATAL_CODES = Set.of(
            ErrorCode.AUTH_FAILED.code(), ErrorCode.APP_KEY_INVALID.code(), ErrorCode.TOKEN_INVALID.code(),
            ErrorCode.TOKEN_EXPIRED.code(), ErrorCode.USER_NOT_FOUND.code(), 206, 207, 217);

    /** The longest wait of the standard schedule: a server that is back is found within this time. */
    public static final Duration MAX_STANDARD_DELAY = Duration.ofSeconds(30);

    private final IntFunction<Duration> delays;

    private ReconnectPolicy(IntFunction<Duration> delays) {
        this.delays = delays;
    }

    /** Agora Chat's jittered schedule, with a thread-safe source of randomness. */
    public static ReconnectPolicy standard() {
        return withDelays(attempt -> standardDelay(attempt, RandomGenerator.getDefault()));
    }

    /** Agora Chat's jittered schedule with the given randomness (for reproducible tests). */
    public static ReconnectPolicy standard(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        return withDelays(attempt -> standardDelay(attempt, random));
    }

    /**
     * A policy with an own schedule.
     *
     * @param delayForAttempt the wait before attempt {@code n} (1-based); must return a non-negative duration
     */
    public static ReconnectPolicy withDelays(IntFunction<Duration> delayForAttempt) {
        return new ReconnectPolicy(Objects.requireNonNull(delayForAttempt, "delayForAttempt"));
    }

    /**
     * The wait before attempt {@code attempt}.
     *
     * @param attempt the attempt, 1 for the first after a loss
     * @throws IllegalArgumentException if {@code attempt} is below 1
     * @throws IllegalStateException    if the schedule gives a negative or no duration
     */
    public Duration delay(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be at least 1");
        }
        Duration delay = delays.apply(attempt);
        if (delay == null || delay.isNegative()) {
            throw new IllegalStateException("the reconnect schedule gave no or a negative delay for attempt " + attempt);
        }
        return delay;
    }

    /** Whether reconnecting can help after the server answered with {@code errorCode}. */
    public boolean retriesAfter(int errorCode) {
        return !FATAL_CODES.contains(errorCode);
    }

    /**
     * Agora's schedule, then the capped interval: 1–5 → 1–2 s, 6–19 → 3–6 s, 20–29 → 5–10 s, 30 and later → 15–30 s,
     * uniformly at millisecond resolution.
     */
    static Duration standardDelay(int attempt, RandomGenerator random) {
        long low;
        long high;
        if (attempt <= 5) {
            low = 1_000;
            high = 2_000;
        } else if (attempt <= 19) {
            low = 3_000;
            high = 6_000;
        } else if (attempt <= 29) {
            low = 5_000;
            high = 10_000;
        } else {
            low = 15_000;
            high = MAX_STANDARD_DELAY.toMillis();
        }
        return Duration.ofMillis(random.nextLong(low, high + 1));
    }
}
