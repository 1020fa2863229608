package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterSnapshot;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The tiers of the cluster in Calico's evaluation order, with their governance and policies. */
@Component
class TierStack {

    /**
     * Calico's tier order (calico-semantics §2.2): lower order first, no order last, ties by name (byte-wise; tier
     * names are ASCII, so String order is byte order).
     */
    static final Comparator<Tier> EVALUATION_ORDER = Comparator.comparing(
                    (Tier t) -> t.order() == null ? Double.POSITIVE_INFINITY : t.order())
            .thenComparing(Tier::name);

    private final ClusterReader cluster;
    private final TierGovernanceStore governance;
    private final Permissions permissions;
    /** A policy of the tier screen with its tier and Calico's tie-break key. */
    private record Entry(String tier, String sortKey, TierView.PolicyView view) {}

    /** Every policy with what it selects, by tier, worked out once per cluster state. */
    private final PolicyPages.Memo<Map<String, List<TierView.PolicyView>>> memo = new PolicyPages.Memo<>();

    private final PolicyPages.Reuse<Entry> reuse = new PolicyPages.Reuse<>();

    TierStack(ClusterReader cluster, TierGovernanceStore governance, Permissions permissions) {
        this.cluster = cluster;
        this.governance = governance;
        this.permissions = permissions;
    }

    /** What the cluster holds right now, decoded. */
    Snapshot snapshot() {
        ClusterSnapshot snapshot = cluster.snapshot();
        // Decoded and compiled once per cache change by the gateway, not per request.
        SelectedPods selected = SelectedPods.of(cluster);
        ClusterState state = selected.state();
        Map<String, String> versions = new HashMap<>();
        for (Map<String, Object> tier : snapshot.objects(ClusterKind.TIER)) {
            if (tier.get("metadata") instanceof Map<?, ?> metadata
                    && metadata.get("name") instanceof String name
                    && metadata.get("resourceVersion") instanceof String version) {
                versions.put(name, version);
            }
        }
        return new Snapshot(state, versions, snapshot.stale(), selected);
    }

    /** Every tier, top to bottom, each with its policies in evaluation order. */
    List<TierView> tiers(CurrentUser viewer) {
        return tiers(viewer, snapshot());
    }

    List<TierView> tiers(CurrentUser viewer, Snapshot snapshot) {
        ClusterState state = snapshot.state();
        Map<String, TierSettings> recorded = governance.all();
        Map<String, List<TierView.PolicyView>> policies =
                memo.get(snapshot.selected().source(), () -> policies(snapshot.selected(), reuse));
        List<TierView> out = new ArrayList<>();
        for (Tier tier : state.tiers().stream().sorted(EVALUATION_ORDER).toList()) {
            TierSettings settings = recorded.getOrDefault(tier.name(), governance.unrecorded(tier.name()));
            out.add(new TierView(
                    tier.name(),
                    tier.order(),
                    tier.defaultAction().name(),
                    isBuiltIn(tier.name()),
                    snapshot.resourceVersions().get(tier.name()),
                    settings,
                    permissions.allows(viewer, Action.ADMINISTER, Resource.tier(tier.name())),
                    policies.getOrDefault(tier.name(), List.of())));
        }
        return out;
    }

    static boolean isBuiltIn(String tier) {
        return Tier.BUILT_IN.stream().anyMatch(t -> t.name().equals(tier));
    }

    /** Policies by tier, each list in Calico's order within a tier (calico-semantics §2.3). */
    private static Map<String, List<TierView.PolicyView>> policies(
            SelectedPods selection, PolicyPages.Reuse<Entry> reuse) {
        ClusterState state = selection.state();
        List<Entry> entries = new ArrayList<>();
        for (CalicoPolicy p : state.calicoPolicies()) {
            Map<String, Integer> counts = selection.of(p);
            entries.add(reuse.get(
                    p,
                    counts,
                    () -> new Entry(
                            p.tier(),
                            sortKey(p.name(), p.namespace(), p.kind().internalKind()),
                            new TierView.PolicyView(
                                    p.kind().name(),
                                    p.namespace(),
                                    p.name(),
                                    p.order(),
                                    PolicySelection.describe(p),
                                    counts))));
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            // Kubernetes policies land in tier default at order 1000 (calico-semantics §1.6).
            Map<String, Integer> counts = selection.of(p);
            entries.add(reuse.get(
                    p,
                    counts,
                    () -> new Entry(
                            Tier.DEFAULT,
                            sortKey(p.name(), p.namespace(), p.kind().internalKind()),
                            new TierView.PolicyView(
                                    p.kind().name(),
                                    p.namespace(),
                                    p.name(),
                                    1000.0,
                                    PolicySelection.describe(p.podSelector()),
                                    counts))));
        }
        reuse.done();
        for (ClusterNetworkPolicy p : state.clusterPolicies()) {
            ClusterNetworkPolicy.Subject subject = p.subject();
            String selector = PolicySelection.describe(subject);
            entries.add(new Entry(
                    p.calicoTier(),
                    sortKey(p.name(), null, "KubernetesClusterNetworkPolicy"),
                    new TierView.PolicyView(
                            "ClusterNetworkPolicy", null, p.name(), (double) p.priority(), selector, selection.of(p))));
        }
        entries.sort(Comparator.comparing((Entry e) -> e.view().order() == null
                        ? Double.POSITIVE_INFINITY
                        : e.view().order())
                .thenComparing(Entry::sortKey));
        Map<String, List<TierView.PolicyView>> out = new HashMap<>();
        for (Entry e : entries) {
            out.computeIfAbsent(e.tier(), k -> new ArrayList<>()).add(e.view());
        }
        return out;
    }

    /** {@code name/namespace/kind}: Calico 3.32's tie-break key (calico-semantics §2.3). */
    private static String sortKey(String name, @Nullable String namespace, String kind) {
        return name + "/" + (namespace == null ? "" : namespace) + "/" + kind;
    }

    /**
     * One decoded snapshot of the cluster.
     *
     * @param resourceVersions of the Tier objects, by name
     * @param stale the cache may lag behind the cluster
     * @param selected what each policy of {@code state} selects
     */
    record Snapshot(ClusterState state, Map<String, String> resourceVersions, boolean stale, SelectedPods selected) {

        /** How many policies of any kind (staged ones included) are in the tier. */
        long policiesIn(String tier) {
            return state.calicoPolicies().stream()
                            .filter(p -> p.tier().equals(tier))
                            .count()
                    + (tier.equals(Tier.DEFAULT) ? state.kubernetesPolicies().size() : 0)
                    + state.clusterPolicies().stream()
                            .filter(p -> p.calicoTier().equals(tier))
                            .count();
        }
    }
}
