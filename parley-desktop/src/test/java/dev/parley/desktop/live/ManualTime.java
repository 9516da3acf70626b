package dev.parley.desktop.live;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Time that a test moves: a {@link Clock} and an {@link FxScheduler} together. {@link #advance} moves the clock and
 * runs every action that falls due, in time order, on the calling thread (call it as the FX thread would, e.g. in
 * {@code DirectFx.run}).
 */
public final class ManualTime extends Clock implements FxScheduler {
    private final ZoneId zone;
    private Instant now;
    private final List<Task> tasks = new ArrayList<>();
    private long sequence;

    private final class Task implements Scheduled {
        final Instant due;
        final long order = sequence++;
        final Runnable action;
        boolean cancelled;

        Task(Instant due, Runnable action) {
            this.due = due;
            this.action = action;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    public ManualTime(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /** Starts at 7 December 2026, 12:00 UTC. */
    public ManualTime() {
        this(Instant.parse("2026-12-07T12:00:00Z"), ZoneId.of("UTC"));
    }

    @Override
    public synchronized Scheduled schedule(Duration delay, Runnable action) {
        Task task = new Task(now.plus(delay), action);
        tasks.add(task);
        return task;
    }

    /** Moves time on by {@code step}, running what falls due on the way. */
    public void advance(Duration step) {
        Instant end;
        synchronized (this) {
            end = now.plus(step);
        }
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.cancelled);
                next = tasks.stream().filter(t -> !t.due.isAfter(end))
                        .min(Comparator.comparing((Task t) -> t.due).thenComparingLong(t -> t.order)).orElse(null);
                if (next == null) {
                    now = end;
                    return;
                }
                tasks.remove(next);
                now = next.due;
            }
            next.action.run();
        }
    }

    /** How many actions wait. */
    public synchronized int waiting() {
        tasks.removeIf(t -> t.cancelled);
        return tasks.size();
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ManualTime(instant(), other);
    }
}
