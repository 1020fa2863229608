package dev.tierdeck.policy.namespace;

import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.tier.PolicySelection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The enforced policies of every tier that apply to one namespace's pods, in Calico's evaluation order. Staged
 * policies enforce nothing and are left out.
 */
final class PolicyStack {

    /** Tiers: lower order first, no order last, ties by name (calico-semantics §2.2). */
    static final Comparator<Tier> TIER_ORDER = Comparator.comparing(
                    (Tier t) -> t.order() == null ? Double.POSITIVE_INFINITY : t.order())
            .thenComparing(Tier::name);

    /** Decides whether the viewer may read a policy's YAML: tier name, policy namespace (null when global). */
    interface YamlVisibility extends BiPredicate<String, @Nullable String> {}

    private record Entry(@Nullable Double order, String sortKey, StackPolicy policy) {}

    private final ClusterState state;
    private final String namespace;
    private final List<Pod> pods;
    private final Map<Pod, String> workloadOf;
    private final PolicySelection selection;
    private final Map<String, List<Entry>> byTier = new HashMap<>();

    PolicyStack(
            ClusterState state,
            String namespace,
            Map<Pod, String> workloadOf,
            Set<String> managed,
            YamlVisibility visibility) {
        this.state = state;
        this.namespace = namespace;
        this.pods = state.pods().stream()
                .filter(p -> p.namespace().equals(namespace))
                .toList();
        this.workloadOf = workloadOf;
        this.selection = new PolicySelection(state);
        collect(managed, visibility);
    }

    /** The policies of {@code tier} that apply here, in order within the tier (§2.3: order, then name/ns/kind). */
    List<StackPolicy> policiesIn(String tier) {
        return byTier.getOrDefault(tier, List.of()).stream()
                .sorted(Comparator.comparing((Entry e) -> e.order() == null ? Double.POSITIVE_INFINITY : e.order())
                        .thenComparing(Entry::sortKey))
                .map(Entry::policy)
                .toList();
    }

    List<Tier> tiers() {
        return state.tiers().stream().sorted(TIER_ORDER).toList();
    }

    private void collect(Set<String> managed, YamlVisibility visibility) {
        for (CalicoPolicy p : state.calicoPolicies()) {
            if (p.kind().staged()) {
                continue;
            }
            Set<Pod> selected = selected(pod -> selection.selects(p, pod));
            if (selected.isEmpty() && !namespace.equals(p.namespace())) {
                continue;
            }
            boolean mine = namespace.equals(p.namespace()) && managed.contains(p.name());
            add(
                    p.tier(),
                    p.order(),
                    p.kind().internalKind(),
                    p,
                    PolicySelection.describe(p),
                    p.effectiveTypes(),
                    p.ingress().size(),
                    p.egress().size(),
                    selected,
                    mine,
                    visibility);
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            if (p.staged() || !p.namespace().equals(namespace)) {
                continue;
            }
            // Kubernetes policies land in tier default at order 1000 (calico-semantics §1.6).
            add(
                    Tier.DEFAULT,
                    1000.0,
                    p.kind().internalKind(),
                    p,
                    PolicySelection.describe(p.podSelector()),
                    p.effectiveTypes(),
                    p.ingress().size(),
                    p.egress().size(),
                    selected(pod -> selection.selects(p, pod)),
                    false,
                    visibility);
        }
        for (ClusterNetworkPolicy p : state.clusterPolicies()) {
            Set<Pod> selected = selected(pod -> selection.selects(p, pod));
            if (selected.isEmpty()) {
                continue;
            }
            List<PolicyType> types = new ArrayList<>();
            if (!p.ingress().isEmpty()) {
                types.add(PolicyType.Ingress);
            }
            if (!p.egress().isEmpty()) {
                types.add(PolicyType.Egress);
            }
            ClusterNetworkPolicy.Subject s = p.subject();
            String selects = PolicySelection.describe(s);
            add(
                    p.calicoTier(),
                    (double) p.priority(),
                    "KubernetesClusterNetworkPolicy",
                    p,
                    selects,
                    types,
                    p.ingress().size(),
                    p.egress().size(),
                    selected,
                    false,
                    visibility);
        }
    }

    private void add(
            String tier,
            @Nullable Double order,
            String internalKind,
            ClusterObject policy,
            String selects,
            List<PolicyType> types,
            int ingress,
            int egress,
            Set<Pod> selected,
            boolean managed,
            YamlVisibility visibility) {
        String policyNamespace = policy.key().namespace();
        String kind = policy.key().kind();
        Set<String> workloads = new TreeSet<>();
        selected.forEach(pod -> workloads.add(workloadOf.getOrDefault(pod, pod.name())));
        StackPolicy view = new StackPolicy(
                kind,
                policyNamespace,
                policy.key().name(),
                order,
                selects,
                types.stream().map(Enum::name).toList(),
                ingress,
                egress,
                List.copyOf(workloads),
                managed,
                visibility.test(tier, policyNamespace) ? ManifestWriter.toYaml(List.of(policy)) : null);
        String sortKey =
                policy.key().name() + "/" + (policyNamespace == null ? "" : policyNamespace) + "/" + internalKind;
        byTier.computeIfAbsent(tier, k -> new ArrayList<>()).add(new Entry(order, sortKey, view));
    }

    private Set<Pod> selected(Predicate<Pod> selects) {
        Set<Pod> out = new HashSet<>();
        for (Pod pod : pods) {
            if (selects.test(pod)) {
                out.add(pod);
            }
        }
        return out;
    }
}
