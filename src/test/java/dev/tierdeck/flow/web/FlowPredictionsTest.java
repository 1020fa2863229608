package dev.tierdeck.flow.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.cluster.ClusterStatus;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.Flows;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

class FlowPredictionsTest {

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: shop, labels: {app: web}}
            status: {podIP: 10.1.0.20}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: api-0, namespace: shop, labels: {app: api}}
            status: {podIP: 10.1.0.10}
            ---
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: deny-api, namespace: shop}
            spec:
              selector: app == 'api'
              types: [Ingress]
            """;

    private final FlowRecord observed =
            Flows.flow(Instant.parse("2026-11-20T10:00:00Z"), "shop", "web-*", "shop", "api-*", 8080);

    @Test
    void predictsFromTheCompiledClusterTheReaderKeepsWithoutDecodingTheSnapshot() {
        Manifests m = ManifestReader.read("cluster.yaml", CLUSTER);
        assertThat(m.errors()).isEmpty();
        CompiledCluster compiled = Engine.compile(m.state());
        FlowRecord atDestination = new FlowRecord(
                observed.start(),
                observed.end(),
                observed.source(),
                observed.destination(),
                observed.protocol(),
                observed.port(),
                dev.tierdeck.flow.Reporter.Dst,
                FlowAction.Allow,
                observed.enforced(),
                observed.pending(),
                observed.counts());

        Map<FlowRecord, FlowPredictions.Prediction> predicted =
                predictions(() -> compiled).predict(List.of(atDestination));

        // the destination's ingress: api-0 is selected by a policy without rules, so the engine says Deny
        assertThat(predicted.get(atDestination)).isEqualTo(new FlowPredictions.Prediction(FlowAction.Deny, true, null));
    }

    @Test
    void predictsNothingWhileTheClusterIsStillLoading() {
        Map<FlowRecord, FlowPredictions.Prediction> predicted = predictions(() -> {
                    throw new ClusterUnavailableException("still loading", false);
                })
                .predict(List.of(observed));

        assertThat(predicted).isEmpty();
    }

    private static FlowPredictions predictions(Supplier<CompiledCluster> compiled) {
        // a reader that only has the compiled cluster: decoding or snapshotting per request fails the test
        ClusterReader reader = new ClusterReader() {
            @Override
            public ClusterStatus status() {
                throw new AssertionError("not needed");
            }

            @Override
            public ClusterSnapshot snapshot() {
                throw new AssertionError("the snapshot was decoded for a request");
            }

            @Override
            public Manifests decoded() {
                throw new AssertionError("the cluster was decoded for a request");
            }

            @Override
            public CompiledCluster compiled() {
                return compiled.get();
            }
        };
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("cluster", reader));
        return new FlowPredictions(beans.getBeanProvider(ClusterReader.class));
    }
}
