package dev.parley.bench.load;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Runs one step of offered load against a signed-in {@link Traffic} and turns it into a {@link Results.Step}:
 * warm-up, then the measured seconds with the server sampled at both ends (CPU, disk, allocation, GC, fsyncs; summed
 * over a cluster's nodes, with its PostgreSQL and NATS beside them) and the generator's own CPU, then a wait until
 * every message has its receipt and its delivery or the drain timeout passed (what is missing then is lost). Prints
 * a progress line every second.
 */
final class StepRunner {
    /** Delivery p99 below this, receipt p99 below the next, and nothing lost: the step is within the knee. */
    static final double KNEE_DELIVERY_P99_MS = 50;
    static final double KNEE_RECEIPT_P99_MS = 100;

    /** On a terminal the progress line is rewritten each second; in a log it is a line every 5 s. */
    private static final boolean CONSOLE = System.console() != null && System.console().isTerminal();

    private final String name;
    private final ClientLoop loop;
    private final Traffic traffic;
    private final NodeProbes probe;
    /** A cluster's PostgreSQL and NATS; null for the other targets. */
    private final ServiceProbe services;
    private final double warmupSeconds;
    private final double seconds;
    private final double overloadP99Ms;

    /** A runner; {@code services} null but for a cluster (whose PostgreSQL's fsyncs then count with the nodes'). */
    StepRunner(String name, ClientLoop loop, Traffic traffic, NodeProbes probe, ServiceProbe services,
               double warmupSeconds, double seconds, double overloadP99Ms) {
        this.name = name;
        this.loop = loop;
        this.traffic = traffic;
        this.probe = probe;
        this.services = services;
        this.warmupSeconds = warmupSeconds;
        this.seconds = seconds;
        this.overloadP99Ms = overloadP99Ms;
    }

    Results.Step run(int rate) {
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        StepWindow w = loop.call(() -> traffic.start(rate, warmupSeconds, seconds, start)).join();
        progressUntil(w, w.measureStart());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var threads = ManagementFactory.getThreadMXBean();
        probe.takeMaxPauseMillis();
        ServerProbe.Sample before = probe.sample();
        ServiceProbe.Sample servicesBefore = services == null ? null : services.sample();
        long clientCpuBefore = os.getProcessCpuTime();
        long loopCpuBefore = threads.getThreadCpuTime(loop.threadId());
        long[] gcBefore = ownGc();
        FsyncCounter fsyncs = new FsyncCounter();
        List<Long> pids = new ArrayList<>(probe.pids());
        if (services != null) {
            pids.addAll(services.postgresPids());
        }
        fsyncs.start(pids, seconds);
        progressUntil(w, w.end());
        ServerProbe.Sample after = probe.sample();
        ServiceProbe.Sample servicesAfter = services == null ? null : services.sample();
        long clientCpu = os.getProcessCpuTime() - clientCpuBefore;
        long loopCpu = threads.getThreadCpuTime(loop.threadId()) - loopCpuBefore;
        long[] gcAfter = ownGc();
        long[] gc = {gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1]};
        long maxPause = probe.takeMaxPauseMillis();
        long rss = probe.rssBytes();
        long fsyncCount = fsyncs.finish();
        long drainDeadline = w.end() + TimeUnit.SECONDS.toNanos((long) Math.max(10, seconds * 2));
        while (!loop.call(w::complete).join() && System.nanoTime() < drainDeadline) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        double measured = w.count - w.warmup;
        double elapsed = (after.nanos() - before.nanos()) / 1e9;
        Results.Services used = services == null ? null
                : ServiceProbe.figures(servicesBefore, servicesAfter, measured);
        return loop.call(() -> result(w, measured, elapsed, clientCpu, loopCpu, gc, before, after, fsyncCount,
                maxPause, rss, used)).join();
    }

    private Results.Step result(StepWindow w, double measured, double elapsed, long clientCpu, long loopCpu,
                                long[] gc, ServerProbe.Sample before, ServerProbe.Sample after, long fsyncCount, long maxPause,
                                long rss, Results.Services used) {
        Results.Latency receipt = latency(w.receiptLatency);
        Results.Latency delivery = latency(w.deliveryLatency);
        int lost = Math.max(w.sent - w.deliveries, w.sent - w.receipts) + (w.count - w.sent);
        int duplicates = w.duplicateDeliveries + w.duplicateReceipts;
        boolean clean = lost == 0 && duplicates == 0 && w.orderViolations == 0 && w.commitOrderViolations == 0
                && w.errors == 0;
        boolean within = clean && delivery.p99() < KNEE_DELIVERY_P99_MS && receipt.p99() < KNEE_RECEIPT_P99_MS;
        boolean overloaded = !clean || delivery.p99() > overloadP99Ms || receipt.p99() > overloadP99Ms;
        return new Results.Step(w.rate, w.sent, w.receipts, w.deliveries, lost, duplicates, w.orderViolations,
                w.commitOrderViolations, w.errors, receipt, delivery, w.maxSendLagNanos / 1e6, clientCpu / 1e3 / measured,
                loopCpu / 1e3 / measured, gc[0], gc[1], per(after.cpuNanos(), before.cpuNanos(), measured * 1e3),
                per(after.writeBytes(), before.writeBytes(), measured), fsyncCount < 0 ? -1 : fsyncCount / elapsed,
                per(after.allocatedBytes(), before.allocatedBytes(), measured), after.pauses() - before.pauses(),
                after.pauseMillis() - before.pauseMillis(), maxPause, rss, within, overloaded, used);
    }

    /** Prints a progress line each second until {@code until}. */
    private void progressUntil(StepWindow w, long until) {
        long next = System.nanoTime();
        while (true) {
            long now = System.nanoTime();
            if (now >= until) {
                return;
            }
            if (now >= next) {
                int[] c = loop.call(() -> new int[] {w.sent, w.receipts, w.deliveries}).join();
                System.out.printf(Locale.ROOT, "%s  [%s] %,7d msgs/s  %4.1f / %.0f s  sent %,9d  receipts %,9d  "
                                + "delivered %,9d%s", CONSOLE ? "\r" : "", name, w.rate, (now - w.startNanos) / 1e9,
                        warmupSeconds + seconds, c[0], c[1], c[2], CONSOLE ? " " : "\n");
                System.out.flush();
                next += TimeUnit.SECONDS.toNanos(CONSOLE ? 1 : 5);
            }
            LockSupport.parkNanos(Math.min(until, next) - System.nanoTime());
        }
    }

    /** The generator JVM's own collections: count and milliseconds (all collectors, concurrent ones too). */
    private static long[] ownGc() {
        long count = 0;
        long millis = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    private static double per(long after, long before, double n) {
        return after < 0 || before < 0 ? -1 : (after - before) / n;
    }

    static Results.Latency latency(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new Results.Latency(0, -1, -1, -1, -1);
        }
        return new Results.Latency(h.getTotalCount(), h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, h.getValueAtPercentile(99.9) / 1e6, h.getMaxValue() / 1e6);
    }

    private static String services(Results.Services s) {
        return s == null ? "" : String.format(Locale.ROOT, " | PostgreSQL %.0f µs/msg, %.0f B disk/msg; NATS %.0f "
                + "µs/msg", s.postgresCpuUsPerMsg(), s.postgresDiskBytesPerMsg(), s.natsCpuUsPerMsg());
    }

    /** One line of the per-step table. */
    static String line(Results.Step s) {
        return String.format(Locale.ROOT, "%,7d msgs/s  receipt p50/p99/p99.9/max %7.1f %7.1f %7.1f %7.1f ms  "
                        + "delivery %7.1f %7.1f %7.1f %7.1f ms  sent %,d rcpt %,d dlvd %,d lost %d dup %d order %d/%d "
                        + "err %d | server %.0f µs/msg, %.0f B disk/msg, %.0f fsync/s, %.0f B alloc/msg, "
                        + "GC %d pauses %d ms (max %d)%s | generator %.1f µs/msg (loop %.1f), GC %d/%d ms, send lag max %.1f ms%s",
                s.offered(), s.receipt().p50(), s.receipt().p99(), s.receipt().p999(), s.receipt().max(),
                s.delivery().p50(), s.delivery().p99(), s.delivery().p999(), s.delivery().max(), s.sent(),
                s.receipted(), s.delivered(), s.lost(), s.duplicates(), s.orderViolations(),
                s.commitOrderViolations(), s.errors(),
                s.serverCpuUsPerMsg(), s.diskBytesPerMsg(), s.fsyncsPerSecond(), s.allocBytesPerMsg(),
                s.gcPauses(), s.gcPauseTotalMs(), s.gcPauseMaxMs(), services(s.services()), s.clientCpuUsPerMsg(),
                s.clientLoopCpuUsPerMsg(), s.clientGcCount(), s.clientGcMs(), s.sendLagMaxMs(),
                s.withinKnee() ? "  [within knee]" : s.overloaded() ? "  [OVERLOADED]" : "");
    }
}
