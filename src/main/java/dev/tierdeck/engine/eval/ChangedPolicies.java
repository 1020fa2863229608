package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policies present on one side of a policy-only change (added, removed or modified), and which flows they can
 * touch. In the enforced walk (calico-semantics §2.1) a policy with no rule matching a flow is passed over without
 * effect; it matters only by making its tier apply to the endpoint (the tier's default action when nothing
 * matches). So a flow keeps its verdict when every affected endpoint keeps the same set of tiers and, in that
 * direction, either no enforced changed policy selecting it has a non-Log rule matching the flow, or the endpoint's
 * list is the same apart from modified policies in place and each of them decides the flow the same way
 * (same first matching action) before and after.
 */
final class ChangedPolicies {

    private final List<CompiledPolicy> policies = new ArrayList<>();
    private final List<BitSet> selected = new ArrayList<>();
    private final BitSet affected = new BitSet();
    private final boolean[] sameIngressTiers;
    private final boolean[] sameEgressTiers;
    /** Whether the pod's list is the same apart from modified policies keeping their place. */
    private final boolean[] sameIngressShape;

    private final boolean[] sameEgressShape;
    /** Modified policies: the version before and after. */
    private final List<CompiledPolicy[]> pairs = new ArrayList<>();

    ChangedPolicies(CompiledCluster before, CompiledCluster after) {
        Set<CompiledPolicy> inBefore = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(inBefore, before.policies);
        Set<CompiledPolicy> inAfter = Collections.newSetFromMap(new IdentityHashMap<>());
        Collections.addAll(inAfter, after.policies);
        collect(before, inAfter);
        collect(after, inBefore);
        int n = before.index.podCount();
        sameIngressTiers = new boolean[n];
        sameEgressTiers = new boolean[n];
        sameIngressShape = new boolean[n];
        sameEgressShape = new boolean[n];
        Map<dev.tierdeck.engine.model.ObjectKey, CompiledPolicy> removed = new java.util.HashMap<>();
        for (CompiledPolicy p : before.policies) {
            if (!inAfter.contains(p)) {
                removed.put(p.source.key(), p);
            }
        }
        Map<CompiledPolicy, Integer> position = new IdentityHashMap<>();
        for (int k = 0; k < after.policies.length; k++) {
            position.put(after.policies[k], k);
            CompiledPolicy old =
                    inBefore.contains(after.policies[k]) ? null : removed.get(after.policies[k].source.key());
            if (old != null) {
                pairs.add(new CompiledPolicy[] {old, after.policies[k]});
                position.put(old, k);
            }
        }
        Map<int[], int[]> mapped = new IdentityHashMap<>();
        Map<int[], Set<String>> beforeTiers = new IdentityHashMap<>();
        Map<int[], Set<String>> afterTiers = new IdentityHashMap<>();
        for (int pod = affected.nextSetBit(0); pod >= 0; pod = affected.nextSetBit(pod + 1)) {
            sameIngressTiers[pod] = tiers(before, before.ingressLists[pod], beforeTiers)
                    .equals(tiers(after, after.ingressLists[pod], afterTiers));
            sameEgressTiers[pod] = tiers(before, before.egressLists[pod], beforeTiers)
                    .equals(tiers(after, after.egressLists[pod], afterTiers));
            sameIngressShape[pod] = java.util.Arrays.equals(
                    map(before, before.ingressLists[pod], position, mapped), after.ingressLists[pod]);
            sameEgressShape[pod] = java.util.Arrays.equals(
                    map(before, before.egressLists[pod], position, mapped), after.egressLists[pod]);
        }
    }

    private void collect(CompiledCluster side, Set<CompiledPolicy> other) {
        for (int k = 0; k < side.policies.length; k++) {
            if (!other.contains(side.policies[k])) {
                affected.or(side.selected[k]);
                if (!side.policies[k].staged) {
                    policies.add(side.policies[k]);
                    selected.add(side.selected[k]);
                }
            }
        }
    }

    /** A list of {@code before} in the numbering of the new cluster (-1 for a removed policy). */
    private static int[] map(
            CompiledCluster before, int[] list, Map<CompiledPolicy, Integer> position, Map<int[], int[]> memo) {
        return memo.computeIfAbsent(list, l -> {
            int[] out = new int[l.length];
            for (int i = 0; i < l.length; i++) {
                Integer to = position.get(before.policies[l[i]]);
                out[i] = to == null ? -1 : to;
            }
            return out;
        });
    }

    /** Names of the tiers with an enforced policy in a list. */
    private static Set<String> tiers(CompiledCluster c, int[] list, Map<int[], Set<String>> memo) {
        return memo.computeIfAbsent(list, l -> {
            Set<String> names = new HashSet<>();
            for (int k : l) {
                if (!c.policies[k].staged) {
                    names.add(c.policies[k].tier.name());
                }
            }
            return names;
        });
    }

    /** Pods selected by a changed policy, before or after. */
    BitSet affected() {
        return affected;
    }

    /** Whether the enforced verdict of {@code f} is certainly the same before and after the change. */
    boolean keepsVerdict(FlowContext f) {
        boolean egress = f.srcPod >= 0 && affected.get(f.srcPod);
        boolean ingress = f.dstPod >= 0 && affected.get(f.dstPod);
        if ((egress && !sameEgressTiers[f.srcPod]) || (ingress && !sameIngressTiers[f.dstPod])) {
            return false;
        }
        if (egress && !(sameEgressShape[f.srcPod] && pairsDecideAlike(false, f))) {
            if (anyChangedRuleMatches(f.srcPod, false, f)) {
                return false;
            }
        }
        if (ingress && !(sameIngressShape[f.dstPod] && pairsDecideAlike(true, f))) {
            return !anyChangedRuleMatches(f.dstPod, true, f);
        }
        return true;
    }

    private boolean anyChangedRuleMatches(int pod, boolean ingress, FlowContext f) {
        for (int i = 0; i < policies.size(); i++) {
            CompiledPolicy p = policies.get(i);
            if ((ingress ? p.ingressType : p.egressType)
                    && selected.get(i).get(pod)
                    && anyRuleMatches(p.rules(ingress), f)) {
                return true;
            }
        }
        return false;
    }

    /**
     * With the list otherwise unchanged, each modified policy stands where it stood: the walk differs only in
     * what it decides there.
     */
    private static boolean pairsDecideAlikeFor(CompiledPolicy a, CompiledPolicy b, boolean ingress, FlowContext f) {
        return decision(a, ingress, f) == decision(b, ingress, f);
    }

    private boolean pairsDecideAlike(boolean ingress, FlowContext f) {
        for (CompiledPolicy[] pair : pairs) {
            if (!pairsDecideAlikeFor(pair[0], pair[1], ingress, f)) {
                return false;
            }
        }
        return true;
    }

    /** The action of the first matching non-Log rule in an enforced walk, or null (no match, or staged). */
    private static @org.jspecify.annotations.Nullable RuleAction decision(
            CompiledPolicy p, boolean ingress, FlowContext f) {
        if (p.staged || !(ingress ? p.ingressType : p.egressType)) {
            return null;
        }
        for (CompiledRule r : p.rules(ingress)) {
            if (r.action != RuleAction.Log && r.matches(f)) {
                return r.action;
            }
        }
        return null;
    }

    private static boolean anyRuleMatches(CompiledRule[] rules, FlowContext f) {
        for (CompiledRule r : rules) {
            if (r.action != RuleAction.Log && r.matches(f)) {
                return true;
            }
        }
        return false;
    }
}
