package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.StagedAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Entry point of the evaluator. */
public final class Engine {

    private Engine() {}

    /** Compiles a cluster for evaluation. */
    public static CompiledCluster compile(ClusterState state) {
        return compile(state, null);
    }

    /** {@code before} with a change applied, compiled as impact analysis does it: reusing what the change leaves. */
    public static CompiledCluster compile(CompiledCluster before, Change change) {
        return compile(change.applyTo(before.state), before);
    }

    /**
     * Compiles {@code next}, reusing what {@code previous} already computed: for a cluster that changes as it runs
     * (pods replaced and relabelled, namespaces relabelled, policies changed), each update costs about what changed
     * rather than a compile from scratch. The result answers exactly as {@code compile(next)}.
     */
    public static CompiledCluster update(CompiledCluster previous, ClusterState next) {
        return compile(next, previous);
    }

    /**
     * Compiles {@code state}, reusing what {@code previous} already computed: when endpoints differ (pods, namespace
     * or service-account labels), they are derived first (see {@link EndpointDerivation}); when policies differ, the
     * endpoint index, every resolved rule selector, and unchanged policies with their selected endpoints are kept.
     */
    static CompiledCluster compile(ClusterState state, @Nullable CompiledCluster previous) {
        if (previous != null && previous.state == state) {
            return previous;
        }
        if (previous != null && !sameEndpointsAndTiers(previous.state, state)) {
            EndpointChanges change = EndpointChanges.between(previous, state);
            if (change == null) {
                previous = null;
            } else {
                CompiledCluster endpoints = EndpointDerivation.derive(previous, state, change);
                if (samePolicies(previous, state)) {
                    return endpoints;
                }
                previous = endpoints;
            }
        }
        boolean reuse = previous != null && sameEndpointsAndTiers(previous.state, state);
        Index index = reuse ? previous.index : new Index(state);
        MemberCache cache = reuse ? previous.cache : new MemberCache(index);
        Map<ClusterObject, Integer> prior = new IdentityHashMap<>();
        if (reuse) {
            for (int k = 0; k < previous.policies.length; k++) {
                prior.put(previous.policies[k].source, k);
            }
        }
        Map<String, CompiledPolicy.TierInfo> tiers = tiers(state);
        List<CompiledPolicy> compiled = new ArrayList<>();
        Map<CompiledPolicy, BitSet> selection = new IdentityHashMap<>();
        Map<String, BitSet> selectionCache = new HashMap<>();
        for (ClusterObject o : policySources(state)) {
            Integer k = prior.get(o);
            if (k != null && previous.policies[k].tier.equals(tiers.get(previous.policies[k].tier.name()))) {
                CompiledPolicy p = previous.policies[k];
                compiled.add(p);
                selection.put(p, previous.selected[k]);
                continue;
            }
            CalicoPolicy cp = switch (o) {
                case CalicoPolicy p -> p;
                case KubernetesNetworkPolicy p -> Conversions.kubernetes(p);
                case ClusterNetworkPolicy p -> Conversions.cluster(p);
                default -> throw new IllegalStateException("not a policy: " + o.key());
            };
            CompiledPolicy p = new CompiledPolicy(o, cp, tiers.get(cp.tier()), cache);
            compiled.add(p);
            String selectionKey = cp.kind().namespaced() + "|" + cp.namespace() + "|" + cp.selector() + "|"
                    + cp.namespaceSelector() + "|" + cp.serviceAccountSelector();
            selection.put(p, selectionCache.computeIfAbsent(selectionKey, key -> p.selectedPods(index)));
        }
        compiled.sort(CompiledPolicy::compare);
        CompiledPolicy[] policies = compiled.toArray(new CompiledPolicy[0]);
        BitSet[] selected = Arrays.stream(policies).map(selection::get).toArray(BitSet[]::new);
        if (reuse) {
            BitSet affected = affectedPods(previous.policies, previous.selected, policies, selected);
            return new CompiledCluster(state, previous, policies, selected, affected);
        }
        return new CompiledCluster(state, index, cache, policies, selected);
    }

