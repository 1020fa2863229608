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

    CompiledPolicy(dev.tierdeck.engine.model.ClusterObject source, CalicoPolicy p, TierInfo tier, MemberCache cache) {
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
        this.ingress = CompiledRule.compile(p.ingress(), p.namespace(), cache).toArray(new CompiledRule[0]);
        this.egress = CompiledRule.compile(p.egress(), p.namespace(), cache).toArray(new CompiledRule[0]);
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
        Selection s = selection(policy);
        if (policy.kind().namespaced()) {
            for (int i : index.namespaceMembers.getOrDefault(policy.namespace(), new int[0])) {
                if (s.test(index, i)) {
                    out.set(i);
                }
            }
            return out;
        }
        for (Map.Entry<String, int[]> e : index.namespaceMembers.entrySet()) {
            boolean nsMatches = s.namespaceMatches(index, e.getKey());
            for (int i : e.getValue()) {
                if (s.inScope(index, i, nsMatches) && s.test(index, i)) {
                    out.set(i);
                }
            }
        }
        return out;
    }

    /**
     * {@code selected} (the selection over {@code previous}'s endpoints) with the pods in {@code changed} decided
     * again over {@code index}; the same object when none of them changes side.
     */
    BitSet reselect(BitSet selected, Index index, int[] changed) {
        Selection s = selection(policy);
        BitSet out = selected;
        for (int i : changed) {
            boolean selects = selects(index, i, s);
            if (selects != out.get(i)) {
                if (out == selected) {
                    out = (BitSet) selected.clone();
                }
                out.set(i, selects);
            }
        }
        return out;
    }

    private boolean selects(Index index, int i, Selection s) {
        dev.tierdeck.engine.model.Pod pod = index.pods[i];
        if (pod == null) {
            return false;
        }
        if (policy.kind().namespaced()) {
            return pod.namespace().equals(policy.namespace()) && s.test(index, i);
        }
        return s.inScope(index, i, s.namespaceMatches(index, pod.namespace())) && s.test(index, i);
    }

    private static Selection selection(CalicoPolicy policy) {
        return new Selection(p(policy.selector()), p(policy.serviceAccountSelector()), p(policy.namespaceSelector()));
    }

    /** The parsed top-level selectors. */
    private record Selection(
            @Nullable Selector selector,
            @Nullable Selector serviceAccount,
            @Nullable Selector namespace) {

        boolean namespaceMatches(Index index, String ns) {
            return namespace == null || namespace.matches(index.namespaceViews.get(ns));
        }

        /** A pod whose own labels shadow {@code pcns.*} is scoped by them (§2.5). */
        boolean inScope(Index index, int i, boolean namespaceMatches) {
            return namespace == null
                    || (index.podOwnsPcns[i]
                            ? namespace.matches(EndpointLabels.prefixed(index.podLabels[i], EndpointLabels.PCNS))
                            : namespaceMatches);
        }

        boolean test(Index index, int i) {
            Labels l = index.podLabels[i];
            return (selector == null || selector.matches(l))
                    && (serviceAccount == null || MemberSpec.serviceAccountMatches(serviceAccount, l));
        }
    }

    private static @Nullable Selector p(@Nullable String s) {
        return s == null || s.isBlank() ? null : Selectors.parseOrThrow(s);
    }

    CompiledRule[] rules(boolean ingressDirection) {
        return ingressDirection ? ingress : egress;
    }
}
