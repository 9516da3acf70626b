package dev.parley.bench.load;

import java.util.BitSet;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * One step of offered load: the messages numbered {@code first} to {@code first + count - 1}, sent open-loop at
 * {@code rate} msgs/s from {@code startNanos}; message {@code n} is due at {@link #intended}, and every latency is
 * measured from that time, however late the generator actually sent it (no coordinated omission). The first
 * {@code warmup} messages are counted for loss, duplicates and order but are left out of the latency histograms.
 * <p>
 * Threading: written by the loop thread only; read elsewhere through {@link ClientLoop#call}.
 */
final class StepWindow {
    final long first;
    final int count;
    final int warmup;
    final int rate;
    final long startNanos;
    final BitSet receipted;
    final BitSet delivered;
    final Histogram receiptLatency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    final Histogram deliveryLatency = new Histogram(TimeUnit.SECONDS.toNanos(120), 3);
    int sent;
    int receipts;
    int deliveries;
    int duplicateReceipts;
    int duplicateDeliveries;
    int orderViolations;
    int commitOrderViolations;
    int errors;
    /** The latest a message went out after its intended time: how far the generator fell behind. */
    long maxSendLagNanos;
    long lastDeliveryNanos;

    StepWindow(long first, int rate, double warmupSeconds, double seconds, long startNanos) {
        this.first = first;
        this.rate = rate;
        this.warmup = (int) Math.round(rate * warmupSeconds);
        this.count = warmup + (int) Math.round(rate * seconds);
        this.startNanos = startNanos;
        this.receipted = new BitSet(count);
        this.delivered = new BitSet(count);
    }

    /** When message {@code n} is due. */
    long intended(long n) {
        return startNanos + (long) ((n - first) * 1e9 / rate);
    }

    /** When the first measured message is due, and when the last one is. */
    long measureStart() {
        return intended(first + warmup);
    }

    long end() {
        return intended(first + count);
    }

    boolean contains(long n) {
        return n >= first && n < first + count;
    }

    boolean measured(long n) {
        return n >= first + warmup;
    }

    /** Every sent message has its receipt and its delivery. */
    boolean complete() {
        return sent == count && receipts == count && deliveries == count;
    }
}
