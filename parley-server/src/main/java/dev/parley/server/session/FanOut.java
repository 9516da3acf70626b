package dev.parley.server.session;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;

/**
 * The fan-out thread: runs, in order, what follows each commit (a message to its recipients, a receipt to its
 * sender), and writes to each socket once per burst rather than once per frame.
 * <p>
 * The writer completes a whole batch of commits at once, so their follow-ups arrive here together. A frame queued for
 * a connection from this thread is not written at once: the connection is remembered, and when the queue of tasks runs
 * dry (or after {@value #MAX_TASKS_PER_FLUSH} tasks, which bounds the wait to a few milliseconds) every connection
 * remembered is flushed: its frames leave in one gathered write ({@link Outbound}). With 200 users and a batch of 300
 * messages that is about 200 writes instead of 600 (each message, its receipt), and the receiving clients read fewer,
 * fuller segments. Frames queued from other threads are written at once, as before; frames of one connection keep
 * their order whoever writes them, since the connection's {@link Outbound} queue is the only way out.
 * <p>
 * Shutdown: {@link #shutdown()} refuses new tasks, lets those queued run, flushes and ends the thread.
 */
final class FanOut implements Executor {
    /** The most tasks run before the connections they wrote to are flushed. */
    static final int MAX_TASKS_PER_FLUSH = 128;

    private static final System.Logger LOG = System.getLogger(FanOut.class.getName());
    private static final Runnable END = () -> { };

    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    /** Connections with frames queued by this thread and not yet flushed, in that order. Fan-out thread only. */
    private final Set<Flushable> unflushed = new LinkedHashSet<>();
    /** Guarded by {@link #tasks}' monitor. */
    private boolean shutdown;

    FanOut(String threadName) {
        Thread thread = new Worker(this, threadName);
        thread.setDaemon(true);
        thread.start();
    }

    /** A connection's way out: writes what is queued. */
    interface Flushable {
        void flushNow();
    }

    /** The fan-out's thread, so that a connection can tell from the thread it runs on whether to flush at once. */
    private static final class Worker extends Thread {
        final FanOut fanOut;

        Worker(FanOut fanOut, String name) {
            super(fanOut::run, name);
            this.fanOut = fanOut;
        }
    }

    @Override
    public void execute(Runnable task) {
        synchronized (tasks) { // so that nothing is queued behind the end
            if (shutdown) {
                throw new RejectedExecutionException("the fan-out has shut down");
            }
            tasks.add(task);
        }
    }

    /**
     * Called after a frame was queued on {@code c}: true when the caller is a fan-out thread, which then flushes
     * {@code c} at the end of its burst (the caller must not); false on any other thread, which flushes itself.
     */
    static boolean flushesLater(Flushable c) {
        if (!(Thread.currentThread() instanceof Worker worker)) {
            return false;
        }
        worker.fanOut.unflushed.add(c);
        return true;
    }

    /** Refuses new tasks; those already queued still run, then the thread ends. */
    void shutdown() {
        synchronized (tasks) {
            if (!shutdown) {
                shutdown = true;
                tasks.add(END);
            }
        }
    }

    private void run() {
        int sinceFlush = 0;
        while (true) {
            Runnable task = tasks.poll();
            if (task == null) {
                flush();
                sinceFlush = 0;
                try {
                    task = tasks.take();
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (task == END) {
                flush();
                return;
            }
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(System.Logger.Level.ERROR, "a fan-out task failed", e);
            }
            if (++sinceFlush >= MAX_TASKS_PER_FLUSH) {
                flush();
                sinceFlush = 0;
            }
        }
    }

    /**
     * Flushes every connection remembered. A write that completes inside a flush may run what waited for it (the next
     * page of a sync, say), which may queue frames here again: those are flushed in the next round, until none are.
     */
    private void flush() {
        while (!unflushed.isEmpty()) {
            List<Flushable> round = List.copyOf(unflushed);
            unflushed.clear();
            for (Flushable c : round) {
                try {
                    c.flushNow();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.ERROR, "flushing a connection failed", e);
                }
            }
        }
    }
}
