package dev.tierdeck.flow.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.MemoryFlowSourceCursors;
import dev.tierdeck.flow.RecordingFlowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
        var properties = new FlowProperties(
                Duration.ofDays(14),
                Duration.ofMinutes(1),
                2,
                DataSize.ofMegabytes(64),
                new FlowProperties.Goldmane(
                        null, null, null, null, null, 1000, Duration.ofSeconds(1), Duration.ofMinutes(2)),
                new FlowProperties.DemoFeed(true, Duration.ofSeconds(15), backfill));
        return new DemoFeed(cluster, store, cursors, () -> true, properties, Clock.fixed(NOW, ZoneOffset.UTC));
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
