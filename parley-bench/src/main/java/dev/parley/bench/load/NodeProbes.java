package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link ServerProbe} on each server process of a target, read as one server: CPU, disk bytes, allocation, GC
 * pauses, RSS and heap summed over the nodes, the longest pause the longest of any. With one process the figures are
 * that process's, exactly as before. A figure one probe cannot give (-1) makes the sum -1.
 * <p>
 * Threading: as {@link ServerProbe}.
 */
final class NodeProbes implements AutoCloseable {
    private final List<ServerProbe> probes;
    private final List<Long> pids;

    private NodeProbes(List<ServerProbe> probes, List<Long> pids) {
        this.probes = probes;
        this.pids = pids;
    }

    /** Attaches to every process of {@code pids}. */
    static NodeProbes attach(List<Long> pids) {
        List<ServerProbe> probes = new ArrayList<>();
        for (long pid : pids) {
            probes.add(ServerProbe.attach(pid));
        }
        return new NodeProbes(List.copyOf(probes), List.copyOf(pids));
    }

    List<Long> pids() {
        return pids;
    }

    ServerProbe.Sample sample() {
        long nanos = System.nanoTime();
        long cpu = 0;
        long writes = 0;
        long allocated = 0;
        long pauses = 0;
        long pauseMillis = 0;
        for (ServerProbe p : probes) {
            ServerProbe.Sample s = p.sample();
            cpu = sum(cpu, s.cpuNanos());
            writes = sum(writes, s.writeBytes());
            allocated = sum(allocated, s.allocatedBytes());
            pauses += s.pauses();
            pauseMillis += s.pauseMillis();
        }
        return new ServerProbe.Sample(nanos, cpu, writes, allocated, pauses, pauseMillis);
    }

    /** The longest GC pause of any node since the last call. */
    long takeMaxPauseMillis() {
        long max = 0;
        for (ServerProbe p : probes) {
            max = Math.max(max, p.takeMaxPauseMillis());
        }
        return max;
    }

    long rssBytes() {
        long rss = 0;
        for (ServerProbe p : probes) {
            rss = sum(rss, p.rssBytes());
        }
        return rss;
    }

    long usedHeapAfterGc() {
        long heap = 0;
        for (ServerProbe p : probes) {
            heap = sum(heap, p.usedHeapAfterGc());
        }
        return heap;
    }

    private static long sum(long total, long value) {
        return total < 0 || value < 0 ? -1 : total + value;
    }

    @Override
    public void close() {
        probes.forEach(ServerProbe::close);
    }
}
