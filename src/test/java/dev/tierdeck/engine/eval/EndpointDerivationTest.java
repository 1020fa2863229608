package dev.tierdeck.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.ObjectKey;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.LargeCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A cluster updated for pod, label and namespace changes (and policy changes on top) answers every flow exactly as a
 * cluster compiled from scratch from the same state: verdicts on both paths, traces with their hits, and pending
 * verdicts, over chains of generated changes.
 */
class EndpointDerivationTest {

    private static final String[] APPS = {"web", "db", "api", "cache"};
    private static final String[] EXTERNAL = {"203.0.113.5", "198.51.100.9", "8.8.8.8", "10.1.0.77"};
    private static final int[] PORTS = {53, 80, 443, 8080, 9090};

    @Test
    void podAndLabelChangesOnRandomScenariosAnswerAsAScratchCompile() {
        int derived = 0;
        int steps = 0;
        for (long seed = 0; seed < 150; seed++) {
            Random r = new Random(seed);
            ClusterState state = new ScenarioGenerator(seed).cluster();
            derived += chain(state, r, 6, "generator seed " + seed);
            steps += 6;
        }
        // most steps are derived; the rest fall back to a scratch compile (e.g. a network set's namespace relabelled)
        assertThat(derived).isGreaterThan(steps * 2 / 3);
    }

    @Test
    void podAndLabelChangesOnEdgeCaseScenariosAnswerAsAScratchCompile() {
        int derived = 0;
        for (long seed = 1; seed <= 120; seed++) {
            Random r = new Random(seed * 7919);
            derived += chain(EdgeCaseScenarios.generate(seed, 0).state(), r, 5, "edge case seed " + seed);
        }
        assertThat(derived).isGreaterThan(300);
    }

    @Test
    void churnOnTheBenchmarkClusterAnswersAsAScratchCompile() {
        // a thousand pods: member sets span words and namespaces, as on a real estate
        ClusterState state = LargeCluster.SMALL.generate(5).state();
        Random r = new Random(5);
        assertThat(chain(state, r, 8, "benchmark cluster")).isEqualTo(8);
    }

    @Test
    void aReplacedPodTakesTheSlotItsPredecessorLeftInItsNamespace() {
        ClusterState state = LargeCluster.SMALL.generate(2).state();
        CompiledCluster before = Engine.compile(state);
        Pod old = state.pods().get(10);
        Pod replacement = new Pod(
                old.namespace(), old.name() + "-new", old.labels(), old.serviceAccountName(), old.ips(), old.ports());
        ClusterState next = state.with(List.of(replacement), List.of(old.key()));

        CompiledCluster after = Engine.update(before, next);

        assertThat(after.index.podId(old.namespace(), replacement.name()))
                .isEqualTo(before.index.podId(old.namespace(), old.name()));
        assertThat(after.index.podCount()).isEqualTo(before.index.podCount());
        // same labels in the same slot: no member set changed, so every compiled policy is kept
        for (int k = 0; k < after.policies.length; k++) {
            assertThat(after.policies[k]).isSameAs(before.policies[k]);
        }
    }

    /** Applies {@code count} random changes, checking each derived cluster; returns how many were derived. */
    private static int chain(ClusterState state, Random r, int count, String what) {
        CompiledCluster current = Engine.compile(state);
        int derived = 0;
        for (int step = 0; step < count; step++) {
            ClusterState next = change(state, r);
            CompiledCluster updated = Engine.update(current, next);
            CompiledCluster fresh = Engine.compile(next);
            if (updated.index.derived) {
                derived++;
            }
            assertSameAnswers(updated, fresh, flows(next, r, 120), what + " step " + step);
            state = next;
            current = updated;
        }
        return derived;
    }

    private static void assertSameAnswers(
            CompiledCluster updated, CompiledCluster fresh, List<Flow> flows, String what) {
        Verdict[] batch = updated.actions(FlowBatch.of(updated, flows), false);
        Verdict[] freshBatch = fresh.actions(FlowBatch.of(fresh, flows), false);
        for (int i = 0; i < flows.size(); i++) {
            Flow f = flows.get(i);
            assertThat(updated.evaluate(f)).as("%s: %s", what, f).isEqualTo(fresh.evaluate(f));
            assertThat(updated.pendingAction(f)).as("%s: pending %s", what, f).isEqualTo(fresh.pendingAction(f));
            assertThat(batch[i]).as("%s: batch %s", what, f).isEqualTo(freshBatch[i]);
        }
        for (CompiledPolicy p : fresh.policies) {
            ObjectKey key = p.source.key();
            assertThat(updated.selectedPods(key))
                    .as("%s: pods of %s", what, key)
                    .containsExactlyInAnyOrderElementsOf(fresh.selectedPods(key));
            // counted on the updated cluster, these counts are carried over by the next derivation
            assertThat(updated.selectedByNamespace(key))
                    .as("%s: pods per namespace of %s", what, key)
                    .isEqualTo(fresh.selectedByNamespace(key))
                    .isEqualTo(byNamespace(fresh.selectedPods(key)));
        }
    }

    private static Map<String, Integer> byNamespace(List<Pod> pods) {
        Map<String, Integer> out = new java.util.TreeMap<>();
        for (Pod pod : pods) {
            out.merge(pod.namespace(), 1, Integer::sum);
        }
        return out;
    }

