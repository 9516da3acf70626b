package dev.parley.client;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends a {@code ping} every interval while logged in, and declares the connection lost when no frame at all (a
 * {@code pong} or anything else) has arrived for two intervals. Used on the client's loop thread only.
 */
final class Heartbeat {
    private final ScheduledExecutorService loop;
    private final long intervalNanos;
    private final Runnable sendPing;
    private final Runnable lost;
    private long lastFrameNanos;
    private ScheduledFuture<?> task;

    Heartbeat(ScheduledExecutorService loop, Duration interval, Runnable sendPing, Runnable lost) {
        this.loop = loop;
        this.intervalNanos = interval.toNanos();
        this.sendPing = sendPing;
        this.lost = lost;
    }

    /** Starts pinging; the login counts as a frame. */
    void start() {
        stop();
        lastFrameNanos = System.nanoTime();
        task = loop.scheduleAtFixedRate(this::tick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
    }

    /** A frame arrived. */
    void frameReceived() {
        lastFrameNanos = System.nanoTime();
    }

    void stop() {
        if (task != null) {
            task.cancel(false);
            task = null;
        }
    }

    private void tick() {
        if (System.nanoTime() - lastFrameNanos >= 2 * intervalNanos) {
            stop();
            lost.run();
        } else {
            sendPing.run();
        }
    }
}
