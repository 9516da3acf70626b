package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the load benchmark at a low rate, against the relay yardstick and a real Parley server, each in its
 * own process (and Parley with {@code --store memory}, which is reported as skipped while the server does not know
 * the flag): nothing lost, duplicated or out of order, the offline drain complete, and the JSON and the chart have
 * the figures. Nothing here is
 * timed against a bound; the figures are for {@code bench/run load}.
 */
class LoadSmokeTest {
    @Test
    @Timeout(300)
    void everyMessageArrivesOnceInOrderAndTheResultsHaveTheFigures(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("load.json");
        Path chart = dir.resolve("load-chart.png");
        LoadOptions options = new LoadOptions(List.of(Target.RELAY, Target.PARLEY, Target.PARLEY_MEMORY), 20, 10,
                List.of(300), 0, 1, 2, 5_000, 300, 40, 4, json, chart);

        Results.Run run = LoadBenchmark.run(options);

        assertThat(run.targets()).hasSize(3);
        for (Results.TargetRun t : run.targets()) {
            if (t.target().equals("parley-memory") && t.skipped() != null) {
                assertThat(t.skipped()).contains("--store");
                continue;
            }
            assertThat(t.skipped()).as(t.target()).isNull();
            assertThat(t.steps()).as(t.target()).hasSize(1);
            Results.Step step = t.steps().getFirst();
            assertThat(step.sent()).as(t.target()).isEqualTo(900);
            assertThat(step.receipted()).as(t.target()).isEqualTo(900);
            assertThat(step.delivered()).as(t.target()).isEqualTo(900);
            assertThat(step.lost() + step.duplicates() + step.commitOrderViolations() + step.errors())
                    .as(t.target()).isZero();
            assertThat(step.delivery().count()).as(t.target()).isEqualTo(600);
            assertThat(step.serverCpuUsPerMsg()).as(t.target()).isPositive();
            assertThat(step.allocBytesPerMsg()).as(t.target()).isPositive();
            if (!t.target().equals("parley-memory")) { // its users exist only over REST: no idle figures
                assertThat(t.idle().signedIn()).as(t.target()).isEqualTo(40);
            }
        }
        // The relay keeps each connection's order, so the checker must find every message in the order it was sent.
        // Parley promises commit order (protocol v1, semantics 4); its send order is reported, not asserted: the
        // first messages to a recipient the server has not looked up yet may be committed out of send order.
        assertThat(run.targets().getFirst().steps().getFirst().orderViolations()).isZero();
        Results.TargetRun parley = run.targets().get(1);
        assertThat(parley.drain().received()).isEqualTo(300);
        assertThat(parley.drain().duplicates() + parley.drain().commitOrderViolations()).isZero();
        assertThat(parley.steps().getFirst().diskBytesPerMsg()).isPositive();

        String text = Files.readString(json);
        assertThat(text).contains("\"target\": \"relay\"", "\"target\": \"parley\"", "\"serverCpuUsPerMsg\"",
                "\"diskBytesPerMsg\"", "\"fsyncsPerSecond\"", "\"allocBytesPerMsg\"", "\"gcPauses\"",
                "\"kneeMsgsPerSecond\"", "\"p99\"", "\"drainMillis\"", "\"heapBytesPerConnection\"");
        assertThat(Files.size(chart)).isGreaterThan(1_000);
    }
}
