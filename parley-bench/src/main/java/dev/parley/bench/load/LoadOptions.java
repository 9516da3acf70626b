package dev.parley.bench.load;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The load benchmark's options, from {@code --name value} pairs:
 * <pre>
 *   --targets parley,parley-memory,relay   which servers, in this order; also pg-1node, pg-2nodes (cluster mode:
 *                                          PostgreSQL on 127.0.0.1:5432 and NATS on 127.0.0.1:4222)
 *   --users 200 --neighbours 10            users, and how many following users each one sends to
 *   --rates 2000,5000,…,50000              offered msgs/s of the steps
 *   --jit-warmup 10                        seconds at the first rate before the first step, not reported
 *   --warmup 3 --seconds 10                seconds of each step before and while it is measured
 *   --overload-p99-ms 1000                 a step whose p99 is above this (or that loses anything) ends the steps
 *   --drain 10000                          messages in the offline drain (0: none)
 *   --idle 10000 --addresses 8             idle connections, and their source addresses 127.0.0.1…8 (0: none)
 *   --out FILE --chart FILE                the JSON results and the PNG chart
 * </pre>
 */
record LoadOptions(List<Target> targets, int users, int neighbours, List<Integer> rates, double jitWarmup,
                   double warmup, double seconds, double overloadP99Ms, int drain, int idle, int addresses, Path out, Path chart) {

    static LoadOptions parse(String[] args) {
        Path out = Path.of(text(args, "--out", "parley-bench/target/load/load.json"));
        Path chart = Path.of(text(args, "--chart", out.resolveSibling("load-chart.png").toString()));
        return new LoadOptions(
                Arrays.stream(text(args, "--targets", "parley,parley-memory,relay").split(","))
                        .map(String::trim).map(Target::byId).toList(),
                Integer.parseInt(text(args, "--users", "200")),
                Integer.parseInt(text(args, "--neighbours", "10")),
                Arrays.stream(text(args, "--rates", "2000,5000,10000,20000,30000,40000,50000").split(","))
                        .map(String::trim).map(Integer::parseInt).toList(),
                Double.parseDouble(text(args, "--jit-warmup", "10")),
                Double.parseDouble(text(args, "--warmup", "3")),
                Double.parseDouble(text(args, "--seconds", "10")),
                Double.parseDouble(text(args, "--overload-p99-ms", "1000")),
                Integer.parseInt(text(args, "--drain", "10000")),
                Integer.parseInt(text(args, "--idle", "10000")),
                Integer.parseInt(text(args, "--addresses", "8")),
                out, chart);
    }

    private static String text(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        for (String a : args) {
            if (a.startsWith("--") && !KNOWN.contains(a) && !a.contains("=")) {
                throw new IllegalArgumentException("unknown option " + a);
            }
        }
        return fallback;
    }

    private static final List<String> KNOWN = List.of("--targets", "--users", "--neighbours", "--rates", "--jit-warmup", "--warmup",
            "--seconds", "--overload-p99-ms", "--drain", "--idle", "--addresses", "--out", "--chart");
}
