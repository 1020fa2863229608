package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The whole policy stack for the stack screen: every tier in evaluation order with its governance, and every policy
 * in it (enforced and staged) in evaluation order, with what it selects on the cluster. The entries are worked out
 * once per cluster state (from the compiled cluster's selections, see {@link SelectedPods}) and shared by every
 * request until the cluster changes; a page shows at most {@link PolicyPages#SIZE} policies of a tier.
 */
@Component
class PolicyStack {

    private final TierStack tiers;
    private final TierGovernanceStore governance;
    private final ClusterReader cluster;
    private final PolicyPages.Memo<Map<String, List<Entry>>> memo = new PolicyPages.Memo<>();
    private final PolicyPages.Reuse<Entry> reuse = new PolicyPages.Reuse<>();

    PolicyStack(TierStack tiers, TierGovernanceStore governance, ClusterReader cluster) {
        this.tiers = tiers;
        this.governance = governance;
        this.cluster = cluster;
    }

    /** Top to bottom as Calico evaluates (calico-semantics §2.2), and whether the cache may be behind. */
    View view() {
        return view(PolicyPages.FIRST);
    }

    /** The stack with one page of each tier's policies: {@code pages} says which page of which tier. */
    View view(PolicyPages.Request pages) {
        TierStack.Snapshot snapshot = tiers.snapshot();
        SelectedPods selected = SelectedPods.of(cluster);
        ClusterState state = selected.state();
        Map<String, TierSettings> recorded = governance.all();
        Map<String, List<Entry>> byTier = memo.get(selected.source(), () -> entries(selected, reuse));
        List<Level> levels = new ArrayList<>();
        for (Tier tier :
                state.tiers().stream().sorted(TierStack.EVALUATION_ORDER).toList()) {
            TierSettings settings = recorded.getOrDefault(tier.name(), governance.unrecorded(tier.name()));
            PolicyPages.Page<Entry> page = pages.pageOf(tier.name(), byTier.getOrDefault(tier.name(), List.of()));
            levels.add(new Level(
                    tier.name(),
                    TierView.formatOrder(tier.order()),
                    tier.defaultAction().name(),
                    TierStack.isBuiltIn(tier.name()),
                    settings,
                    page.items(),
                    page));
        }
        return new View(levels, snapshot.stale());
    }

    /** Pod by pod over {@code state}: for small clusters and tests. */
    static Map<String, List<Entry>> entries(ClusterState state) {
        return entries(SelectedPods.podByPod(state));
    }

    static Map<String, List<Entry>> entries(SelectedPods selection) {
        return entries(selection, new PolicyPages.Reuse<>());
    }

    /** As above, taking over from {@code reuse} each entry whose policy object and pod counts are unchanged. */
    static Map<String, List<Entry>> entries(SelectedPods selection, PolicyPages.Reuse<Entry> reuse) {
        ClusterState state = selection.state();
        List<Entry> all = new ArrayList<>();
        for (CalicoPolicy p : state.calicoPolicies()) {
            Map<String, Integer> counts = selection.of(p);
            all.add(reuse.get(
                    p,
                    counts,
                    () -> new Entry(
                            p.tier(),
                            p.kind().name(),
                            p.kind().staged(),
                            p.namespace(),
                            p.name(),
                            p.order(),
                            PolicySelection.canonical(p.selector()),
                            p.namespaceSelector() == null
                                            || p.namespaceSelector().isBlank()
                                    ? ""
                                    : PolicySelection.canonical(p.namespaceSelector()),
                            types(p.effectiveTypes()),
                            p.ingress().size(),
                            p.egress().size(),
                            counts,
                            sortKey(p.name(), p.namespace(), p.kind().internalKind()))));
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            // Kubernetes policies (and their staged form) sit in tier default at order 1000 (calico-semantics §1.6).
            Map<String, Integer> counts = selection.of(p);
            all.add(reuse.get(
                    p,
                    counts,
                    () -> new Entry(
                            Tier.DEFAULT,
                            p.kind().name(),
                            p.staged(),
                            p.namespace(),
                            p.name(),
                            1000.0,
                            PolicySelection.describe(p.podSelector()),
                            "",
                            types(p.effectiveTypes()),
                            p.ingress().size(),
                            p.egress().size(),
                            counts,
                            sortKey(p.name(), p.namespace(), p.kind().internalKind()))));
        }
        reuse.done();
        for (ClusterNetworkPolicy p : state.clusterPolicies()) {
            ClusterNetworkPolicy.Subject subject = p.subject();
            String pods = subject.pods() == null
                    ? ""
                    : PolicySelection.describe(subject.pods().podSelector());
            String namespaces = subject.namespaces() != null
                    ? PolicySelection.describe(subject.namespaces())
                    : subject.pods() != null
                            ? PolicySelection.describe(subject.pods().namespaceSelector())
                            : "";
            List<String> types = new ArrayList<>();
            if (!p.ingress().isEmpty()) {
                types.add("Ingress");
            }
            if (!p.egress().isEmpty()) {
                types.add("Egress");
            }
            all.add(new Entry(
                    p.calicoTier(),
                    "ClusterNetworkPolicy",
                    false,
                    null,
                    p.name(),
                    (double) p.priority(),
                    pods.isEmpty() ? "all()" : pods,
                    namespaces,
                    String.join(", ", types),
                    p.ingress().size(),
                    p.egress().size(),
                    selection.of(p),
                    sortKey(p.name(), null, "KubernetesClusterNetworkPolicy")));
        }
        // Inside a tier: ascending order, no order last, then Calico's name/namespace/kind key (§2.3).
        all.sort(Comparator.comparing((Entry e) -> e.order() == null ? Double.POSITIVE_INFINITY : e.order())
                .thenComparing(Entry::sortKey));
        Map<String, List<Entry>> out = new HashMap<>();
        for (Entry e : all) {
            out.computeIfAbsent(e.tier(), k -> new ArrayList<>()).add(e);
        }
        return out;
    }

    private static String sortKey(String name, @Nullable String namespace, String kind) {
        return name + "/" + (namespace == null ? "" : namespace) + "/" + kind;
    }

    private static String types(List<PolicyType> types) {
        return String.join(", ", types.stream().map(PolicyType::name).toList());
    }

    /** The stack, and whether the cluster cache may lag behind the cluster. */
    record View(List<Level> tiers, boolean stale) {}

    /** One tier of the stack. {@code order} is empty when it has none (evaluated last). */
    record Level(
            String name,
            String order,
            String defaultAction,
            boolean builtIn,
            TierSettings settings,
            List<Entry> policies,
            PolicyPages.Page<Entry> page) {}

    /**
     * One policy in a tier.
     *
     * @param namespace {@code null} for cluster-scoped kinds
     * @param selector the policy's endpoint selector in canonical form
     * @param namespaceSelector the selector that narrows it to namespaces, empty when none
     * @param podsByNamespace how many pods it applies to in each namespace (calico-semantics §2.4)
     */
    record Entry(
            String tier,
            String kind,
            boolean staged,
            @Nullable String namespace,
            String name,
            @Nullable Double order,
            String selector,
            String namespaceSelector,
            String types,
            int ingressRules,
            int egressRules,
            Map<String, Integer> podsByNamespace,
            String sortKey) {

        public int pods() {
            return podsByNamespace.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The namespaces with the most selected pods, at most {@link PolicyPages#NAMESPACES}, by name. */
        public Map<String, Integer> shownNamespaces() {
            return PolicyPages.largest(podsByNamespace);
        }

        public String orderText() {
            return TierView.formatOrder(order);
        }
    }
}
