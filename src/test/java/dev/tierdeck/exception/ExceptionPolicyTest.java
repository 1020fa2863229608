package dev.tierdeck.exception;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The exception's policy lets through exactly what was granted, on the demo cluster through the engine: the flow
 * itself, the scope's generalisations, and nothing else (another workload, another port, another address).
 */
class ExceptionPolicyTest {

    static final FlowEndpoint FRONTEND = new FlowEndpoint.PodRef("checkout", "checkout-frontend-8f7c6d5b9-x2k9q");
    static final FlowEndpoint OTHER_FRONTEND = new FlowEndpoint.PodRef("checkout", "checkout-frontend-8f7c6d5b9-b8n3w");
    static final FlowEndpoint CART = new FlowEndpoint.PodRef("checkout", "cart-6d9b8c7f4-x2k9q");
    static final FlowEndpoint METADATA = new FlowEndpoint.Address("169.254.169.254");

    static CompiledCluster demo;

    @BeforeAll
    static void demoCluster() throws IOException {
        try (InputStream in = ExceptionPolicyTest.class.getResourceAsStream("/demo/cluster.yaml")) {
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            demo = Engine.compile(
                    ClusterState.of(ManifestReader.read("demo", yaml).objects()));
        }
    }

    static Flow flow(FlowEndpoint source, FlowEndpoint destination, int port) {
        return Flow.of("t", source, destination, Protocol.TCP, port);
    }

    static CompiledCluster granted(ExceptionScope scope) {
        Flow asked = flow(FRONTEND, METADATA, 80);
        List<DenialFinder.Denial> denials =
                DenialFinder.inTier(demo.evaluate(asked).enforced(), "security");
        assertThat(denials).hasSize(1);
        assertThat(denials.getFirst().hit().name()).isEqualTo("deny-cloud-metadata");
        double order = DenialFinder.orderBefore(demo.state(), "security", denials);
        assertThat(order)
                .as("between quarantine (10) and deny-cloud-metadata (20)")
                .isEqualTo(15.0);
        ExceptionPolicy policy = new ExceptionPolicy(
                7,
                "security",
                order,
                ExceptionTarget.of(asked, demo.state()),
                scope,
                true,
                false,
                Instant.parse("2026-12-08T01:00:00Z"));
        return Engine.compile(demo, new Change(List.of(policy.enforced()), List.of()));
    }

    static Verdict verdict(CompiledCluster cluster, Flow flow) {
        return cluster.evaluate(flow).enforced().action();
    }

    @Test
    void theNarrowScopeLetsTheWorkloadThroughOnThatPortAndNothingElse() {
        assertThat(verdict(demo, flow(FRONTEND, METADATA, 80))).isEqualTo(Verdict.Deny);
        CompiledCluster after = granted(ExceptionScope.NARROW);
        assertThat(verdict(after, flow(FRONTEND, METADATA, 80))).isEqualTo(Verdict.Allow);
        assertThat(verdict(after, flow(OTHER_FRONTEND, METADATA, 80)))
                .as("another pod of the same workload")
                .isEqualTo(Verdict.Allow);
        assertThat(verdict(after, flow(CART, METADATA, 80)))
                .as("another workload")
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(after, flow(FRONTEND, METADATA, 443)))
                .as("another port")
                .isEqualTo(Verdict.Deny);
        assertThat(verdict(after, flow(FRONTEND, new FlowEndpoint.Address("169.254.169.253"), 80)))
                .as("another address the tier does not deny stays as it was")
                .isEqualTo(verdict(demo, flow(FRONTEND, new FlowEndpoint.Address("169.254.169.253"), 80)));
    }

    @Test
    void generalisationsReachTheNamespaceAndEveryPort() {
        CompiledCluster after =
                granted(new ExceptionScope(ExceptionScope.Breadth.NAMESPACE, ExceptionScope.Breadth.WORKLOAD, true));
        assertThat(verdict(after, flow(CART, METADATA, 80))).isEqualTo(Verdict.Allow);
        assertThat(verdict(after, flow(FRONTEND, METADATA, 443))).isEqualTo(Verdict.Allow);
        assertThat(verdict(
                        after, flow(new FlowEndpoint.PodRef("payments", "payments-api-7d9f8c6b5-x2k9q"), METADATA, 80)))
                .as("another namespace")
                .isEqualTo(Verdict.Deny);
    }

    @Test
    void anApproverGrantsNoWiderThanAsked() {
        ExceptionScope asked =
                new ExceptionScope(ExceptionScope.Breadth.WORKLOAD, ExceptionScope.Breadth.NAMESPACE, false);
        assertThat(ExceptionScope.NARROW.within(asked)).isTrue();
        assertThat(asked.within(asked)).isTrue();
        assertThat(new ExceptionScope(ExceptionScope.Breadth.NAMESPACE, ExceptionScope.Breadth.WORKLOAD, false)
                        .within(asked))
                .isFalse();
        assertThat(new ExceptionScope(ExceptionScope.Breadth.WORKLOAD, ExceptionScope.Breadth.WORKLOAD, true)
                        .within(asked))
                .isFalse();
    }

    @Test
    void theWorkloadIsNamedByItsAppLabelOrItsStableLabels() {
        assertThat(ExceptionTarget.workload(java.util.Map.of("app", "cart", "pod-template-hash", "6d9b")))
                .isEqualTo("app == 'cart'");
        assertThat(ExceptionTarget.workload(java.util.Map.of("tier", "web", "pod-template-hash", "6d9b")))
                .isEqualTo("tier == 'web'");
        assertThat(ExceptionTarget.workload(java.util.Map.of("pod-template-hash", "6d9b")))
                .isNull();
    }
}
