package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.Protocol;
import java.util.List;

/**
 * A small cluster for edge-case tests: namespace {@code a} (team=x) with pods web-0 (app=web, http=8080/TCP,
 * 10.0.0.1), db-0 (app=db, 10.0.0.2); namespace {@code b} with client-0 (app=client, 10.0.1.1); plus whatever
 * policies a test adds.
 */
final class Scenario {

    static final String BASE = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: a, labels: {team: x}}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {name: b}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: web-0, namespace: a, labels: {app: web}}
            spec:
              containers:
              - name: web
                ports: [{name: http, containerPort: 8080, protocol: TCP}]
            status: {podIP: 10.0.0.1}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: db-0, namespace: a, labels: {app: db}}
            spec:
              containers:
              - name: db
                ports: [{name: http, containerPort: 9000, protocol: UDP}]
            status: {podIP: 10.0.0.2}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: client-0, namespace: b, labels: {app: client}}
            spec: {containers: [{name: c}]}
            status: {podIP: 10.0.1.1}
            """;

    private final CompiledCluster cluster;

    private Scenario(CompiledCluster cluster) {
        this.cluster = cluster;
    }

    static Scenario with(String policies) {
        Manifests m = ManifestReader.read("test.yaml", BASE + "---\n" + policies);
        assertThat(m.errors()).isEmpty();
        return new Scenario(Engine.compile(m.state()));
    }

    static FlowEndpoint pod(String ref) {
        String[] p = ref.split("/");
        return new FlowEndpoint.PodRef(p[0], p[1]);
    }

    static FlowEndpoint ip(String ip) {
        return new FlowEndpoint.Address(ip);
    }

    FlowVerdict tcp(FlowEndpoint src, FlowEndpoint dst, int port) {
        return cluster.evaluate(Flow.of("f", src, dst, Protocol.TCP, port));
    }

    FlowVerdict udp(FlowEndpoint src, FlowEndpoint dst, int port) {
        return cluster.evaluate(Flow.of("f", src, dst, Protocol.UDP, port));
    }

    /** Hits as {@code tier|kind|name|ruleIndex|action}. */
    static List<String> hits(DirectionVerdict d) {
        return d.hits().stream()
                .map(h -> h.tier() + "|" + h.kind() + "|" + h.name() + "|" + h.ruleIndex() + "|" + h.action())
                .toList();
    }
}
