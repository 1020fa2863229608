package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImpactTest {

    /** Every flow whose verdict differs between the cluster before and a full compile of the cluster after. */
    private static List<String> expected(ClusterState before, Change change, List<Flow> flows) {
        CompiledCluster b = Engine.compile(before);
        CompiledCluster a = Engine.compile(change.applyTo(before));
        List<String> out = new ArrayList<>();
        for (Flow f : flows) {
            if (b.action(f) != a.action(f)) {
                out.add(f.id() + ":" + b.action(f) + "->" + a.action(f));
            }
        }
        return out;
    }

    private static List<String> actual(ImpactReport r) {
        return r.changes().stream()
                .map(c -> c.flow().id() + ":" + c.beforeAction() + "->" + c.afterAction())
                .toList();
    }

    @Test
    void incrementalImpactEqualsAFullRecompileForRandomPolicyChanges() {
        for (int seed = 0; seed < 150; seed++) {
            ScenarioGenerator g = new ScenarioGenerator(seed);
            ClusterState state = g.cluster();
            List<Flow> flows = g.flows(200);
            Random r = new Random(seed);
            List<ClusterObject> policies = state.objects().stream()
                    .filter(o -> o instanceof CalicoPolicy || o instanceof KubernetesNetworkPolicy)
                    .toList();
            List<ClusterObject> set = new ArrayList<>();
            List<ObjectKey> delete = new ArrayList<>();
            for (ClusterObject o : policies) {
                switch (r.nextInt(4)) {
                    case 0 -> delete.add(o.key());
                    case 1 -> {
                        if (o instanceof CalicoPolicy p) {
                            set.add(new CalicoPolicy(
                                    p.kind(),
                                    p.namespace(),
                                    p.name(),
                                    p.tier(),
                                    p.order(),
                                    p.selector(),
                                    p.namespaceSelector(),
                                    p.serviceAccountSelector(),
                                    p.types(),
                                    List.of(Rule.of(RuleAction.Deny)),
                                    List.of(Rule.of(RuleAction.Allow)),
                                    p.stagedAction(),
                                    false,
                                    false,
                                    false));
                        }
                    }
                    default -> {}
                }
            }
            set.add(new CalicoPolicy(
                    PolicyKind.NetworkPolicy,
                    "ns1",
                    "added",
                    "default",
                    1.0,
                    "",
                    null,
                    null,
                    null,
                    List.of(Rule.of(RuleAction.Pass)),
                    List.of(),
                    null,
                    false,
                    false,
                    false));
            Change change = new Change(set, delete);
            ImpactReport report = Impact.of(Engine.compile(state), change, flows);
            assertThat(actual(report)).as("seed %d", seed).isEqualTo(expected(state, change, flows));
            assertThat(report.flows()).isEqualTo(flows.size());
        }
    }

    @Test
    void aChangeToPodsReEvaluatesEveryFlow() {
        ScenarioGenerator g = new ScenarioGenerator(7);
        ClusterState state = g.cluster();
        List<Flow> flows = g.flows(300);
        Pod p = g.pods.get(0);
        Change change = new Change(
                List.of(new Pod(
                        p.namespace(), p.name(), Map.of("app", "other"), p.serviceAccountName(), p.ips(), p.ports())),
                List.of());
        ImpactReport report = Impact.of(Engine.compile(state), change, flows);
        assertThat(actual(report)).isEqualTo(expected(state, change, flows));
    }

    @Test
    void aStagedObjectInAChangeStandsForItsEnforcedCounterpart() {
        CalicoPolicy staged = new CalicoPolicy(
                PolicyKind.StagedNetworkPolicy,
                "a",
                "p",
                "default",
                null,
                "",
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                false,
                false,
                false);
        Change change = Change.of(List.of(staged));
        assertThat(change.set())
                .singleElement()
                .satisfies(o -> assertThat(o.key()).isEqualTo(new ObjectKey("NetworkPolicy", "a", "p")));
    }

    @Test
    void changesAreGroupedByWorkloadPortDirectionAndOutcome() {
        var m = dev.tierdeck.engine.manifest.ManifestReader.read("c.yaml", Scenario.BASE);
        CompiledCluster before = Engine.compile(m.state());
        CalicoPolicy deny = new CalicoPolicy(
                PolicyKind.NetworkPolicy,
                "a",
                "deny",
                "default",
                null,
                "app == 'web'",
                null,
                null,
                null,
                List.of(Rule.of(RuleAction.Deny)),
                List.of(),
                null,
                false,
                false,
                false);
        List<Flow> flows = List.of(
                Flow.of(
                        "f1",
                        Scenario.pod("b/client-0"),
                        Scenario.pod("a/web-0"),
                        dev.tierdeck.engine.model.Protocol.TCP,
                        8080),
                Flow.of(
                        "f2",
                        Scenario.pod("a/db-0"),
                        Scenario.pod("a/web-0"),
                        dev.tierdeck.engine.model.Protocol.TCP,
                        8080),
                Flow.of(
                        "f3",
                        Scenario.pod("a/db-0"),
                        Scenario.pod("b/client-0"),
                        dev.tierdeck.engine.model.Protocol.TCP,
                        8080));
        ImpactReport report = Impact.of(before, new Change(List.of(deny), List.of()), flows);
        assertThat(report.changed()).isEqualTo(2);
        assertThat(report.newlyDenied()).isEqualTo(2);
        assertThat(report.bySourceWorkload()).containsOnlyKeys("b/client", "a/db");
        assertThat(report.byDestinationWorkload()).containsOnlyKeys("a/web");
        assertThat(report.byProtocolPort()).containsOnlyKeys("TCP/8080");
        assertThat(report.byDirection()).containsOnlyKeys("ingress");
        assertThat(report.byOutcome()).containsOnlyKeys("newlyDenied");
        assertThat(report.changes()
                        .get(0)
                        .after()
                        .enforced()
                        .ingress()
                        .hits()
                        .get(0)
                        .name())
                .isEqualTo("deny");
    }
}
