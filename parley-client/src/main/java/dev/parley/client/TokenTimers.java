package dev.parley.client;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Schedules "token will expire" at 80% and "token expired" at 100% of the token's remaining lifetime, measured from the
 * login (or the last renewal) to the expiry time the server announced. The server's clock is what counts: at login the
 * offset between its clock ({@code serverTime}) and this machine's is noted, so a client whose clock is wrong still
 * fires on time. Used on the client's loop thread only.
 */
final class TokenTimers {
    /** The share of the remaining lifetime after which "will expire" fires. */
    static final double WILL_EXPIRE_AT = 0.8;

    private final ScheduledExecutorService loop;
    private final LongSupplier wallClockMillis;
    private final Runnable willExpire;
    private final Runnable expired;
    private long serverClockOffset;
    private ScheduledFuture<?> willExpireTask;
    private ScheduledFuture<?> expiredTask;

    TokenTimers(ScheduledExecutorService loop, LongSupplier wallClockMillis, Runnable willExpire, Runnable expired) {
        this.loop = loop;
        this.wallClockMillis = wallClockMillis;
        this.willExpire = willExpire;
        this.expired = expired;
    }

    /** A login was accepted: the token expires at {@code expireTimestamp} by the server's clock. */
    void loggedIn(long expireTimestamp, long serverTime) {
        serverClockOffset = serverTime > 0 ? serverTime - wallClockMillis.getAsLong() : 0;
        schedule(expireTimestamp);
    }

    /** The token was renewed: it now expires at {@code expireTimestamp} by the server's clock. */
    void renewed(long expireTimestamp) {
        schedule(expireTimestamp);
    }

    /** Stops both timers. */
    void cancel() {
        if (willExpireTask != null) {
            willExpireTask.cancel(false);
            willExpireTask = null;
        }
        if (expiredTask != null) {
            expiredTask.cancel(false);
            expiredTask = null;
        }
    }

    private void schedule(long expireTimestamp) {
        cancel();
        if (expireTimestamp <= 0) {
            return; // the server announced no expiry
        }
        long remaining = Math.max(0, expireTimestamp - (wallClockMillis.getAsLong() + serverClockOffset));
        willExpireTask = loop.schedule(willExpire, (long) (remaining * WILL_EXPIRE_AT), TimeUnit.MILLISECONDS);
        expiredTask = loop.schedule(expired, remaining, TimeUnit.MILLISECONDS);
    }
}
