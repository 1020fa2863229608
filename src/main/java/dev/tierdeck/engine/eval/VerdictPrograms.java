package dev.tierdeck.engine.eval;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

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

    /**
     * A tier's enforced policies for one direction. Compiled policies are immutable and compared by identity, so a
     * block stays valid in every cluster that holds the same policies over the same endpoints.
     */
    private record BlockKey(boolean ingress, List<CompiledPolicy> policies) {}

    private final CompiledCluster cluster;
    private final TierBlock[][] ingress;
    private final TierBlock[][] egress;
    private final Map<int[], TierBlock[]> ingressByList = new IdentityHashMap<>();
    private final Map<int[], TierBlock[]> egressByList = new IdentityHashMap<>();
    private final Map<BlockKey, TierBlock> blocks = new ConcurrentHashMap<>();
    /** The blocks of the cluster this one was derived from (impact analysis), reused instead of compiled again. */
    private final @Nullable Map<BlockKey, TierBlock> inherited;

    /** Programs for a cluster compiled from scratch. */
    VerdictPrograms(CompiledCluster cluster) {
        this.cluster = cluster;
        this.ingress = new TierBlock[cluster.index.podCount()][];
        this.egress = new TierBlock[cluster.index.podCount()][];
        this.inherited = null;
    }

    /**
     * Programs for a cluster that differs from the previous one in policies only: pods no changed policy selects
     * keep the same policies in the same order (see {@code CompiledCluster}), so they keep their programs; the
     * others are built on first use, from the previous cluster's blocks where the tiers are unchanged.
     */
    VerdictPrograms(CompiledCluster cluster, VerdictPrograms previous, BitSet affected) {
        this.cluster = cluster;
        this.ingress = carried(previous.ingress, affected, cluster.index.podCount());
        this.egress = carried(previous.egress, affected, cluster.index.podCount());
        // Only the previous cluster's own blocks are kept, never its ancestry.
        this.inherited = previous.blocks;
    }

    private static TierBlock[][] carried(TierBlock[][] previous, BitSet affected, int pods) {
        TierBlock[][] out = new TierBlock[pods][];
        for (int pod = 0; pod < previous.length; pod++) {
            if (!affected.get(pod)) {
                out[pod] = (TierBlock[]) PROGRAM.getAcquire(previous, pod);
            }
        }
        return out;
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
        List<TierBlock> out = new ArrayList<>();
        int i = 0;
        while (i < list.length) {
            int rank = policies[list[i]].tier.rank();
            List<CompiledPolicy> enforced = new ArrayList<>();
            for (; i < list.length && policies[list[i]].tier.rank() == rank; i++) {
                if (!policies[list[i]].staged) {
                    enforced.add(policies[list[i]]);
                }
            }
            if (enforced.isEmpty()) {
                // Staged policies alone do not make the tier apply when enforcing (§7.16).
                continue;
            }
            out.add(block(new BlockKey(ingressDirection, enforced)));
        }
        return out.toArray(new TierBlock[0]);
    }

    private TierBlock block(BlockKey key) {
        TierBlock block = blocks.get(key);
        if (block == null && inherited != null) {
            block = inherited.get(key);
        }
        if (block == null) {
            block = new TierBlock(key.policies(), key.ingress(), cluster.index.portNames);
        }
        blocks.putIfAbsent(key, block);
        return block;
    }
}
