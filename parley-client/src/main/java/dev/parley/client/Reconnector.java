package dev.parley.client;

import dev.parley.protocol.ErrorCode;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Runs the reconnect attempts after a lost connection (in the manner of Smack's {@code ReconnectionManager}): waits
 * as the {@link ReconnectPolicy} says, announces each attempt with {@code onReconnecting}, stops after
 * {@code autoReconnectMaxAttempts} (by default never) or a code after which retrying cannot help, and is cancelled by
 * a successful login or by close. {@link #now()} cuts the wait short when the user acts, at most once per
 * {@link #MIN_NUDGE_INTERVAL}. Used on the client's loop thread only.
 */
final class Reconnector {
    private static final System.Logger LOG = System.getLogger(Reconnector.class.getName());

    /** An attempt made at once ({@link #now()}) follows the start of the last attempt by at least this much. */
    static final Duration MIN_NUDGE_INTERVAL = Duration.ofSeconds(2);

    private final ClientLoop loop;
    private final ReconnectPolicy policy;
    private final int maxAttempts;
    private final EventDispatcher events;
    private final Runnable connect;
    private final Consumer<ChatException> giveUp;
    private int attempt;
    private ScheduledFuture<?> pending;
    /** When the last attempt started ({@link System#nanoTime()}); 0 before the first. */
    private long lastAttemptAt;
    private boolean attemptedYet;

    /**
     * @param connect starts one attempt (whose outcome is reported to {@link #attemptFailed} or {@link #reset})
     * @param giveUp  called once when no further attempt will be made, with the reason
     */
    Reconnector(ClientLoop loop, ChatOptions options, EventDispatcher events, Runnable connect,
                Consumer<ChatException> giveUp) {
        this.loop = loop;
        this.policy = options.reconnectPolicy();
        this.maxAttempts = options.autoReconnectMaxAttempts();
        this.events = events;
        this.connect = connect;
        this.giveUp = giveUp;
    }

    /** Whether a connection that ended after the server sent {@code fatalCode} (0: none) is to be restored. */
    boolean wouldRetry(int fatalCode) {
        return maxAttempts > 0 && (fatalCode == 0 || policy.retriesAfter(fatalCode));
    }

    /** Whether the server's answer {@code code} to a login is worth another attempt. */
    boolean retriesAfter(int code) {
        return policy.retriesAfter(code);
    }

    /** The connection was lost: schedules the first attempt. */
    void start() {
        cancel();
        attempt = 0;
        attemptedYet = false;
        scheduleNext();
    }

    /** An attempt failed: schedules the next one, or gives up. */
    void attemptFailed(ChatException failure) {
        if (!policy.retriesAfter(failure.code())) {
            giveUp.accept(failure);
            return;
        }
        LOG.log(Level.DEBUG, "reconnect attempt {0} failed: {1}", attempt, failure.getMessage());
        scheduleNext();
    }

    /** A login succeeded (or the session ended): the next loss starts counting from one again. */
    void reset() {
        cancel();
        attempt = 0;
    }

    /**
     * Makes the scheduled attempt now instead of after its wait (the user acted, or the network came back); nothing
     * if no attempt is waiting, or if the last one started less than {@link #MIN_NUDGE_INTERVAL} ago.
     *
     * @return whether an attempt was started
     */
    boolean now() {
        if (pending == null || (attemptedYet && System.nanoTime() - lastAttemptAt < MIN_NUDGE_INTERVAL.toNanos())) {
            return false;
        }
        cancel();
        LOG.log(Level.DEBUG, "reconnect attempt {0} made at once", attempt);
        attemptNow();
        return true;
    }

    /** Cancels a scheduled attempt. */
    void cancel() {
        ClientLoop.cancel(pending);
        pending = null;
    }

    private void scheduleNext() {
        if (attempt < Integer.MAX_VALUE) {
            attempt++;
        }
        if (attempt > maxAttempts) {
            giveUp.accept(new ChatException(ErrorCode.DISCONNECTED, "could not reconnect in " + maxAttempts
                    + " attempts"));
            return;
        }
        int number = attempt;
        Duration delay = policy.delay(number);
        events.fire(h -> h.onReconnecting(number, delay));
        pending = loop.schedule(() -> {
            pending = null;
            attemptNow();
        }, delay);
    }

    private void attemptNow() {
        attemptedYet = true;
        lastAttemptAt = System.nanoTime();
        connect.run();
    }
}
