package dev.parley.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts processes' {@code fsync} and {@code fdatasync} calls over a time window with
 * {@code perf stat -e syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync -p PID,…}: the kernel counts the syscall
 * tracepoints, nothing is traced or copied per call, so the server is not slowed. When perf is missing or not
 * permitted ({@code perf_event_paranoid}, no tracefs), the count is -1 and the reason is kept in {@link #problem}.
 * <p>
 * Threading: {@link #start} and {@link #finish} from one thread.
 */
final class FsyncCounter {
    private static final Pattern LINE = Pattern.compile("^\\s*([0-9]+|<not counted>|<not supported>),[^,]*,"
            + "(syscalls:sys_enter_f(?:data)?sync)");
    private static volatile String problem = "";

    private Process perf;

    /** Why counting did not work the last time it did not ({@code ""} while it works). */
    static String problem() {
        return problem;
    }

    /** Starts counting the calls of {@code pids} together for {@code seconds} (perf stops by itself after them). */
    void start(List<Long> pids, double seconds) {
        String pid = pids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
        try {
            perf = new ProcessBuilder("perf", "stat", "-x", ",", "-e",
                    "syscalls:sys_enter_fsync,syscalls:sys_enter_fdatasync", "-p", pid, "--",
                    "sleep", String.format(java.util.Locale.ROOT, "%.3f", seconds))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            problem = "perf not available: " + e.getMessage();
            perf = null;
        }
    }

    /** The calls counted, fsync and fdatasync together; -1 when they could not be counted. */
    long finish() {
        if (perf == null) {
            return -1;
        }
        try {
            if (!perf.waitFor(30, TimeUnit.SECONDS)) {
                perf.destroy();
                problem = "perf did not stop";
                return -1;
            }
            List<String> lines = new String(perf.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)
                    .lines().toList();
            long total = 0;
            int found = 0;
            for (String line : lines) {
                Matcher m = LINE.matcher(line);
                if (m.find() && !m.group(1).equals("<not supported>")) {
                    // "<not counted>": the process did not run on a CPU while counting, so no calls
                    total += Character.isDigit(m.group(1).charAt(0)) ? Long.parseLong(m.group(1)) : 0;
                    found++;
                }
            }
            if (found == 0) {
                problem = "perf counted nothing: " + String.join(" / ", lines);
                return -1;
            }
            return total;
        } catch (IOException e) {
            problem = "perf output unreadable: " + e.getMessage();
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