    /** One random endpoint change (sometimes with a policy change on top). */
    private static ClusterState change(ClusterState state, Random r) {
        List<ClusterObject> set = new ArrayList<>();
        List<ObjectKey> delete = new ArrayList<>();
        List<Pod> pods = state.pods();
        int changes = 1 + r.nextInt(4);
        for (int c = 0; c < changes; c++) {
            Pod p = pods.isEmpty() ? null : pods.get(r.nextInt(pods.size()));
            switch (r.nextInt(11)) {
                case 0 -> {
                    if (p != null) {
                        delete.add(p.key());
                    }
                }
                case 1, 2 -> set.add(newPod(state, r, "new-" + r.nextInt(1000)));
                case 3 -> {
                    // replaced, as a ReplicaSet does: a new name, the same labels
                    if (p != null) {
                        delete.add(p.key());
                        set.add(new Pod(
                                p.namespace(),
                                p.name() + "-r" + r.nextInt(100),
                                p.labels(),
                                p.serviceAccountName(),
                                List.of(ip(r)),
                                p.ports()));
                    }
                }
                case 4 -> {
                    if (p != null) {
                        set.add(new Pod(
                                p.namespace(), p.name(), labels(r), p.serviceAccountName(), p.ips(), p.ports()));
                    }
                }
                case 5 -> {
                    if (p != null) {
                        // a new address, or one another pod holds already
                        String ip = r.nextBoolean() || pods.size() < 2
                                ? ip(r)
                                : pods.get(r.nextInt(pods.size())).ip();
                        set.add(new Pod(
                                p.namespace(),
                                p.name(),
                                p.labels(),
                                "sa" + r.nextInt(3),
                                ip == null ? List.of() : List.of(ip),
                                ports(r)));
                    }
                }
                case 6, 7 -> {
                    String ns = namespaceOf(state, r);
                    Map<String, String> labels = new LinkedHashMap<>();
                    labels.put("team", r.nextBoolean() ? "a" : "b");
                    if (r.nextBoolean()) {
                        labels.put("env", r.nextBoolean() ? "prod" : "dev");
                    }
                    set.add(new Namespace(ns, labels));
                }
                case 8 -> {
                    if (!state.namespaces().isEmpty()) {
                        delete.add(state.namespaces()
                                .get(r.nextInt(state.namespaces().size()))
                                .key());
                    }
                }
                case 9 ->
                    set.add(new ServiceAccount(
                            namespaceOf(state, r), "sa" + r.nextInt(3), Map.of("role", r.nextBoolean() ? "x" : "y")));
                default -> {
                    List<CalicoPolicy> policies = state.calicoPolicies();
                    if (!policies.isEmpty()) {
                        delete.add(policies.get(r.nextInt(policies.size())).key());
                    }
                }
            }
        }
        set.removeIf(o -> delete.contains(o.key()));
        return state.with(set, delete);
    }

    private static Pod newPod(ClusterState state, Random r, String name) {
        return new Pod(namespaceOf(state, r), name, labels(r), "sa" + r.nextInt(3), List.of(ip(r)), ports(r));
    }

    private static String namespaceOf(ClusterState state, Random r) {
        List<String> names = new ArrayList<>();
        state.pods().forEach(p -> names.add(p.namespace()));
        state.namespaces().forEach(n -> names.add(n.name()));
        names.add("fresh");
        return names.get(r.nextInt(names.size()));
    }

    private static Map<String, String> labels(Random r) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app", APPS[r.nextInt(APPS.length)]);
        if (r.nextBoolean()) {
            labels.put("tier", r.nextBoolean() ? "fe" : "be");
        }
        if (r.nextInt(8) == 0) {
            // a pod's own pcns label shadows its namespace's (§2.5)
            labels.put("pcns.team", "a");
        }
        return labels;
    }

    private static List<ContainerPort> ports(Random r) {
        List<ContainerPort> ports = new ArrayList<>();
        ports.add(new ContainerPort("http", r.nextBoolean() ? 8080 : 80, Protocol.TCP));
        if (r.nextBoolean()) {
            ports.add(new ContainerPort("dns", 53, Protocol.UDP));
        }
        if (r.nextBoolean()) {
            ports.add(new ContainerPort(r.nextBoolean() ? "metrics" : "admin", 9090, Protocol.TCP));
        }
        return ports;
    }

    private static String ip(Random r) {
        return "10." + r.nextInt(5) + "." + r.nextInt(3) + "." + (1 + r.nextInt(40));
    }

    private static List<Flow> flows(ClusterState state, Random r, int n) {
        List<Pod> pods = state.pods();
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Protocol protocol = r.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP;
            out.add(new Flow(
                    "f" + i,
                    endpoint(pods, r),
                    endpoint(pods, r),
                    protocol,
                    PORTS[r.nextInt(PORTS.length)],
                    r.nextBoolean() ? 40000 : null,
                    null,
                    null));
        }
        return out;
    }

    private static FlowEndpoint endpoint(List<Pod> pods, Random r) {
        int k = r.nextInt(10);
        if (k < 2 || pods.isEmpty()) {
            return new FlowEndpoint.Address(k == 0 ? ip(r) : EXTERNAL[r.nextInt(EXTERNAL.length)]);
        }
        Pod p = pods.get(r.nextInt(pods.size()));
        return k == 2 && p.ip() != null
                ? new FlowEndpoint.Address(p.ip())
                : new FlowEndpoint.PodRef(p.namespace(), p.name());
    }
}
