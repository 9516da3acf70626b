package dev.parley.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few seconds of the load benchmark at a low rate against two cluster nodes on this machine's PostgreSQL and NATS,
 * users spread over both: nothing lost or duplicated, the offline drain (from a sender on one node to a recipient on
 * the other) complete, the figures summed over both nodes and PostgreSQL's and NATS's CPU reported. Without a
 * service, or with a server that does not know the cluster flags, the target is skipped with its reason, and so is
 * this test (under {@code CI=true} a missing service fails it). Nothing is timed against a bound.
 */
class ClusterLoadSmokeTest {
    @Test
    @Timeout(300)
    void twoNodesDeliverEveryMessageOnceAndReportTheirServices(@TempDir Path dir) throws Exception {
        LoadOptions options = new LoadOptions(List.of(Target.PG_2NODES), 20, 10, List.of(300), 0, 1, 2, 5_000, 300,
                0, 1, dir.resolve("load.json"), dir.resolve("load-chart.png"));

        Results.TargetRun run = LoadBenchmark.run(options).targets().getFirst();

        if (run.skipped() != null && "true".equals(System.getenv("CI"))) {
            assertThat(run.skipped()).as("skipped under CI").contains("does not accept");
        }
        assumeThat(run.skipped()).as("pg-2nodes skipped: %s", run.skipped()).isNull();
        Results.Step step = run.steps().getFirst();
        assertThat(step.sent()).isEqualTo(900);
        assertThat(step.receipted()).isEqualTo(900);
        assertThat(step.delivered()).isEqualTo(900);
        assertThat(step.lost() + step.duplicates() + step.errors()).isZero();
        assertThat(step.serverCpuUsPerMsg()).isPositive();
        assertThat(step.allocBytesPerMsg()).isPositive();
        assertThat(step.services().postgresProcesses()).isPositive();
        assertThat(step.services().postgresCpuUsPerMsg()).isPositive();
        assertThat(step.services().natsCpuUsPerMsg()).isNotNegative();
        assertThat(run.drain().received()).isEqualTo(300);
        assertThat(run.drain().duplicates()).isZero();
        assertThat(run.notes()).anyMatch(n -> n.contains("cores"));
    }
}
