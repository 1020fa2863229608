package dev.tierdeck.engine.eval;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Flows resolved once against a compiled cluster's endpoints, with an index from each pod to the flows that start
 * or end at it. Impact analysis uses it to re-evaluate only the flows a change can touch.
 */
public final class FlowBatch {

    final List<Flow> flows;
    final FlowContext[] contexts;
    final Index index;
    private final int[][] byPod;
    private volatile @Nullable CompiledCluster verdictsOf;
    private volatile Verdict @Nullable [] verdicts;

    private FlowBatch(CompiledCluster cluster, List<Flow> flows) {
        this.flows = List.copyOf(flows);
        this.index = cluster.index;
        this.contexts = new FlowContext[flows.size()];
        int[] counts = new int[index.podCount()];
        for (int i = 0; i < contexts.length; i++) {
            FlowContext f = cluster.resolve(flows.get(i));
            contexts[i] = f;
            if (f.srcPod >= 0) {
                counts[f.srcPod]++;
            }
            if (f.dstPod >= 0 && f.dstPod != f.srcPod) {
                counts[f.dstPod]++;
            }
        }
        byPod = new int[counts.length][];
        for (int p = 0; p < counts.length; p++) {
            byPod[p] = new int[counts[p]];
        }
        Arrays.fill(counts, 0);
        for (int i = 0; i < contexts.length; i++) {
            FlowContext f = contexts[i];
            if (f.srcPod >= 0) {
                byPod[f.srcPod][counts[f.srcPod]++] = i;
            }
            if (f.dstPod >= 0 && f.dstPod != f.srcPod) {
                byPod[f.dstPod][counts[f.dstPod]++] = i;
            }
        }
    }

    /**
     * Resolves flows against {@code cluster}.
     *
     * @throws UnknownPodException when a flow names a pod the cluster does not have
     */
    public static FlowBatch of(CompiledCluster cluster, List<Flow> flows) {
        return new FlowBatch(cluster, flows);
    }

    public int size() {
        return contexts.length;
    }

    public List<Flow> flows() {
        return flows;
    }

    /** Enforced verdicts against {@code cluster} if they were computed (by {@link CompiledCluster#actions}). */
    Verdict @Nullable [] cachedVerdicts(CompiledCluster cluster) {
        Verdict[] v = verdicts;
        return v != null && verdictsOf == cluster ? v : null;
    }

    void cacheVerdicts(CompiledCluster cluster, Verdict[] v) {
        verdicts = v;
        verdictsOf = cluster;
    }

    int[] flowsOf(int pod) {
        return byPod[pod];
    }
}
