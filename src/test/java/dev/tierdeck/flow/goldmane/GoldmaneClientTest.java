package dev.tierdeck.flow.goldmane;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.tierdeck.flow.FlowProperties;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowSourceStatus;
import dev.tierdeck.flow.MemoryFlowSourceCursors;
import dev.tierdeck.flow.RecordingFlowStore;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GoldmaneClientTest {

    final RecordedGoldmane goldmane = new RecordedGoldmane();
    final RecordingFlowStore store = new RecordingFlowStore();
    final MemoryFlowSourceCursors cursors = new MemoryFlowSourceCursors();
    final long now = Instant.now().getEpochSecond() / 15 * 15;
    final String name = InProcessServerBuilder.generateName();
    Server server;
    ManagedChannel channel;
    GoldmaneClient client;

    GoldmaneClient client() throws Exception {
        server = InProcessServerBuilder.forName(name)
                .directExecutor()
                .addService(goldmane)
                .build()
                .start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var config = new FlowProperties.Goldmane(
                "in-process", null, null, null, null, 7, Duration.ofMillis(20), Duration.ofMillis(200));
        client = new GoldmaneClient(channel, "in-process", store, cursors, () -> true, config, Clock.systemUTC());
        return client;
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.stop();
        }
        if (channel != null) {
            channel.shutdownNow();
        }
        if (server != null) {
            server.shutdownNow();
        }
    }

    @Test
    void catchesUpPageByPageThenFollowsTheStreamAcrossAReconnectWithoutDuplicates() throws Exception {
        for (int i = 0; i < 20; i++) {
            goldmane.flows.add(RecordedGoldmane.flow("history" + i + "-*", now - 900 + 15L * i));
        }
        for (int i = 0; i < 10; i++) {
            goldmane.flows.add(RecordedGoldmane.flow("live" + i + "-*", now - 15));
        }

        client().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> goldmane.streams.get() >= 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> store.flows.size() >= 30);
        Thread.sleep(300);
        assertThat(store.flows).hasSize(30);
        assertThat(store.flows.stream().map(f -> f.source().name() + "@" + f.start()))
                .doesNotHaveDuplicates();
        // the first List paged through all 30 flows, 7 at a time
        assertThat(goldmane.listRequests.stream().filter(r -> r.getStartTimeGte() == 0))
                .hasSize(5);
        FlowSourceStatus status = client.status();
        assertThat(status.connected()).isTrue();
        assertThat(status.flowsReceived()).isEqualTo(30);
        assertThat(status.duplicates()).isPositive();
        assertThat(status.errors()).isEqualTo(1);
        assertThat(status.lastError()).contains("goldmane restarted");
        assertThat(status.flowsPerMinute()).isEqualTo(30);
        assertThat(status.lastFlowAt()).isNotNull();
        // the reconnect asked again from the newest interval received
        assertThat(goldmane.listRequests.getLast().getStartTimeGte()).isEqualTo(now - 15);
        assertThat(cursors.saved.get(GoldmaneClient.SOURCE)).isEqualTo(Instant.ofEpochSecond(now - 15));
    }

    @Test
    void readsEveryPageOfFilterHintsNarrowedBySourceNamespace() throws Exception {
        for (String ns : List.of("db", "payments", "catalog", "monitoring", "kube-system")) {
            goldmane.flows.add(RecordedGoldmane.flow("web-*", now - 60).toBuilder()
                    .setKey(RecordedGoldmane.flow("web-*", now - 60).getKey().toBuilder()
                            .setDestNamespace(ns))
                    .build());
        }
        goldmane.flows.add(RecordedGoldmane.flow("other-*", now - 60).toBuilder()
                .setKey(RecordedGoldmane.flow("other-*", now - 60).getKey().toBuilder()
                        .setSourceNamespace("sandbox")
                        .setDestNamespace("internet-only"))
                .build());

        var hints = client().filterHints(
                        dev.tierdeck.flow.goldmane.proto.FilterType.FilterTypeDestNamespace,
                        List.of("checkout"),
                        java.time.Duration.ofHours(1),
                        2 * 2);

        assertThat(hints).containsExactly("catalog", "db", "kube-system", "monitoring");
        assertThat(goldmane.hintRequests).hasSize(1);
        assertThat(goldmane.hintRequests.getFirst().getStartTimeGte()).isEqualTo(-3600);

        var all = client.filterHints(
                dev.tierdeck.flow.goldmane.proto.FilterType.FilterTypeDestNamespace,
                List.of(),
                java.time.Duration.ofHours(1),
                100);
        assertThat(all).containsExactly("catalog", "db", "internet-only", "kube-system", "monitoring", "payments");
    }

    @Test
    void convertsGoldmaneFlowsIntoTheStoredShape() throws Exception {
        goldmane.flows.add(RecordedGoldmane.flow("web-*", now - 60));

        client().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !store.flows.isEmpty());
        FlowRecord f = store.flows.getFirst();
        assertThat(f.source().displayName()).isEqualTo("checkout/web-*");
        assertThat(f.source().labels()).isEqualTo(Map.of("app", "web"));
        assertThat(f.destination().displayName()).isEqualTo("payments/api-7d9f8c-*");
        assertThat(f.protocol()).isEqualTo("TCP");
        assertThat(f.port()).isEqualTo(8080);
        assertThat(f.start()).isEqualTo(Instant.ofEpochSecond(now - 60));
        assertThat(f.enforced())
                .singleElement()
                .satisfies(h -> assertThat(h.name()).isEqualTo("allow-api"));
        assertThat(f.counts().connectionsStarted()).isEqualTo(1);
    }

    @Test
    void afterARestartResumesJustAfterTheLastStoredInterval() throws Exception {
        cursors.saved.put(GoldmaneClient.SOURCE, Instant.ofEpochSecond(now - 300));
        goldmane.flows.add(RecordedGoldmane.flow("old-*", now - 300));
        goldmane.flows.add(RecordedGoldmane.flow("new-*", now - 285));

        client().start();

        await().atMost(Duration.ofSeconds(10)).until(() -> !goldmane.listRequests.isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !store.flows.isEmpty());
        assertThat(goldmane.listRequests.getFirst().getStartTimeGte()).isEqualTo(now - 299);
        assertThat(store.flows).extracting(f -> f.source().name()).containsExactly("new-*");
    }

    @Test
    void keepsRetryingWithBackoffWhileGoldmaneIsDown() throws Exception {
        client();
        server.shutdownNow().awaitTermination();

        client.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().errors() >= 3);
        FlowSourceStatus status = client.status();
        assertThat(status.connected()).isFalse();
        assertThat(status.lastError()).isNotBlank();
        assertThat(status.lastErrorAt()).isNotNull();
    }

    @Test
    void doesNothingOnAReplicaThatIsNotTheLeader() throws Exception {
        goldmane.flows.add(RecordedGoldmane.flow("web-*", now - 60));
        client();
        var config = new FlowProperties.Goldmane(
                "in-process", null, null, null, null, 7, Duration.ofMillis(20), Duration.ofMillis(200));
        client = new GoldmaneClient(channel, "in-process", store, cursors, () -> false, config, Clock.systemUTC());

        client.start();
        Thread.sleep(300);

        assertThat(goldmane.listRequests).isEmpty();
        assertThat(client.status().active()).isFalse();
    }
}
