package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.ClusterObject;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Impact of a proposed change on a set of flows. When the change touches only policies, the compiled cluster is
 * updated incrementally (endpoints, resolved selectors and unchanged policies are reused) and only the flows from
 * or to a pod selected by a changed policy, before or after, are evaluated again; any other change (pods,
 * namespaces, network sets, tiers) re-evaluates every flow.
 */
public final class Impact {

    private Impact() {}

    public static ImpactReport of(CompiledCluster before, Change change, List<Flow> flows) {
        return of(before, change, FlowBatch.of(before, flows));
    }

    /** As {@link #of(CompiledCluster, Change, List)}, with flows already resolved against {@code before}. */
    public static ImpactReport of(CompiledCluster before, Change change, FlowBatch flows) {
        CompiledCluster after = Engine.compile(change.applyTo(before.state), before);
        List<FlowChange> changes = new ArrayList<>();
        if (after.index == before.index && flows.index == before.index) {
            BitSet affected = affectedPods(before, after);
            BitSet candidates = new BitSet(flows.size());
            for (int pod = affected.nextSetBit(0); pod >= 0; pod = affected.nextSetBit(pod + 1)) {
                for (int i : flows.flowsOf(pod)) {
                    candidates.set(i);
                }
            }
            for (int i = candidates.nextSetBit(0); i >= 0; i = candidates.nextSetBit(i + 1)) {
                compare(before, after, flows.flows.get(i), flows.contexts[i], flows.contexts[i], changes);
            }
        } else {
            for (int i = 0; i < flows.size(); i++) {
                Flow flow = flows.flows.get(i);
                FlowContext b = flows.index == before.index ? flows.contexts[i] : before.resolve(flow);
                compare(before, after, flow, b, after.resolve(flow), changes);
            }
        }
        return new ImpactReport(changes, flows.size(), after);
    }

    private static void compare(
            CompiledCluster before,
            CompiledCluster after,
            Flow flow,
            FlowContext b,
            FlowContext a,
            List<FlowChange> out) {
        if (before.action(b, false) != after.action(a, false)) {
            out.add(new FlowChange(
                    flow,
                    new FlowVerdict(flow.id(), before.trace(b, false), before.trace(b, true)),
                    new FlowVerdict(flow.id(), after.trace(a, false), after.trace(a, true))));
        }
    }

    /** Pods selected by a policy that exists on one side only (new, removed or modified). */
    private static BitSet affectedPods(CompiledCluster before, CompiledCluster after) {
        Set<ClusterObject> beforeSources = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompiledPolicy p : before.policies) {
            beforeSources.add(p.source);
        }
        Set<ClusterObject> afterSources = Collections.newSetFromMap(new IdentityHashMap<>());
        for (CompiledPolicy p : after.policies) {
            afterSources.add(p.source);
        }
        BitSet out = new BitSet();
        for (int k = 0; k < before.policies.length; k++) {
            if (!afterSources.contains(before.policies[k].source)) {
                out.or(before.selected[k]);
            }
        }
        for (int k = 0; k < after.policies.length; k++) {
            if (!beforeSources.contains(after.policies[k].source)) {
                out.or(after.selected[k]);
            }
        }
        return out;
    }
}
