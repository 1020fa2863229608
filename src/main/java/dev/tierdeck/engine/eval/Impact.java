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
 * updated incrementally and only flows from or to a pod selected by a changed policy (before or after) are
 * evaluated again; any other change (pods, namespaces, sets, tiers) re-evaluates every flow.
 */
public final class Impact {

    private Impact() {}

    public static ImpactReport of(CompiledCluster before, Change change, List<Flow> flows) {
        CompiledCluster after = Engine.compile(change.applyTo(before.state), before);
        BitSet affected = after.index == before.index ? affectedPods(before, after) : null;
        List<FlowChange> changes = new ArrayList<>();
        for (Flow flow : flows) {
            FlowContext b = before.resolve(flow);
            if (affected != null
                    && (b.srcPod < 0 || !affected.get(b.srcPod))
                    && (b.dstPod < 0 || !affected.get(b.dstPod))) {
                continue;
            }
            FlowContext a = affected != null ? b : after.resolve(flow);
            if (before.action(b, false) != after.action(a, false)) {
                changes.add(new FlowChange(
                        flow,
                        new FlowVerdict(flow.id(), before.trace(b, false), before.trace(b, true)),
                        new FlowVerdict(flow.id(), after.trace(a, false), after.trace(a, true))));
            }
        }
        return new ImpactReport(changes, flows.size(), after);
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
