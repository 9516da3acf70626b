package dev.parley.server.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * Runs actions once what was published on the bus before them has reached the NATS server: group flushing, as the
 * group commit does for the disk. Whatever is waiting is taken at once and covered by one flush (a PING/PONG round trip,
 * which NATS answers after everything sent before it), so the cost is one round trip per batch, not per message.
 * <p>
 * When the bus is not connected, or the flush does not come back within {@link #TIMEOUT}, the actions run anyway:
 * what was published then is lost or late, and the store's recovery delivers it (see {@link PendingRecovery}).
 * <p>
 * Threading: {@link #submit} may be called from any thread and never blocks; the actions run on this flusher's own
 * thread, in the order submitted, and must be short (queue a frame on a connection).
 */
final class BusFlusher implements AutoCloseable {
    /** The longest a flush may hold up the actions waiting for it. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(BusFlusher.class.getName());

    /** What the flusher needs of the bus. */
    interface Bus {
        boolean connected();

        void flush(Duration timeout) throws TimeoutException, InterruptedException;
    }

    private final Bus bus;
    private final Thread thread;
    // guarded by this
    private List<Runnable> waiting = new ArrayList<>();
    private boolean closed;

    BusFlusher(Bus bus, String name) {
        this.bus = bus;
        this.thread = Thread.ofPlatform().name(name).daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /** Runs {@code action} after the next flush (at once, on the caller's thread, once closed). */
    void submit(Runnable action) {
        synchronized (this) {
            if (!closed) {
                waiting.add(action);
                if (waiting.size() == 1) {
                    notifyAll();
                }
                return;
            }
        }
        action.run();
    }

    private void run() {
        while (true) {
            List<Runnable> batch;
            synchronized (this) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                batch = waiting;
                waiting = new ArrayList<>();
            }
            flush();
            for (Runnable action : batch) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "an action after a bus flush failed", e);
                }
            }
        }
    }

    private void flush() {
        if (!bus.connected()) {
            return;
        }
        try {
            bus.flush(TIMEOUT);
        } catch (TimeoutException | RuntimeException e) {
            // the bus went away meanwhile: recovery delivers what it lost
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs what is waiting (after a last flush) and stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join(TIMEOUT.toMillis() * 2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
