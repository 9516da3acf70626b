package dev.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code bench/run load}: the out-of-process load benchmark, after MongooseIM's amoc. For each target (durable
 * Parley, Parley with {@code --store memory}, and the {@link RelayServer} yardstick; on request Parley's cluster mode
 * with one node and with two, {@link TargetServers}), one after another, each in its own process (a cluster: one per
 * node) on a fresh data dir: N users signed in over WebSocket with protocol v1, each sending round-robin to
 * its next 10 users; the offered rate stepped up (2k → 50k msgs/s by default) open-loop, latencies from the intended
 * send times in HdrHistograms; loss, duplicates and order checked; server CPU, disk bytes, fsyncs, allocation and GC
 * per step; then an offline drain and idle connections. Prints a table, writes the results as JSON and a chart of
 * delivery p99 against offered rate.
 * <p>
 * The generator is one JVM with one NIO thread and its own WebSocket framing ({@link WsChannel}); it prints its own
 * CPU per message so that one can see it is not the bottleneck. Options: {@link LoadOptions}.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions options = LoadOptions.parse(args);
        Results.Run run = run(options);
        print(run);
        System.out.println("results: " + options.out().toAbsolutePath());
        System.out.println("chart:   " + options.chart().toAbsolutePath());
        System.exit(0);
    }

    /** Runs every target of {@code options}, writes the JSON and the chart, and returns the results. */
    static Results.Run run(LoadOptions options) throws Exception {
        System.out.printf(Locale.ROOT, "load: %d users, each sending to %d neighbours; %.0f s of JIT warm-up, then "
                        + "steps %s msgs/s, %.0f s warm-up + %.0f s measured each; knee: 0 lost, delivery p99 < %.0f ms, receipt p99 "
                        + "< %.0f ms%n", options.users(), options.neighbours(), options.jitWarmup(), options.rates(), options.warmup(),
                options.seconds(), StepRunner.KNEE_DELIVERY_P99_MS, StepRunner.KNEE_RECEIPT_P99_MS);
        List<Results.TargetRun> targets = new ArrayList<>();
        for (Target t : options.targets()) {
            targets.add(new TargetBench(t, options).run());
        }
        Results.Run run = new Results.Run(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                Machine.describe(), Machine.commit(), options.users(), options.neighbours(), options.jitWarmup(),
                options.warmup(),
                options.seconds(), "highest offered rate with 0 lost, 0 duplicates, 0 out of order, 0 errors, "
                + "delivery p99 < " + (int) StepRunner.KNEE_DELIVERY_P99_MS + " ms and receipt p99 < "
                + (int) StepRunner.KNEE_RECEIPT_P99_MS + " ms",
                "perf stat -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p PID over each measured step",
                targets);
        write(options.out(), Json.write(run));
        LatencyChart.write(targets, options.chart());
        return run;
    }

    private static void write(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void print(Results.Run run) {
        System.out.println();
        System.out.println("machine: " + run.machine() + "; commit " + run.commit());
        for (Results.TargetRun t : run.targets()) {
            if (t.skipped() != null) {
                System.out.printf("%-14s skipped: %s%n", t.target(), t.skipped());
                continue;
            }
            System.out.printf(Locale.ROOT, "%-14s knee %s msgs/s%n", t.target(),
                    t.kneeMsgsPerSecond() == null ? "below the first step" : String.format(Locale.ROOT, "%,d",
                            t.kneeMsgsPerSecond()));
            for (Results.Step s : t.steps()) {
                System.out.println("    " + StepRunner.line(s));
            }
            t.notes().forEach(n -> System.out.println("    note: " + n));
        }
    }
}
