package dev.tierdeck.policy.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Coverage;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.Pod;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The case the coverage was wrong about on the demo portal: payments-worker (pci=true) is selected in ingress only by
 * the catch-all Pass policies of the security and platform tiers and by an Allow for monitoring scrapes, so nothing
 * can deny traffic to it and the namespace profile lets everything in.
 */
class DemoCoverageTest {

    @Test
    void paymentsWorkerIsOpenToIngressInTheDemoCluster() throws IOException {
        CompiledCluster cluster = demo();
        List<Pod> workers = cluster.state().pods().stream()
                .filter(p -> p.namespace().equals("payments") && p.name().startsWith("payments-worker-"))
                .toList();
        assertThat(workers).isNotEmpty().allSatisfy(p -> assertThat(p.labels()).containsEntry("pci", "true"));

        Coverage.Direction ingress = WorkloadCoverage.combine(workers.stream()
                .map(p -> Coverage.of(cluster, p.namespace(), p.name(), true))
                .toList());
        assertThat(ingress).isEqualTo(new Coverage.Direction(true, null));
        // egress meets the security tier's deny of the cloud metadata address first
        assertThat(Coverage.of(cluster, "payments", workers.getFirst().name(), false))
                .isEqualTo(new Coverage.Direction(false, "security"));
    }

    @Test
    void theApiPodsAreCoveredByTheirPolicyInTheDefaultTier() throws IOException {
        CompiledCluster cluster = demo();
        Pod api = cluster.state().pods().stream()
                .filter(p -> p.namespace().equals("payments") && p.name().startsWith("payments-api-"))
                .findFirst()
                .orElseThrow();
        assertThat(Coverage.of(cluster, "payments", api.name(), true))
                .isEqualTo(new Coverage.Direction(false, "default"));
    }

    private static CompiledCluster demo() throws IOException {
        try (InputStream in = DemoCoverageTest.class.getResourceAsStream("/demo/cluster.yaml")) {
            Manifests m =
                    ManifestReader.read("demo/cluster.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Engine.compile(m.state());
        }
    }
}