    /**
     * Every policy object that takes part in normal evaluation: staged deletions never reach Felix (§1.4, §4.1), and
     * doNotTrack / preDNAT policies run in separate passes that do not count here (§2.1 step 1).
     */
    private static List<ClusterObject> policySources(ClusterState state) {
        List<ClusterObject> out = new ArrayList<>();
        for (CalicoPolicy p : state.calicoPolicies()) {
            if (p.effectiveStagedAction() != StagedAction.Delete && !p.doNotTrack() && !p.preDNAT()) {
                out.add(p);
            }
        }
        for (KubernetesNetworkPolicy p : state.kubernetesPolicies()) {
            if (p.effectiveStagedAction() != StagedAction.Delete) {
                out.add(p);
            }
        }
        out.addAll(state.clusterPolicies());
        return out;
    }

    /**
     * Tier ranks (calico-semantics §2.2): defined tiers before tiers only referenced by policies, an order before
     * no order, lower order first, then the name byte-wise. A referenced but undefined tier ends in Deny.
     */
    private static Map<String, CompiledPolicy.TierInfo> tiers(ClusterState state) {
        record T(String name, @Nullable Double order, RuleAction defaultAction, boolean defined) {}
        Map<String, T> all = new HashMap<>();
        for (Tier t : state.tiers()) {
            all.put(t.name(), new T(t.name(), t.order(), t.defaultAction(), true));
        }
        for (ClusterObject o : policySources(state)) {
            String tier = switch (o) {
                case CalicoPolicy p -> p.tier();
                case ClusterNetworkPolicy p -> p.calicoTier();
                default -> Tier.DEFAULT;
            };
            all.putIfAbsent(tier, new T(tier, null, RuleAction.Deny, false));
        }
        List<T> sorted = new ArrayList<>(all.values());
        sorted.sort(Comparator.comparing((T t) -> !t.defined())
                .thenComparing(t -> t.order() == null)
                .thenComparing(t -> t.order() == null ? 0.0 : t.order())
                .thenComparing(T::name));
        Map<String, CompiledPolicy.TierInfo> out = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            T t = sorted.get(i);
            out.put(t.name(), new CompiledPolicy.TierInfo(t.name(), t.defaultAction(), i));
        }
        return out;
    }

    /** Pods selected by a policy present on one side only (new, removed or modified). */
    static BitSet affectedPods(
            CompiledPolicy[] beforePolicies,
            BitSet[] beforeSelected,
            CompiledPolicy[] afterPolicies,
            BitSet[] afterSelected) {
        java.util.Set<CompiledPolicy> beforeSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        beforeSet.addAll(Arrays.asList(beforePolicies));
        java.util.Set<CompiledPolicy> afterSet = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        afterSet.addAll(Arrays.asList(afterPolicies));
        BitSet out = new BitSet();
        for (int k = 0; k < beforePolicies.length; k++) {
            if (!afterSet.contains(beforePolicies[k])) {
                out.or(beforeSelected[k]);
            }
        }
        for (int k = 0; k < afterPolicies.length; k++) {
            if (!beforeSet.contains(afterPolicies[k])) {
                out.or(afterSelected[k]);
            }
        }
        return out;
    }

    /** Whether {@code cluster} compiled exactly the policy objects of {@code state} (the same objects). */
    private static boolean samePolicies(CompiledCluster cluster, ClusterState state) {
        ClusterState compiled = cluster.state;
        if (sameElements(compiled.calicoPolicies(), state.calicoPolicies())
                && sameElements(compiled.kubernetesPolicies(), state.kubernetesPolicies())
                && sameElements(compiled.clusterPolicies(), state.clusterPolicies())) {
            return true;
        }
        List<ClusterObject> sources = policySources(state);
        if (sources.size() != cluster.policies.length) {
            return false;
        }
        java.util.Set<ClusterObject> objects = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompiledPolicy p : cluster.policies) {
            objects.add(p.source);
        }
        for (ClusterObject o : sources) {
            if (!objects.contains(o)) {
                return false;
            }
        }
        return true;
    }

    /** Whether only policies differ: the very same endpoint, set and tier objects (a cheap identity check). */
    private static boolean sameEndpointsAndTiers(ClusterState a, ClusterState b) {
        return same(a.pods(), b.pods())
                && same(a.namespaces(), b.namespaces())
                && same(a.serviceAccounts(), b.serviceAccounts())
                && same(a.networkSets(), b.networkSets())
                && same(a.globalNetworkSets(), b.globalNetworkSets())
                && same(a.tiers(), b.tiers());
    }

    private static boolean sameElements(List<?> a, List<?> b) {
        return a == b || same(a, b);
    }

    private static boolean same(List<?> a, List<?> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
