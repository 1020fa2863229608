package dev.tierdeck.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.FlowEndpoint.Address;
import dev.tierdeck.engine.eval.FlowEndpoint.PodRef;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.ClusterState;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowReplayTest {

    static final Instant T = Instant.parse("2026-11-20T10:00:00Z");
    final ClusterState cluster = cluster();

    static ClusterState cluster() {
        try (InputStream in = FlowReplayTest.class.getResourceAsStream("/flow/replay/cluster.yaml")) {
            Manifests m = ManifestReader.read("cluster.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            assertThat(m.errors()).isEmpty();
            return m.state();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static FlowRecord flow(FlowEndpoint source, FlowEndpoint dest, String protocol, int port, Reporter reporter) {
        return new FlowRecord(
                T,
                T.plusSeconds(15),
                source,
                dest,
                protocol,
                port,
                reporter,
                FlowAction.Allow,
                List.of(),
                List.of(),
                new FlowCounts(1, 1, 1, 1, 3, 0, 0));
    }

    static FlowEndpoint workload(String ns, String name, Map<String, String> labels) {
        return FlowEndpoint.workload(ns, name, labels);
    }

    @Test
    void mapsAnAggregatedNameOntoAPodWithThatPrefixAndTheLabels() {
        ReplaySet set = FlowReplay.map(
                List.of(flow(
                        workload("shop", "web-6c7d8e9f1-*", Map.of("app", "web")),
                        workload("shop", "api-5f6d7c8b9-*", Map.of("app", "api")),
                        "TCP",
                        8080,
                        Reporter.Src)),
                cluster);

        assertThat(set.unmapped()).isEmpty();
        var flow = set.flows().getFirst().flow();
        assertThat(flow.source()).isEqualTo(new PodRef("shop", "web-6c7d8e9f1-klmno"));
        assertThat(flow.destination()).isEqualTo(new PodRef("shop", "api-5f6d7c8b9-abcde"));
        assertThat(flow.port()).isEqualTo(8080);
    }

    @Test
    void aLaterClusterStateIsAskedAfreshNotAnsweredFromTheLookupsOfTheLastOne() {
        FlowRecord webToApi = flow(
                workload("shop", "web-6c7d8e9f1-*", Map.of("app", "web")),
                workload("shop", "api-5f6d7c8b9-*", Map.of("app", "api")),
                "TCP",
                8080,
                Reporter.Src);
        assertThat(FlowReplay.map(List.of(webToApi), cluster).unmapped()).isEmpty();
        assertThat(FlowReplay.map(List.of(webToApi, webToApi), cluster).flows())
                .singleElement()
                .satisfies(r -> assertThat(r.observed()).hasSize(2));

        ClusterState withoutWeb = ClusterState.of(cluster.objects().stream()
                .filter(o -> !(o instanceof dev.tierdeck.engine.model.Pod p
                        && p.name().startsWith("web-")))
                .toList());

        assertThat(FlowReplay.map(List.of(webToApi), withoutWeb).unmapped())
                .singleElement()
                .satisfies(u -> assertThat(u.reason()).isEqualTo(ReplaySet.Reason.NO_MATCHING_POD));
        assertThat(FlowReplay.map(List.of(webToApi), cluster).unmapped()).isEmpty();
    }

    @Test
    void followsAWorkloadToItsNewReplicaSet() {
        ReplaySet set = FlowReplay.map(
                List.of(flow(
                        workload("shop", "web-6c7d8e9f1-*", Map.of()),
                        workload("shop", "api-4a3b2c1d0-*", Map.of("app", "api")),
                        "TCP",
                        8080,
                        Reporter.Src)),
                cluster);

        assertThat(set.flows().getFirst().flow().destination()).isEqualTo(new PodRef("shop", "api-5f6d7c8b9-abcde"));
    }

    @Test
    void bothReportsOfOneConnectionReplayOnce() {
        FlowEndpoint web = workload("shop", "web-6c7d8e9f1-*", Map.of());
        FlowEndpoint pg = workload("data", "pg-*", Map.of("app", "pg"));

        ReplaySet set = FlowReplay.map(
                List.of(flow(web, pg, "TCP", 5432, Reporter.Src), flow(web, pg, "tcp", 5432, Reporter.Dst)), cluster);

        assertThat(set.flows()).singleElement().satisfies(r -> {
            assertThat(r.observed()).hasSize(2);
            assertThat(r.connections()).isEqualTo(6);
            assertThat(r.flow().id()).isEqualTo("shop/web-6c7d8e9f1-klmno -> data/pg-0 TCP/5432");
        });
    }

    @Test
    void mapsNetworkSetsAndNetworksOntoAddresses() {
        FlowEndpoint web = workload("shop", "web-6c7d8e9f1-*", Map.of());
        ReplaySet set = FlowReplay.map(
                List.of(
                        flow(
                                web,
                                new FlowEndpoint("partners", "shop", EndpointType.NetworkSet, Map.of()),
                                "TCP",
                                443,
                                Reporter.Src),
                        flow(
                                web,
                                new FlowEndpoint("corporate", null, EndpointType.NetworkSet, Map.of()),
                                "TCP",
                                22,
                                Reporter.Src),
                        flow(web, FlowEndpoint.publicNetwork(), "TCP", 443, Reporter.Src),
                        flow(FlowEndpoint.privateNetwork(), web, "UDP", 53, Reporter.Dst)),
                cluster);

        assertThat(set.unmapped()).isEmpty();
        assertThat(set.flows())
                .extracting(
                        r -> r.flow().destination().toString() + "|" + r.flow().source())
                .containsExactly(
                        "203.0.113.0|shop/web-6c7d8e9f1-klmno",
                        "10.10.0.0|shop/web-6c7d8e9f1-klmno",
                        // 203.0.113.10 would be a partner: the next public address is taken
                        "198.51.100.10|shop/web-6c7d8e9f1-klmno",
                        "shop/web-6c7d8e9f1-klmno|10.255.255.254");
        assertThat(set.flows().get(2).flow().destination()).isInstanceOf(Address.class);
    }

    @Test
    void countsWhatCannotBeMappedAndWhy() {
        FlowEndpoint web = workload("shop", "web-6c7d8e9f1-*", Map.of());
        ReplaySet set = FlowReplay.map(
                List.of(
                        flow(web, workload("shop", "gone-7f8e9d6c5-*", Map.of()), "TCP", 80, Reporter.Src),
                        flow(web, workload("shop", "api-5f6d7c8b9-*", Map.of("app", "other")), "TCP", 80, Reporter.Src),
                        flow(
                                web,
                                new FlowEndpoint("removed", null, EndpointType.NetworkSet, Map.of()),
                                "TCP",
                                80,
                                Reporter.Src),
                        flow(
                                new FlowEndpoint("node-1", null, EndpointType.HostEndpoint, Map.of()),
                                web,
                                "TCP",
                                80,
                                Reporter.Dst),
                        flow(web, web, "GRE-ish", 0, Reporter.Src)),
                cluster);

        assertThat(set.flows()).isEmpty();
        assertThat(set.unmappedByReason())
                .containsExactlyEntriesOf(new java.util.TreeMap<>(Map.of(
                        ReplaySet.Reason.NO_MATCHING_POD, 2L,
                        ReplaySet.Reason.NO_NETWORK_SET, 1L,
                        ReplaySet.Reason.HOST_ENDPOINT, 1L,
                        ReplaySet.Reason.UNKNOWN_PROTOCOL, 1L)));
        assertThat(set.unmapped().get(1).detail())
                .isEqualTo("destination shop/api-5f6d7c8b9-*: no current pod of that name with labels {app=other}");
    }

    @Test
    void aNetworkSetCoveringEveryCandidateLeavesPublicTrafficUnmapped() {
        ClusterState withInternet = cluster.with(
                List.of(new dev.tierdeck.engine.model.GlobalNetworkSet("internet", Map.of(), List.of("0.0.0.0/0"))),
                List.of());

        ReplaySet set = FlowReplay.map(
                List.of(flow(
                        workload("shop", "web-6c7d8e9f1-*", Map.of()),
                        FlowEndpoint.publicNetwork(),
                        "TCP",
                        443,
                        Reporter.Src)),
                withInternet);

        assertThat(set.unmappedByReason()).containsOnlyKeys(ReplaySet.Reason.NETWORK_COVERED_BY_NETWORK_SET);
    }
}
