package dev.tierdeck.engine.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict-only path of a compiled cluster: for each endpoint and direction, the enforced tiers of its policy
 * list as {@link TierBlock}s, built on first use. Endpoints with the same list share one program and lists share
 * the blocks of equal tiers (the global tiers, typically), so the packed rules a batch reads stay few and hot.
 * The walk is the one of {@code CompiledCluster.direction} without hits: tiers in order, a tier without an
 * enforced policy for the endpoint skipped (§2.1, §7.16), first Allow/Deny decides, Pass and a passing tier go
 * on, and after the last tier the namespace profile allows (§2.9).
 */
final class VerdictPrograms {

    private static final VarHandle PROGRAM = MethodHandles.arrayElementVarHandle(TierBlock[][].class);

    private final CompiledCluster cluster;
    private final TierBlock[][] ingress;
    private final TierBlock[][] egress;
    private final Map<int[], TierBlock[]> ingressByList = new IdentityHashMap<>();
    private final Map<int[], TierBlock[]> egressByList = new IdentityHashMap<>();
    private final Map<IntBuffer, TierBlock> ingressBlocks = new HashMap<>();
    private final Map<IntBuffer, TierBlock> egressBlocks = new HashMap<>();
    private final Map<MemberSpec.Members, PeerSet> peerSets = new IdentityHashMap<>();

    VerdictPrograms(CompiledCluster cluster) {
        this.cluster = cluster;
        this.ingress = new TierBlock[cluster.index.podCount()][];
        this.egress = new TierBlock[cluster.index.podCount()][];
    }

    /** Whether the enforced policies of {@code pod} allow the flow in this direction. */
    boolean allows(int pod, boolean ingressDirection, FlowContext f) {
        TierBlock[] tiers = (TierBlock[]) PROGRAM.getAcquire(ingressDirection ? ingress : egress, pod);
        if (tiers == null) {
            tiers = build(pod, ingressDirection);
        }
        for (TierBlock t : tiers) {
            int decision = t.decide(f);
            if (decision != TierBlock.NEXT_TIER) {
                return decision == TierBlock.ALLOW;
            }
        }
        return true;
    }

    /**
     * Builds (or finds) the program of the pod's list. Programs are read without the lock (an acquiring read pairs
     * with the releasing write here), and two threads asking for the same list get the same shared instance.
     */
    private synchronized TierBlock[] build(int pod, boolean ingressDirection) {
        int[] list = ingressDirection ? cluster.ingressLists[pod] : cluster.egressLists[pod];
        Map<int[], TierBlock[]> byList = ingressDirection ? ingressByList : egressByList;
        TierBlock[] tiers = byList.get(list);
        if (tiers == null) {
            tiers = compile(list, ingressDirection);
            byList.put(list, tiers);
        }
        PROGRAM.setRelease(ingressDirection ? ingress : egress, pod, tiers);
        return tiers;
    }

    private TierBlock[] compile(int[] list, boolean ingressDirection) {
        CompiledPolicy[] policies = cluster.policies;
        Map<IntBuffer, TierBlock> blocks = ingressDirection ? ingressBlocks : egressBlocks;
        List<TierBlock> out = new ArrayList<>();
        int i = 0;
        while (i < list.length) {
            int rank = policies[list[i]].tier.rank();
            int[] enforced = new int[list.length - i];
            int count = 0;
            for (; i < list.length && policies[list[i]].tier.rank() == rank; i++) {
                if (!policies[list[i]].staged) {
                    enforced[count++] = list[i];
                }
            }
            if (count == 0) {
                // Staged policies alone do not make the tier apply when enforcing (§7.16).
                continue;
            }
            IntBuffer key = IntBuffer.wrap(java.util.Arrays.copyOf(enforced, count));
            TierBlock block = blocks.get(key);
            if (block == null) {
                List<CompiledPolicy> tierPolicies = new ArrayList<>(count);
                for (int k = 0; k < count; k++) {
                    tierPolicies.add(policies[enforced[k]]);
                }
                block = new TierBlock(tierPolicies, ingressDirection, cluster.index.namedPorts(), peerSets);
                blocks.put(key, block);
            }
            out.add(block);
        }
        return out.toArray(new TierBlock[0]);
    }
}
