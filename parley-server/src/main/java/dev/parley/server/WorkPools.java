package dev.parley.server;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One bounded executor per kind of blocking work, so that one kind cannot starve another: a flood of password guesses
 * fills only the hashing pool, slow clients hold no thread at all (bodies are read without one), and a sign-in still
 * finds a free store reader. Each pool has a fixed number of threads and a bounded queue; when the queue is full,
 * {@code execute} throws {@link RejectedExecutionException} and the caller answers "busy" (REST 503
 * {@code service_unavailable}, WebSocket error 500) instead of queueing without bound.
 * <ul>
 * <li>{@link #rest}: REST requests (Jersey's resources, which read the store for the conversation list and
 * history);</li>
 * <li>{@link #uploads}: REST requests whose body is streamed (multipart uploads): each holds its thread while its
 * body arrives, so they have their own few threads and cannot take the REST pool's;</li>
 * <li>{@link #hashing}: PBKDF2 for registration and the password grant, half the cores at most, so guessing
 * cannot take the whole machine;</li>
 * <li>{@link #storeReads}: WebSocket sign-in lookups and recipient lookups;</li>
 * <li>{@link #sync}: the sign-in sync (stored messages pushed to a new session);</li>
 * <li>{@link #thumbnails}: decoding uploaded images into thumbnails, one at a time, so that decode memory is that of
 * one image (the blob store bounds it per image); when its queue is full, an image is stored without a thumbnail.</li>
 * </ul>
 */
final class WorkPools implements AutoCloseable {
    static final int REST_THREADS = 4;
    static final int REST_QUEUE = 256;
    static final int UPLOAD_THREADS = 4;
    static final int UPLOAD_QUEUE = 16;
    static final int HASHING_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    static final int HASHING_QUEUE = 32;
    static final int STORE_READ_THREADS = 4;
    static final int STORE_READ_QUEUE = 4096;
    static final int SYNC_THREADS = 2;
    static final int SYNC_QUEUE = 4096;
    static final int THUMBNAIL_THREADS = 1;
    static final int THUMBNAIL_QUEUE = 16;

    final ThreadPoolExecutor rest = bounded("parley-rest", REST_THREADS, REST_QUEUE);
    final ThreadPoolExecutor uploads = bounded("parley-upload", UPLOAD_THREADS, UPLOAD_QUEUE);
    final ThreadPoolExecutor hashing = bounded("parley-hash", HASHING_THREADS, HASHING_QUEUE);
    final ThreadPoolExecutor storeReads = bounded("parley-read", STORE_READ_THREADS, STORE_READ_QUEUE);
    final ThreadPoolExecutor sync = bounded("parley-sync", SYNC_THREADS, SYNC_QUEUE);
    final ThreadPoolExecutor thumbnails = bounded("parley-thumb", THUMBNAIL_THREADS, THUMBNAIL_QUEUE);

    /** A fixed pool of {@code threads} daemon threads named {@code name-N} whose queue holds {@code queue} tasks. */
    static ThreadPoolExecutor bounded(String name, int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Stops taking work, lets what runs finish for up to 5 s, then interrupts it; returns once all threads ended. */
    @Override
    public void close() {
        List<ThreadPoolExecutor> all = List.of(rest, uploads, hashing, storeReads, sync, thumbnails);
        all.forEach(ThreadPoolExecutor::shutdown);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            for (ThreadPoolExecutor pool : all) {
                if (!pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    pool.shutdownNow();
                }
            }
            for (ThreadPoolExecutor pool : all) {
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            all.forEach(ThreadPoolExecutor::shutdownNow);
            Thread.currentThread().interrupt();
        }
    }
}
