package dev.tierdeck.flow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.MemoryFlowSourceCursors;
import dev.tierdeck.flow.RecordingFlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

class DemoFeedTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:07Z");
    final RecordingFlowStore store = new RecordingFlowStore();
    final MemoryFlowSourceCursors cursors = new MemoryFlowSourceCursors();
    final DemoTraffic traffic = DemoTraffic.of(DemoTrafficTest.DEMO);

    DemoFeed feed(boolean demoCluster, Duration backfill) {
        ClusterReader cluster = new ClusterReader() {
            @Override
            public ClusterStatus status() {
                return new ClusterStatus(true, CalicoApiMode.CRD, "v3.32.0", 8, 40, false, false, demoCluster);
            }

            @Override
            public ClusterSnapshot snapshot() {
                throw new AssertionError("the feed must not read a cluster that is not the demo");
            }

            @Override
            public Manifests decoded() {
                throw new AssertionError("the feed must not read a cluster that is not the demo");
            }
        };
        var properties =
                properties(new FlowProperties.DemoFeed(true, Duration.ofSeconds(15), backfill, 600, 1_000_000));
        return new DemoFeed(cluster, store, cursors, () -> true, properties, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static FlowProperties properties(FlowProperties.DemoFeed demoFeed) {
        return new FlowProperties(
                Duration.ofDays(14),
                Duration.ofMinutes(1),
                2,
                DataSize.ofMegabytes(64),
                new FlowProperties.Goldmane(
                        null, null, null, null, null, 1000, Duration.ofSeconds(1), Duration.ofMinutes(2)),
                demoFeed);
    }

    @Test
    void firstStartBackfillsHistoryInMinuteSlotsThenGoesOnIn15sSlots() {
        DemoFeed feed = feed(true, Duration.ofHours(3));
        Instant upTo = Instant.parse("2026-11-26T12:00:00Z");

        feed.generate(traffic, upTo.minus(Duration.ofHours(3)), upTo);

        assertThat(store.flows).isNotEmpty();
        assertThat(store.flows.stream()
                        .map(FlowRecord::start)
                        .min(Instant::compareTo)
                        .orElseThrow())
                .isEqualTo(Instant.parse("2026-11-26T09:00:00Z"));
        assertThat(store.flows)
                .filteredOn(f -> f.start().isBefore(Instant.parse("2026-11-26T11:50:00Z")))
                .allSatisfy(
                        f -> assertThat(Duration.between(f.start(), f.end())).isEqualTo(Duration.ofMinutes(1)));
        assertThat(store.flows)
                .filteredOn(f -> !f.start().isBefore(Instant.parse("2026-11-26T11:56:00Z")))
                .isNotEmpty()
                .allSatisfy(
                        f -> assertThat(Duration.between(f.start(), f.end())).isEqualTo(Duration.ofSeconds(15)));
        assertThat(cursors.saved.get(DemoFeed.SOURCE)).isEqualTo(upTo);
        assertThat(feed.status().flowsReceived()).isEqualTo(store.flows.size());
    }

    @Test
    void aRoundContinuesWhereTheLastStopped() {
        DemoFeed feed = feed(true, Duration.ofHours(3));
        feed.generate(traffic, Instant.parse("2026-11-26T11:59:00Z"), Instant.parse("2026-11-26T11:59:30Z"));
        int first = store.flows.size();

        feed.generate(traffic, cursors.saved.get(DemoFeed.SOURCE), Instant.parse("2026-11-26T11:59:45Z"));

        assertThat(store.flows.subList(first, store.flows.size()))
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f.start()).isEqualTo(Instant.parse("2026-11-26T11:59:30Z")));
    }

    @Test
    void onALargeClusterTheFeedWritesABoundedNumberOfRowsAMinuteAndShortensItsBackfillToFit() {
        CompiledCluster compiled = Engine.compile(DemoTrafficTest.DEMO);
        AtomicInteger asked = new AtomicInteger();
        ClusterReader cluster = new ClusterReader() {
            @Override
            public ClusterStatus status() {
                return new ClusterStatus(true, CalicoApiMode.CRD, "v3.32.0", 8, 40, false, false, true);
            }

            @Override
            public ClusterSnapshot snapshot() {
                throw new AssertionError("the feed decoded the cluster itself");
            }

            @Override
            public Manifests decoded() {
                throw new AssertionError("the feed decoded the cluster itself");
            }

            @Override
            public CompiledCluster compiled() {
                asked.incrementAndGet();
                return compiled;
            }
        };
        // five kinds of connection fit in ten rows a minute; 600 rows are an hour of them
        var properties =
                properties(new FlowProperties.DemoFeed(true, Duration.ofSeconds(15), Duration.ofHours(3), 10, 600));
        assertThat(DemoTraffic.of(compiled, Integer.MAX_VALUE).connections()).hasSizeGreaterThan(5);
        DemoFeed feed = new DemoFeed(cluster, store, cursors, () -> true, properties, Clock.fixed(NOW, ZoneOffset.UTC));

        feed.tick();
        feed.tick();

        assertThat(asked).hasValue(2);
        assertThat(store.flows.stream()
                        .map(FlowRecord::start)
                        .min(Instant::compareTo)
                        .orElseThrow())
                .isEqualTo(Instant.parse("2026-11-26T11:00:00Z"));
        assertThat(store.flows.stream()
                        .map(f -> f.source().displayName() + " -> "
                                + f.destination().displayName() + " " + f.port())
                        .distinct())
                .hasSizeLessThanOrEqualTo(5);
        Map<Instant, Long> rowsPerMinute = store.flows.stream()
                .collect(Collectors.groupingBy(
                        f -> DemoFeed.slotStart(f.start(), Duration.ofMinutes(1)), Collectors.counting()));
        // the live 15 s slots of the last minutes land in the same one-minute bucket when stored
        assertThat(rowsPerMinute.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4 * 10));
        assertThat(rowsPerMinute.entrySet())
                .filteredOn(e -> e.getKey().isBefore(Instant.parse("2026-11-26T11:50:00Z")))
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.getValue()).isLessThanOrEqualTo(10));
    }

    @Test
    void staysIdleWhenTheClusterIsNotTheDemo() {
        DemoFeed feed = feed(false, Duration.ofHours(3));

        feed.tick();

        assertThat(store.flows).isEmpty();
        assertThat(feed.status().connected()).isFalse();
        assertThat(feed.status().lastError()).contains("not the demo cluster");
        assertThat(feed.status().errors()).isZero();
    }

    @Test
    void statusBeforeTheFirstRoundShowsNothingReceived() {
        assertThat(feed(true, Duration.ofHours(3)).status()).satisfies(s -> {
            assertThat(s.type()).isEqualTo("demo");
            assertThat(s.flowsReceived()).isZero();
            assertThat(s.resumeAt()).isNull();
        });
    }
}
