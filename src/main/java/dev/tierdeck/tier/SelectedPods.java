package dev.tierdeck.tier;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The pods each policy applies to, per namespace, for the tier and stack screens. Read from the selections the
 * compiled cluster already holds and keeps current as pods and policies change (counted once per selection), rather
 * than testing every policy against every pod: on a large cluster that is hundreds of millions of selector checks.
 * Policies the compiled cluster does not evaluate (staged deletions, doNotTrack and preDNAT ones) are counted pod by
 * pod; so is everything while the cluster has not been compiled yet, unless it is too large to count on a request.
 */
final class SelectedPods {

    /** Above this many pods, a cluster still loading shows no counts rather than testing every pod per policy. */
    static final int UNCOMPILED_LIMIT = 2_000;

    private final ClusterState state;
    private final @Nullable CompiledCluster compiled;
    private @Nullable PolicySelection podByPod;

    private SelectedPods(ClusterState state, @Nullable CompiledCluster compiled) {
        this.state = state;
        this.compiled = compiled;
    }

    /** Over the compiled cluster's own state, or the decoded state while there is no compiled cluster yet. */
    static SelectedPods of(ClusterReader cluster) {
        CompiledCluster compiled;
        try {
            compiled = cluster.compiled();
        } catch (ClusterUnavailableException loading) {
            return new SelectedPods(cluster.decoded().state(), null);
        }
        return of(compiled);
    }

    /** From the selections of {@code compiled}, over its own state. */
    static SelectedPods of(CompiledCluster compiled) {
        return new SelectedPods(compiled.state(), compiled);
    }

    /** Pod by pod over {@code state} (small clusters and tests). */
    static SelectedPods podByPod(ClusterState state) {
        return new SelectedPods(state, null);
    }

    ClusterState state() {
        return state;
    }

    /** What the counts depend on: the compiled cluster, or the state while there is none; compared by identity. */
    Object source() {
        return compiled != null ? compiled : state;
    }

    Map<String, Integer> of(CalicoPolicy p) {
        Map<String, Integer> fromCompiled = compiled(p);
        return fromCompiled != null ? fromCompiled : countable() ? podByPod().of(p) : Map.of();
    }

    Map<String, Integer> of(KubernetesNetworkPolicy p) {
        Map<String, Integer> fromCompiled = compiled(p);
        return fromCompiled != null ? fromCompiled : countable() ? podByPod().of(p) : Map.of();
    }

    Map<String, Integer> of(ClusterNetworkPolicy p) {
        Map<String, Integer> fromCompiled = compiled(p);
        return fromCompiled != null ? fromCompiled : countable() ? podByPod().of(p) : Map.of();
    }

    private @Nullable Map<String, Integer> compiled(ClusterObject p) {
        CompiledCluster c = compiled;
        return c != null && c.evaluates(p.key()) ? c.selectedByNamespace(p.key()) : null;
    }

    /** Pod by pod costs a label map per pod and policy: fine for the few policies the engine leaves out. */
    private boolean countable() {
        return compiled != null || state.pods().size() <= UNCOMPILED_LIMIT;
    }

    private PolicySelection podByPod() {
        PolicySelection s = podByPod;
        if (s == null) {
            s = new PolicySelection(state);
            podByPod = s;
        }
        return s;
    }
}
