package dev.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a cluster's services use, seen from {@code /proc}: CPU ({@code stat} utime + stime, 10 ms ticks) of the
 * PostgreSQL server and of NATS, and the bytes PostgreSQL caused to be written ({@code io} write_bytes).
 * <p>
 * PostgreSQL is the process listening on its port (the postmaster) and its children: the backends of this run's
 * database and the server's own processes (WAL writer, checkpointer, background writer, autovacuum), but not the
 * backends of other databases, which other work on this machine may be using. The server's own processes work for
 * every database, so what else writes to this server is counted with them. NATS is the {@code nats-server} process
 * listening on its port, shared with whatever else uses it. A process that ended during a step (an autovacuum worker)
 * is not counted; one that started during it is counted from its start. The listeners are found through
 * {@code /proc/net/tcp} and the processes' socket descriptors (which needs root or the services' user).
 * <p>
 * Threading: any thread; nothing is kept between calls.
 */
final class ServiceProbe {
    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    private static final long TICK_NANOS = 1_000_000_000L / 100;
    /** The title of a client backend: {@code postgres: [cluster:] user database host(port) activity}. */
    private static final Pattern BACKEND = Pattern.compile("\\S+\\(\\d+\\)|\\[local]");

    private final String database;
    private final long postmaster;
    private final long nats;

    /** A snapshot: per process, its CPU nanoseconds (and written bytes, for PostgreSQL). */
    record Sample(Map<Long, Long> postgresCpu, Map<Long, Long> postgresWrites, Map<Long, Long> natsCpu) {
    }

    /** Watches the PostgreSQL server on {@code postgresPort} (for {@code database}) and the NATS on {@code natsPort}. */
    ServiceProbe(String database, int postgresPort, int natsPort) {
        this.database = database;
        List<ProcessStat> all = processes();
        this.postmaster = Listeners.pid(postgresPort, all.stream().filter(p -> p.command.equals("postgres"))
                .map(ProcessStat::pid).toList());
        this.nats = Listeners.pid(natsPort, all.stream().filter(p -> p.command.equals("nats-server"))
                .map(ProcessStat::pid).toList());
    }

    /** What was found: the two listeners' pids, or why not. */
    String describe() {
        return "PostgreSQL postmaster " + (postmaster < 0 ? "not found" : "pid " + postmaster)
                + " (with its children, less other databases' backends), NATS " + (nats < 0 ? "not found"
                : "pid " + nats);
    }

    Sample sample() {
        Map<Long, Long> pgCpu = new HashMap<>();
        Map<Long, Long> pgWrites = new HashMap<>();
        Map<Long, Long> natsCpu = new HashMap<>();
        for (ProcessStat p : processes()) {
            if (p.pid == nats) {
                natsCpu.put(p.pid, p.cpuNanos);
            } else if (postgres(p) && ours(cmdline(p.pid))) {
                pgCpu.put(p.pid, p.cpuNanos);
                pgWrites.put(p.pid, writeBytes(p.pid));
            }
        }
        return new Sample(pgCpu, pgWrites, natsCpu);
    }

    /**
     * The PostgreSQL processes counted now that live as long as the server or the nodes' pools, for the fsync count
     * ({@code perf stat -p} refuses a list with a pid that has gone): autovacuum and parallel workers, which come and
     * go, are left out of it.
     */
    List<Long> postgresPids() {
        return processes().stream().filter(this::postgres).filter(p -> {
            String title = cmdline(p.pid);
            return ours(title) && !title.contains(" worker");
        }).map(ProcessStat::pid).toList();
    }

    /** The services' figures per message over {@code measured} messages between two samples. */
    static Results.Services figures(Sample before, Sample after, double measured) {
        return new Results.Services(after.postgresCpu().isEmpty() ? -1
                : delta(before.postgresCpu(), after.postgresCpu()) / 1e3 / measured,
                after.postgresCpu().isEmpty() ? -1 : delta(before.postgresWrites(), after.postgresWrites()) / measured,
                after.natsCpu().isEmpty() ? -1 : delta(before.natsCpu(), after.natsCpu()) / 1e3 / measured,
                after.postgresCpu().size());
    }

    private static long delta(Map<Long, Long> before, Map<Long, Long> after) {
        long sum = 0;
        for (Map.Entry<Long, Long> e : after.entrySet()) {
            sum += Math.max(0, e.getValue() - before.getOrDefault(e.getKey(), 0L));
        }
        return sum;
    }

    private boolean postgres(ProcessStat p) {
        return postmaster >= 0 && (p.pid == postmaster || p.parent == postmaster);
    }

    /** Whether a postgres process (by its title) is the server's own or a backend of this run's database. */
    private boolean ours(String title) {
        return !BACKEND.matcher(title).find() || (" " + title + " ").contains(" " + database + " ");
    }

    private record ProcessStat(long pid, long parent, String command, long cpuNanos) {
    }

    private static List<ProcessStat> processes() {
        try (Stream<Path> dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(ServiceProbe::stat).filter(p -> p != null).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The process's command name and CPU; null when it is gone or unreadable. */
    private static ProcessStat stat(Path dir) {
        try {
            String stat = Files.readString(dir.resolve("stat"));
            int open = stat.indexOf('(');
            int close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ");
            // fields 14 and 15 of stat (utime, stime) are 11 and 12 after the command name
            long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_NANOS;
            return new ProcessStat(Long.parseLong(dir.getFileName().toString()), Long.parseLong(f[1]),
                    stat.substring(open + 1, close), cpu);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String cmdline(long pid) {
        try {
            byte[] raw = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"));
            return new String(raw, StandardCharsets.UTF_8).replace('\0', ' ').trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static long writeBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring(12).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
