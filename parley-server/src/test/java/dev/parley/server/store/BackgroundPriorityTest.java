package dev.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The search index's thread runs below the threads that deliver messages: its nice value is raised, and only its. */
class BackgroundPriorityTest {

    /** The calling thread's nice value, as the kernel reports it (field 19 of /proc/thread-self/stat). */
    private static int niceOfThisThread() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }

    @Test
    void lowersTheCallingThreadOnlyOnLinux() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self/stat")),
                "needs Linux's /proc to read a thread's nice value");
        int before = niceOfThisThread();
        CompletableFuture<int[]> lowered = new CompletableFuture<>();
        Thread.ofPlatform().start(() -> {
            try {
                boolean done = BackgroundPriority.lowerCurrentThread(SqliteSearchIndex.BACKGROUND_NICE);
                lowered.complete(new int[] {done ? 1 : 0, niceOfThisThread()});
            } catch (Exception e) {
                lowered.completeExceptionally(e);
            }
        });

        int[] result = lowered.get(10, TimeUnit.SECONDS);
        assertThat(result[0]).as("setpriority succeeded").isEqualTo(1);
        assertThat(result[1]).isEqualTo(SqliteSearchIndex.BACKGROUND_NICE);
        assertThat(niceOfThisThread()).as("the calling thread of the test is unchanged").isEqualTo(before);
    }
}
