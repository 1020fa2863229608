package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A policy (any kind, after conversion) with its rules compiled and its endpoint selection resolved. */
final class CompiledPolicy {

    /** A tier in evaluation order. */
    record TierInfo(String name, RuleAction defaultAction, int rank) {}

    final dev.tierdeck.engine.model.ClusterObject source;
    final CalicoPolicy policy;
    final PolicyKind kind;
    final String name;
    final @Nullable String namespace;
    final TierInfo tier;
    final boolean staged;
    final boolean ingressType;
    final boolean egressType;
    final CompiledRule[] ingress;
    final CompiledRule[] egress;
    final @Nullable Double order;
    /** {@code name/namespace/kind}: the 3.32 tie-break key (calico-semantics §2.3). */
    final String sortKey;

    CompiledPolicy(
            dev.tierdeck.engine.model.ClusterObject source,
            CalicoPolicy p,
            TierInfo tier,
            MemberCache cache,
            Index index) {
        this.source = source;
        this.policy = p;
        this.kind = p.kind();
        this.name = p.name();
        this.namespace = p.namespace();
        this.tier = tier;
        this.staged = p.kind().staged();
        List<PolicyType> types = p.effectiveTypes();
        this.ingressType = types.contains(PolicyType.Ingress);
        this.egressType = types.contains(PolicyType.Egress);
        this.ingress =
                CompiledRule.compile(p.ingress(), p.namespace(), cache, index).toArray(new CompiledRule[0]);
        this.egress =
                CompiledRule.compile(p.egress(), p.namespace(), cache, index).toArray(new CompiledRule[0]);
        this.order = p.order();
        this.sortKey = p.name() + "/" + (p.namespace() == null ? "" : p.namespace()) + "/"
                + p.kind().internalKind();
    }

    /** Policies in evaluation order: tier rank, then order (nil last), then the composite name key. */
    static int compare(CompiledPolicy a, CompiledPolicy b) {
        int c = Integer.compare(a.tier.rank, b.tier.rank);
        if (c != 0) {
            return c;
        }
        double oa = a.order == null ? Double.POSITIVE_INFINITY : a.order;
        double ob = b.order == null ? Double.POSITIVE_INFINITY : b.order;
        c = Double.compare(oa, ob);
        return c != 0 ? c : a.sortKey.compareTo(b.sortKey);
    }

    /**
     * The pods the policy applies to (calico-semantics §2.4): a namespaced policy only its own namespace's pods;
     * a global one all pods, narrowed by {@code namespaceSelector} and {@code serviceAccountSelector}.
     */
    BitSet selectedPods(Index index) {
        return selectedPods(policy, index);
    }

    /** {@link #selectedPods(Index)} of a policy that is not compiled. */
    static BitSet selectedPods(CalicoPolicy policy, Index index) {
        BitSet out = new BitSet();
        Selector selector = p(policy.selector());
        Selector saSelector = p(policy.serviceAccountSelector());
        Selector nsSelector = p(policy.namespaceSelector());
        if (policy.kind().namespaced()) {
            int[] r = index.namespaceRanges.get(policy.namespace());
            if (r != null) {
                for (int i = r[0]; i < r[1]; i++) {
                    test(index, i, selector, saSelector, out);
                }
            }
            return out;
        }
        for (Map.Entry<String, int[]> e : index.namespaceRanges.entrySet()) {
            boolean nsMatches = nsSelector == null || nsSelector.matches(index.namespaceViews.get(e.getKey()));
            for (int i = e.getValue()[0]; i < e.getValue()[1]; i++) {
                boolean inScope = nsSelector == null
                        || (index.podOwnsPcns[i]
                                ? nsSelector.matches(EndpointLabels.prefixed(index.podLabels[i], EndpointLabels.PCNS))
                                : nsMatches);
                if (inScope) {
                    test(index, i, selector, saSelector, out);
                }
            }
        }
        return out;
    }

    private static void test(Index index, int i, @Nullable Selector s, @Nullable Selector sa, BitSet out) {
        Labels l = index.podLabels[i];
        if ((s == null || s.matches(l)) && (sa == null || MemberSpec.serviceAccountMatches(sa, l))) {
            out.set(i);
        }
    }

    private static @Nullable Selector p(@Nullable String s) {
        return s == null || s.isBlank() ? null : Selectors.parseOrThrow(s);
    }

    CompiledRule[] rules(boolean ingressDirection) {
        return ingressDirection ? ingress : egress;
    }
}
