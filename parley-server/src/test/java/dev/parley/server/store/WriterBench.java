package dev.parley.server.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The SQLite store's writer alone (no sockets, no fan-out): what each message costs the thread that commits, an
 * append and its delivery mark, in batches as the group-commit writer makes them under load. Run by
 * {@code bench/run writer} (not part of {@code verify}: the name does not match the test pattern).
 * <p>
 * Workload, as the load benchmark's: 200 users, user <i>i</i> writing to <i>i+1 … i+10</i> in turn, rising local
 * ids; each batch holds {@code B} appends and the delivery marks of the previous batch's {@code B} appends. Per batch
 * size ({@code BENCH_BATCHES}, default 8, 64 and 256), five rounds of {@value #MESSAGES} messages in one store (the first warms the JIT and is not printed), on two
 * file systems: {@code /dev/shm} (memory: what SQLite and the driver cost, without the disk) and the temporary
 * directory's (the disk: {@code fsync} and WAL writes too). Printed per round: CPU of the committing thread per
 * message, wall time per message, and bytes the process caused to be written per message ({@code /proc/self/io}:
 * 0 on memory). Figures move between rounds on a shared VM: compare the median of one build with another's, run in
 * turns.
 */
class WriterBench {
    static final int MESSAGES = 50_000;
    private static final int USERS = 200;
    private static final int ROUNDS = 5;

    @Test
    void writer() throws Exception {
        int[] batches = Arrays.stream(System.getenv().getOrDefault("BENCH_BATCHES", "8,64,256").split(","))
                .mapToInt(Integer::parseInt).toArray();
        for (Path base : List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir")))) {
            for (int batch : batches) {
                run(base, batch);
            }
        }
    }

    private static void run(Path base, int batch) throws Exception {
        Path dir = Files.createTempDirectory(base, "parley-writer-bench-");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[ROUNDS - 1];
        try (MessageStore store = Stores.openSqlite(dir)) {
            List<Write<?>> users = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                users.add(new Write.CreateUser(StoreFixtures.user("u" + u)));
            }
            store.commit(users);
            long n = 0;
            List<Write.MarkDelivered> marks = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                long written0 = writtenBytes();
                for (int done = 0; done < MESSAGES; done += batch) {
                    List<Write<?>> writes = new ArrayList<>(marks);
                    List<String> recipients = new ArrayList<>(batch);
                    for (int i = 0; i < batch; i++, n++) {
                        int from = (int) (n % USERS);
                        String to = "u" + (from + 1 + (n / USERS) % 10) % USERS;
                        writes.add(StoreFixtures.append("u" + from, String.format("%016d", n), to,
                                "message number " + n));
                        recipients.add(to);
                    }
                    List<Write.Result> results = store.commit(writes);
                    marks.clear();
                    for (int i = 0; i < batch; i++) {
                        long id = StoreFixtures.appended(results.get(results.size() - batch + i)).message().id();
                        marks.add(new Write.MarkDelivered(id, recipients.get(i)));
                    }
                }
                double cpuPerMessage = (threads.getCurrentThreadCpuTime() - cpu0) / 1e3 / MESSAGES;
                double wallPerMessage = (System.nanoTime() - wall0) / 1e3 / MESSAGES;
                double kbPerMessage = (writtenBytes() - written0) / 1024.0 / MESSAGES;
                if (round > 0) {
                    cpu[round - 1] = cpuPerMessage;
                    System.out.printf("writer: %-9s batch %3d round %d: CPU %5.1f us/msg, wall %5.1f us/msg,"
                                    + " written %5.1f KB/msg%n", base, batch, round, cpuPerMessage, wallPerMessage,
                            kbPerMessage);
                }
            }
        } finally {
            try (var files = Files.walk(dir)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
        Arrays.sort(cpu);
        System.out.printf("writer: %-9s batch %3d: CPU median %.1f us/msg (min %.1f, max %.1f)%n", base, batch,
                (cpu[cpu.length / 2 - 1] + cpu[cpu.length / 2]) / 2, cpu[0], cpu[cpu.length - 1]);
    }

    private static long writtenBytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("write_bytes:")) {
                return Long.parseLong(line.substring("write_bytes:".length()).trim());
            }
        }
        return 0;
    }
}
