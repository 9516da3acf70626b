package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.limit.LogLimiter;
import dev.parley.server.store.InboxItem;
import dev.parley.server.store.MessageStore;
import dev.parley.server.store.StoreException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recovers, from the store, what a cluster's bus lost: the bus between nodes is at-most-once, so correctness must not
 * depend on it. Every {@code interval}, for each open connection, the items still pending for its user that were
 * committed before the previous round (they had a whole interval to arrive live) and that the connection was never
 * sent (its {@link SentLedger}) are read from the store and sent. {@link #soon()} runs a round shortly after the bus
 * comes back, for what was committed while it was away.
 * <p>
 * What it recovers arrives late and may come after newer messages of the same conversation; clients order by id (the
 * protocol's ids are in commit order per node). Copies of a user's own messages for their other devices are not in
 * any inbox and are not recovered: they are in the history.
 * <p>
 * Threading: rounds start on the {@code timers} scheduler and read the store on {@code storeReads} (one task per
 * connection; when the pool is full, the connection waits for the next round). Cost: one indexed read per open
 * connection per interval.
 */
final class PendingRecovery implements AutoCloseable {
    /** Items read per page; a round reads at most {@link #MAX_PAGES} pages per connection. */
    static final int PAGE = 256;
    static final int MAX_PAGES = 4;
    /** How long after the bus comes back the extra round runs (what was in flight arrives live first). */
    static final Duration SETTLE = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(PendingRecovery.class.getName());
    private static final LogLimiter LOG_LINES = new LogLimiter(LOG, Duration.ofSeconds(30));

    private final SessionRegistry registry;
    private final MessageStore store;
    private final FrameCodec codec;
    private final Messages messages;
    private final ScheduledExecutorService timers;
    private final Executor storeReads;
    private final Duration interval;
    /** The newest id seen at the previous round: this round recovers items up to it. */
    private final AtomicLong previousNewest = new AtomicLong(-1);
    private final AtomicLong recovered = new AtomicLong();
    private ScheduledFuture<?> task;

    PendingRecovery(SessionRegistry registry, MessageStore store, FrameCodec codec, Messages messages,
                    ScheduledExecutorService timers, Executor storeReads, Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive");
        }
        this.registry = registry;
        this.store = store;
        this.codec = codec;
        this.messages = messages;
        this.timers = timers;
        this.storeReads = storeReads;
        this.interval = interval;
    }

    /** Starts the periodic rounds. */
    void start() {
        task = timers.scheduleWithFixedDelay(this::periodicRound, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Runs an extra round soon, covering everything committed until now (the bus is back). */
    void soon() {
        try {
            timers.schedule(() -> storeReads.execute(() -> {
                try {
                    round(store.lastMessageId());
                } catch (StoreException e) {
                    LOG_LINES.log(System.Logger.Level.WARNING, "recovery of pending items skipped: {0}",
                            e.getMessage());
                }
            }), SETTLE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down, or the pool is full: the periodic round follows
        }
    }

    /** Items sent by recovery so far (tests, monitoring). */
    long recovered() {
        return recovered.get();
    }

    private void periodicRound() {
        try {
            storeReads.execute(() -> {
                try {
                    long newest = store.lastMessageId();
                    long upTo = previousNewest.getAndSet(newest);
                    if (upTo > 0) {
                        round(upTo);
                    }
                } catch (StoreException e) {
                    LOG_LINES.log(System.Logger.Level.WARNING, "recovery of pending items skipped: {0}",
                            e.getMessage());
                }
            });
        } catch (RejectedExecutionException e) {
            // the read pool is full: the next round tries again
        }
    }

    /** One round: every open connection gets what is pending for it up to {@code upTo} and it was never sent. */
    void round(long upTo) {
        for (Connection c : registry.all()) {
            OptionalInt round = c.recovery().start();
            if (round.isEmpty()) {
                continue;
            }
            try {
                storeReads.execute(() -> recover(c, round.getAsInt(), upTo));
            } catch (RejectedExecutionException e) {
                return; // the pool is full: the rest wait for the next round
            }
        }
    }

    private void recover(Connection c, int round, long upTo) {
        try {
            List<EncodedMessage> pending = new ArrayList<>();
            long after = 0;
            long readUpTo = upTo;
            for (int page = 0; page < MAX_PAGES; page++) {
                List<InboxItem> items = store.pendingFor(c.user(), after, upTo, PAGE);
                for (InboxItem item : items) {
                    pending.add(EncodedMessage.of(item, c.user(), codec, messages));
                }
                if (items.size() < PAGE) {
                    break;
                }
                after = items.getLast().id();
                readUpTo = after; // a later page was not read: forget nothing past this one
            }
            int sent = c.recovery().recover(round, pending, readUpTo);
            if (sent > 0) {
                recovered.addAndGet(sent);
                LOG_LINES.log(System.Logger.Level.INFO, "recovered {0} items for {1} that did not arrive live", sent,
                        c.user());
            }
        } catch (StoreException e) {
            LOG_LINES.log(System.Logger.Level.WARNING, "recovery of pending items for {0} failed: {1}", c.user(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
    }
}
