package dev.parley.server.session;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One connection's outbound queue, drained by one writer at a time: the way Netty's channel outbound buffer works.
 * <p>
 * Anyone may {@link #offer} an already encoded frame from any thread; nothing is encoded or written under a shared
 * lock. Whoever finds the queue idle becomes its writer and hands frames to the socket until the queue is empty (a
 * work-in-progress counter, so a completion that arrives inside a send does not recurse, and two threads never write
 * at once). Frames therefore leave in the order they were offered.
 * <p>
 * The queue is bounded in bytes, counting every frame from its offer until the socket has written it: an offer that
 * would pass {@code maxBytes} is refused, and the connection treats its client as one that does not read.
 * {@link #whenBelow} lets a producer (the sign-in sync) wait, without a thread, until the queue has drained.
 * <p>
 * A sink that {@linkplain Sink#gathers() gathers} gets every frame queued at the time, up to {@link #MAX_GATHER}
 * bytes, in one send: one socket write for a burst of frames instead of one each.
 * <p>
 * A send that fails (the socket is gone) fails the queue once: the failure handler runs, queued frames are dropped
 * and every later offer is refused quietly. It never throws into the caller, so one dead socket cannot stop a loop
 * that delivers to many connections.
 */
final class Outbound {
    /** Where frames go: the socket. */
    interface Sink {
        /**
         * Starts sending {@code frames}, in order; {@code done} is called once, with {@code null} when all were
         * written or with the failure, possibly before this method returns. May throw when the socket is already
         * gone.
         */
        void send(List<Encoded> frames, Consumer<Throwable> done);

        /** Whether one {@link #send} may carry several frames; if not, each send has exactly one. */
        default boolean gathers() {
            return false;
        }
    }

    /** The most bytes one gathered send carries (one frame may be larger; it then goes alone). */
    static final int MAX_GATHER = 64 * 1024;

    /**
     * A frame encoded once for every connection that sends it: its JSON text and the WebSocket frame as it goes on
     * the wire (an unmasked final text frame: header and UTF-8 payload). Treat {@link #wire} as read-only.
     *
     * @param text  the JSON text
     * @param wire  the whole frame, header included
     * @param bytes the payload's length in bytes (what the outbound bound counts)
     */
    record Encoded(String text, byte[] wire, int bytes) {
        Encoded {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(wire, "wire");
        }

        static Encoded of(String text) {
            boolean ascii = true;
            for (int i = 0; ascii && i < text.length(); i++) {
                ascii = text.charAt(i) < 0x80;
            }
            // ASCII (most frames: JSON escapes nothing else) is copied straight into the frame, without a payload array
            byte[] payload = ascii ? null : text.getBytes(StandardCharsets.UTF_8);
            int n = ascii ? text.length() : payload.length;
            int header = n < 126 ? 2 : n <= 0xFFFF ? 4 : 10;
            byte[] wire = new byte[header + n];
            wire[0] = (byte) 0x81; // FIN, text
            if (n < 126) {
                wire[1] = (byte) n;
            } else if (n <= 0xFFFF) {
                wire[1] = 126;
                wire[2] = (byte) (n >>> 8);
                wire[3] = (byte) n;
            } else {
                wire[1] = 127;
                for (int i = 0; i < 8; i++) {
                    wire[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
                }
            }
            if (ascii) {
                for (int i = 0; i < n; i++) {
                    wire[header + i] = (byte) text.charAt(i);
                }
            } else {
                System.arraycopy(payload, 0, wire, header, n);
            }
            return new Encoded(text, wire, n);
        }
    }

    private final Sink sink;
    private final long maxBytes;
    private final Consumer<Throwable> onFailure;
    private final ConcurrentLinkedQueue<Encoded> queue = new ConcurrentLinkedQueue<>();
    /** Bytes offered and not yet written. */
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean failed = new AtomicBoolean();
    private final AtomicReference<Waiter> waiter = new AtomicReference<>();

    private record Waiter(long threshold, Runnable action) {
    }

    /**
     * @param sink      the socket
     * @param maxBytes  the most bytes queued and in flight
     * @param onFailure called once, on the thread that saw it, when a send fails
     */
    Outbound(Sink sink, long maxBytes, Consumer<Throwable> onFailure) {
        this.sink = sink;
        this.maxBytes = maxBytes;
        this.onFailure = onFailure;
    }

    /**
     * Queues a frame; false (and nothing queued) when it would pass the byte bound or the queue has failed. Does not
     * write: call {@link #flush} after, outside any lock.
     */
    boolean offer(Encoded frame) {
        if (failed.get()) {
            return false;
        }
        if (bytes.addAndGet(frame.bytes()) > maxBytes) {
            bytes.addAndGet(-frame.bytes());
            return false;
        }
        queue.add(frame);
        return true;
    }

    /** Writes what is queued, unless another thread is writing already (it then writes this too). */
    void flush() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            Encoded next;
            while (!failed.get() && (next = queue.poll()) != null) {
                List<Encoded> frames = sink.gathers() ? gather(next) : List.of(next);
                long size = 0;
                for (Encoded frame : frames) {
                    size += frame.bytes();
                }
                long sent = size;
                try {
                    sink.send(frames, failure -> written(sent, failure));
                } catch (RuntimeException e) {
                    written(sent, e);
                }
            }
            if (failed.get()) {
                dropQueued();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** {@code first} and what follows it in the queue, up to {@link #MAX_GATHER} bytes on the wire. Writer only. */
    private List<Encoded> gather(Encoded first) {
        Encoded more = queue.peek();
        if (more == null) {
            return List.of(first);
        }
        List<Encoded> frames = new ArrayList<>();
        frames.add(first);
        int size = first.wire().length;
        while (more != null && size + more.wire().length <= MAX_GATHER) {
            queue.poll(); // the one just peeked: only the writer takes from the queue
            frames.add(more);
            size += more.wire().length;
            more = queue.peek();
        }
        return frames;
    }

    /**
     * Runs {@code action} once the bytes queued and in flight are at most {@code threshold}: at once (on this thread)
     * when they already are, else on the thread whose write brings them there. One waiter at a time; it is dropped
     * when the queue fails.
     */
    void whenBelow(long threshold, Runnable action) {
        waiter.set(new Waiter(threshold, action));
        fireWaiter();
    }

    /** Bytes queued and not yet written. */
    long queuedBytes() {
        return bytes.get();
    }

    /** Whether a send has failed (the socket is gone). */
    boolean failed() {
        return failed.get();
    }

    /** Drops everything queued and refuses later offers (the connection is closing). */
    void discard() {
        failed.set(true);
        waiter.set(null);
        dropQueued();
    }

    private void dropQueued() {
        Encoded dropped;
        while ((dropped = queue.poll()) != null) {
            bytes.addAndGet(-dropped.bytes());
        }
    }

    private void written(long size, Throwable failure) {
        bytes.addAndGet(-size);
        if (failure != null && failed.compareAndSet(false, true)) {
            waiter.set(null);
            onFailure.accept(failure);
            return;
        }
        fireWaiter();
    }

    private void fireWaiter() {
        Waiter w = waiter.get();
        if (w != null && bytes.get() <= w.threshold() && !failed.get() && waiter.compareAndSet(w, null)) {
            w.action().run();
        }
    }
}
