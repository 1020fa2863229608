package dev.tierdeck.flow.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowCounts;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.PolicyHit;
import dev.tierdeck.flow.PolicyHitKind;
import dev.tierdeck.flow.Reporter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Ingest throughput of the flow store: flow records per second through {@link FlowStore#ingest}, in batches as
 * a Goldmane stream or an import delivers them. Not part of the normal test run:
 *
 * <pre>./mvnw -B -o test -Dgroups=bench -Dsurefire.excludedGroups=none -Dtest=FlowIngestBenchmark
 *     -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * The figure is printed to standard output (and the surefire report).
 */
@Tag("bench")
@SpringBootTest
class FlowIngestBenchmark {

    static final int WORKLOADS = 60;
    static final int BATCH = 5_000;
    static final int BATCHES = 40;

    @Autowired
    FlowStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ingestRate() {
        jdbc.execute("truncate flow_bucket");
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(12));
        // warm-up: JIT, partitions, statement plans
        store.ingest(batch(random, start, 0));

        long records = 0;
        long began = System.nanoTime();
        for (int i = 1; i <= BATCHES; i++) {
            records += store.ingest(batch(random, start, i));
        }
        double seconds = (System.nanoTime() - began) / 1e9;
        long rows = jdbc.queryForObject("select count(*) from flow_bucket", Long.class);
        System.out.printf(
                "flow ingest: %d records in %.2f s = %.0f records/s (%d cores, %d stored rows, batches of %d)%n",
                records, seconds, records / seconds, Runtime.getRuntime().availableProcessors(), rows, BATCH);
        assertThat(records).isEqualTo((long) BATCH * BATCHES);
    }

    /** One batch: 15 s of traffic of a mid-sized cluster, spread over 40 minutes of buckets. */
    private static List<FlowRecord> batch(SplittableRandom random, Instant start, int n) {
        List<FlowRecord> flows = new ArrayList<>(BATCH);
        for (int i = 0; i < BATCH; i++) {
            int src = random.nextInt(WORKLOADS);
            int dst = random.nextInt(WORKLOADS);
            Instant t = start.plusSeconds(15L * (n * 4 + random.nextInt(160)));
            boolean denied = random.nextInt(20) == 0;
            FlowAction action = denied ? FlowAction.Deny : FlowAction.Allow;
            PolicyHit hit = new PolicyHit(
                    PolicyHitKind.CalicoNetworkPolicy,
                    "ns" + dst % 12,
                    "policy-" + dst,
                    "default",
                    action,
                    0,
                    random.nextInt(3),
                    null);
            flows.add(new FlowRecord(
                    t,
                    t.plusSeconds(15),
                    FlowEndpoint.workload(
                            "ns" + src % 12,
                            "app" + src + "-5d8f7c9b4-*",
                            Map.of("app", "app" + src, "team", "t" + src % 5)),
                    FlowEndpoint.workload(
                            "ns" + dst % 12,
                            "app" + dst + "-6b7c8d9f5-*",
                            Map.of("app", "app" + dst, "team", "t" + dst % 5)),
                    "TCP",
                    8000 + random.nextInt(4),
                    random.nextBoolean() ? Reporter.Src : Reporter.Dst,
                    action,
                    List.of(hit),
                    List.of(hit),
                    new FlowCounts(
                            random.nextInt(100),
                            random.nextInt(100),
                            random.nextInt(100_000),
                            random.nextInt(100_000),
                            1 + random.nextInt(5),
                            random.nextInt(5),
                            random.nextInt(2))));
        }
        return flows;
    }
}
