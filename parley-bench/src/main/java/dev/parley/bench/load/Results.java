package dev.parley.bench.load;

import java.util.List;

/** The figures the benchmark reports, as records that {@link Json} writes as they are. */
final class Results {
    private Results() {
    }

    /** p50, p99, p99.9 and max of a latency, in milliseconds, and how many were recorded. */
    record Latency(long count, double p50, double p99, double p999, double max) {
    }

    /**
     * One step of offered load. Counts cover the whole step, warm-up included; latencies and the per-message figures
     * cover the measured part. -1 (or null) where a figure could not be had. {@code orderViolations}: a message
     * delivered after a later send of the same sender to the same recipient; {@code commitOrderViolations}: a message
     * delivered after one with a higher server id for the same pair (what protocol v1 promises: commit order).
     * The server figures are summed over a cluster's nodes; {@code services} is null but for a cluster.
     */
    record Step(int offered, int sent, int receipted, int delivered, int lost, int duplicates,
                int orderViolations, int commitOrderViolations, int errors, Latency receipt, Latency delivery, double sendLagMaxMs,
                double clientCpuUsPerMsg, double clientLoopCpuUsPerMsg, long clientGcCount, long clientGcMs,
                double serverCpuUsPerMsg,
                double diskBytesPerMsg, double fsyncsPerSecond, double allocBytesPerMsg, long gcPauses,
                long gcPauseTotalMs, long gcPauseMaxMs, long serverRssBytes, boolean withinKnee, boolean overloaded,
                Services services) {
    }

    /**
     * A cluster's services over the measured part of a step ({@link ServiceProbe}): PostgreSQL's CPU and written
     * bytes per message, NATS's CPU per message (-1 where the process was not found), and how many PostgreSQL
     * processes were counted.
     */
    record Services(double postgresCpuUsPerMsg, double postgresDiskBytesPerMsg, double natsCpuUsPerMsg,
                    int postgresProcesses) {
    }

    /** An offline backlog pushed at sign-in: from sending {@code open} to the last message received. */
    record Drain(int queued, int received, int duplicates, int orderViolations, int commitOrderViolations,
                 double fillSeconds,
                 double drainMillis, double messagesPerSecond) {
    }

    /** Idle signed-in connections: the server's heap after GC and RSS, per connection; the connect rate. */
    record Idle(int requested, int signedIn, int failed, int sourceAddresses, double connectsPerSecond,
                double heapBytesPerConnection, double rssBytesPerConnection) {
    }

    /** One target's run; {@code skipped} says why it did not run, when it did not. */
    record TargetRun(String target, String description, String skipped, int users, double signInsPerSecond,
                     List<Step> steps, Integer kneeMsgsPerSecond, Drain drain, Idle idle, List<String> notes) {
    }

    /** The whole run. */
    record Run(String date, String machine, String commit, int users, int neighbours, double jitWarmupSeconds,
               double warmupSeconds,
               double stepSeconds, String kneeRule, String fsyncMethod, List<TargetRun> targets) {
    }
}
