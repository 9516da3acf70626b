package dev.parley.server.store;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit: many callers {@link #submit} writes; one thread takes everything queued (up to {@code maxBatch}),
 * commits it with a single {@link MessageStore#commit} (one fsync for the whole batch) and then completes each write's
 * future. Under load it first waits a moment for a fuller batch (see {@code takeBatch}). A future completes normally
 * only after its write is durable; this is when the server may acknowledge it.
 * <p>
 * Lifecycle: the thread starts in the constructor. {@link #close()} stops accepting writes, commits what is queued,
 * and waits for the thread to end; it does not close the store.
 * <p>
 * Ordering: writes are committed in the order they were submitted (FIFO across all callers), so the writes one
 * thread submits get increasing message ids. Futures of a batch are completed in that order.
 * <p>
 * Failure: when a commit throws (a {@link StoreException}: disk full, read-only file, I/O error …), every future of
 * that batch fails with that exception, nothing of the batch is durable, the failure is logged once here, and the
 * next batch tries again. {@link #submit} fails fast with a {@link StoreException} after {@link #close()}
 * ({@code "writer closed"}) and when {@code maxPending} writes are already queued ({@code "server busy"}).
 * <p>
 * Threading: {@link #submit} may be called from any thread, including network selector threads: it never blocks on
 * disk. Futures are completed <em>on the writer thread</em>, so dependent stages without an executor run there:
 * keep those continuations short and non-blocking (hand a frame to a socket, not to a database), or every later
 * commit waits for them.
 */
public final class GroupCommitWriter implements AutoCloseable {

    /** The default largest batch. */
    public static final int DEFAULT_MAX_BATCH = 512;
    /** The default bound on queued writes, beyond which {@link #submit} fails fast. */
    public static final int DEFAULT_MAX_PENDING = 100_000;

    /** A batch at least this large means writes arrive faster than commits: gather the next one. */
    static final int BUSY_BATCH = 4;
    /** How many writes a gathered batch waits for, at most {@link #GATHER_MICROS}. */
    static final int GATHER_BATCH = 64;
    static final long GATHER_MICROS = 1_000;

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());

    private record Pending<R extends Write.Result>(Write<R> write, CompletableFuture<R> result) {
        /** Completes the future with the store's result, which is of the write's result type. */
        void complete(Write.Result stored) {
            result.complete(write.resultType().cast(stored));
        }
    }

    private final MessageStore store;
    private final int maxBatch;
    private final int maxPending;
    private final long gatherNanos;
    private final int gatherBatch;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final ArrayDeque<Pending<?>> queue = new ArrayDeque<>();
    /** Guarded by {@link #lock}. */
    private boolean closed;
    /** How many writes the last batch held. Guarded by {@link #lock}. */
    private int lastBatch;
    /** Whether the writer waits for a fuller batch. Guarded by {@link #lock}. */
    private boolean gathering;
    private final Thread thread;
    private final AtomicLong batchesCommitted = new AtomicLong();
    private final AtomicLong writesCommitted = new AtomicLong();
    private final AtomicLong batchesFailed = new AtomicLong();

    /** A writer with at most {@code maxBatch} writes per commit and {@link #DEFAULT_MAX_PENDING} queued writes. */
    public GroupCommitWriter(MessageStore store, int maxBatch, String threadName) {
        this(store, maxBatch, DEFAULT_MAX_PENDING, threadName);
    }

    /** A writer that gathers batches under load for {@link #GATHER_MICROS} µs at most (see {@code takeBatch}). */
    public GroupCommitWriter(MessageStore store, int maxBatch, int maxPending, String threadName) {
        this(store, maxBatch, maxPending, Duration.ofNanos(GATHER_MICROS * 1_000L), threadName);
    }

    /**
     * @param store        where the writes go; this writer must be the only caller of its {@link MessageStore#commit}
     * @param maxBatch     the most writes per commit ({@link #DEFAULT_MAX_BATCH} is a good value)
     * @param maxPending   the most writes queued and not yet taken into a batch
     * @param gatherWindow how long, under load, the writer waits for {@link #GATHER_BATCH} writes before a commit
     * @param threadName   the name of the writer thread (a daemon platform thread)
     */
    public GroupCommitWriter(MessageStore store, int maxBatch, int maxPending, Duration gatherWindow,
                             String threadName) {
        if (maxBatch < 1 || maxPending < 1) {
            throw new IllegalArgumentException("maxBatch and maxPending must be positive");
        }
        this.store = Objects.requireNonNull(store, "store");
        this.maxBatch = maxBatch;
        this.maxPending = maxPending;
        this.gatherNanos = gatherWindow.toNanos();
        this.gatherBatch = Math.min(GATHER_BATCH, maxBatch);
        this.thread = Thread.ofPlatform().name(threadName).daemon(true).unstarted(this::run);
        this.thread.start();
    }

    /**
     * Queues {@code write} for the next batch. Never blocks on disk.
     *
     * @return completes with the write's result (of its {@linkplain Write#resultType() result type}) once it is
     *         durable, or exceptionally with a {@link StoreException}
     *         when it was rejected or its batch failed; completed on the writer thread (see the class comment)
     */
    public <R extends Write.Result> CompletableFuture<R> submit(Write<R> write) {
        Objects.requireNonNull(write, "write");
        CompletableFuture<R> result = new CompletableFuture<>();
        lock.lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new StoreException("writer closed"));
            }
            if (queue.size() >= maxPending) {
                return CompletableFuture.failedFuture(new StoreException("server busy"));
            }
            queue.addLast(new Pending<>(write, result));
            if (queue.size() == 1 || (gathering && queue.size() == gatherBatch)) {
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
        return result;
    }

    /** Batches committed so far. */
    public long batchesCommitted() {
        return batchesCommitted.get();
    }

    /** Writes committed so far (duplicates and marks that changed nothing included). */
    public long writesCommitted() {
        return writesCommitted.get();
    }

    /** Batches whose commit failed so far. */
    public long batchesFailed() {
        return batchesFailed.get();
    }

    /** Writes queued and not yet taken into a batch. */
    public int pending() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting writes, commits those already queued, and waits for the writer thread to end. Idempotent. If
     * the calling thread is interrupted while waiting, it returns early with its interrupt status set (the writer
     * still finishes the queue).
     */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signal();
        } finally {
            lock.unlock();
        }
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        List<Pending<?>> batch;
        while (!(batch = takeBatch()).isEmpty()) {
            commit(batch);
        }
    }

    /**
     * Waits for writes and takes up to {@code maxBatch} of them; empty once closed and drained. Under load (the last
     * batch held {@value #BUSY_BATCH} writes or more) it waits up to {@value #GATHER_MICROS} µs for
     * {@value #GATHER_BATCH} writes before it takes them: each commit costs an fsync and the WAL frames of every page
     * it touched, whatever it holds, so fewer, fuller commits leave more of the CPU to the writes themselves. A lone
     * write (the last batch was small) is committed at once.
     */
    private List<Pending<?>> takeBatch() {
        lock.lock();
        try {
            while (queue.isEmpty() && !closed) {
                notEmpty.awaitUninterruptibly();
            }
            if (lastBatch >= BUSY_BATCH && queue.size() < gatherBatch && !closed) {
                gathering = true;
                try {
                    long left = gatherNanos;
                    while (queue.size() < gatherBatch && !closed && left > 0) {
                        left = notEmpty.awaitNanos(left);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    gathering = false;
                }
            }
            List<Pending<?>> batch = new ArrayList<>(Math.min(queue.size(), maxBatch));
            while (batch.size() < maxBatch && !queue.isEmpty()) {
                batch.add(queue.pollFirst());
            }
            lastBatch = batch.size();
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private void commit(List<Pending<?>> batch) {
        List<Write.Result> results;
        try {
            results = store.commit(batch.stream().<Write<?>>map(Pending::write).toList());
            if (results.size() != batch.size()) {
                throw new IllegalStateException("the store returned " + results.size() + " results for "
                        + batch.size() + " writes");
            }
        } catch (RuntimeException | Error failure) {
            batchesFailed.incrementAndGet();
            LOG.log(System.Logger.Level.WARNING, "commit of " + batch.size() + " writes failed", failure);
            for (Pending<?> pending : batch) {
                pending.result().completeExceptionally(failure);
            }
            return;
        }
        batchesCommitted.incrementAndGet();
        writesCommitted.addAndGet(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).complete(results.get(i));
        }
    }
}
