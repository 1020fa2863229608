package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Pod;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-pod policy lists of a derived cluster: carried over from the previous cluster for pods whose lists cannot
 * have changed (renumbered when policies moved), rebuilt for the others, which must include every new or emptied
 * slot.
 */
final class DerivedLists {

    private static final int[] NONE = new int[0];

    /** Positions of namespaced policies by namespace, and of the others, each ascending. */
    record Groups(Map<String, int[]> byNamespace, int[] global) {

        static Groups of(CompiledPolicy[] policies) {
            Map<String, List<Integer>> byNamespace = new HashMap<>();
            List<Integer> global = new ArrayList<>();
            for (int k = 0; k < policies.length; k++) {
                if (policies[k].kind.namespaced()) {
                    byNamespace
                            .computeIfAbsent(policies[k].namespace, ns -> new ArrayList<>())
                            .add(k);
                } else {
                    global.add(k);
                }
            }
            Map<String, int[]> out = new HashMap<>();
            byNamespace.forEach((ns, ks) ->
                    out.put(ns, ks.stream().mapToInt(Integer::intValue).toArray()));
            return new Groups(out, global.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    private final CompiledCluster cluster;
    private final int[] remap;
    private final boolean identity;
    private final BitSet affected;

    DerivedLists(CompiledCluster cluster, int[] remap, boolean identity, BitSet affected) {
        this.cluster = cluster;
        this.remap = remap;
        this.identity = identity;
        this.affected = affected;
    }

    int[][] carryOver(int[][] old, boolean ingress) {
        int[][] out = new int[cluster.index.podCount()][];
        IdentityHashMap<int[], int[]> renumbered = new IdentityHashMap<>();
        for (int pod = 0; pod < old.length; pod++) {
            if (affected.get(pod)) {
                continue;
            }
            int[] l = old[pod];
            out[pod] = identity
                    ? l
                    : renumbered.computeIfAbsent(l, a -> {
                        int[] r = new int[a.length];
                        for (int i = 0; i < a.length; i++) {
                            r[i] = remap[a[i]];
                        }
                        return r;
                    });
        }
        int[][] lists = affected.cardinality() <= Math.max(64, out.length / 16)
                ? podMajor(ingress, out.length)
                : policyMajor(ingress, out.length);
        for (int pod = affected.nextSetBit(0); pod >= 0; pod = affected.nextSetBit(pod + 1)) {
            out[pod] = lists[pod];
        }
        for (int pod = old.length; pod < out.length; pod++) {
            if (out[pod] == null) {
                throw new IllegalStateException("pod slot " + pod + " is new but was not rebuilt");
            }
        }
        return out;
    }

    /** Few pods: each looked up in the selections of the policies that can apply to it, in policy order. */
    private int[][] podMajor(boolean ingress, int pods) {
        PolicyLists rebuilt = new PolicyLists(pods);
        Groups groups = cluster.groups();
        for (int pod = affected.nextSetBit(0); pod >= 0; pod = affected.nextSetBit(pod + 1)) {
            Pod p = cluster.index.pods[pod];
            if (p == null) {
                continue;
            }
            int[] local = groups.byNamespace().getOrDefault(p.namespace(), NONE);
            int[] global = groups.global();
            int i = 0;
            int j = 0;
            while (i < local.length || j < global.length) {
                int k = j >= global.length || (i < local.length && local[i] < global[j]) ? local[i++] : global[j++];
                CompiledPolicy policy = cluster.policies[k];
                if ((ingress ? policy.ingressType : policy.egressType) && cluster.selected[k].get(pod)) {
                    rebuilt.addIngress(pod, k);
                }
            }
        }
        return rebuilt.ingress();
    }

    /** Many pods: each policy's selection walked once. */
    private int[][] policyMajor(boolean ingress, int pods) {
        PolicyLists rebuilt = new PolicyLists(pods);
        for (int k = 0; k < cluster.policies.length; k++) {
            CompiledPolicy p = cluster.policies[k];
            if (!(ingress ? p.ingressType : p.egressType)) {
                continue;
            }
            BitSet s = cluster.selected[k];
            for (int pod = s.nextSetBit(0); pod >= 0; pod = s.nextSetBit(pod + 1)) {
                if (affected.get(pod)) {
                    rebuilt.addIngress(pod, k);
                }
            }
        }
        return rebuilt.ingress();
    }

    /** Carried for pods whose list was carried (the same policies, maybe renumbered), computed for the others. */
    boolean[] stagedFlags(int[][] lists, boolean[] previous) {
        boolean[] out = new boolean[lists.length];
        IdentityHashMap<int[], Boolean> seen = new IdentityHashMap<>();
        for (int pod = 0; pod < lists.length; pod++) {
            if (pod < previous.length && !affected.get(pod)) {
                out[pod] = previous[pod];
            } else {
                out[pod] = seen.computeIfAbsent(lists[pod], cluster::holdsStaged);
            }
        }
        return out;
    }
}
