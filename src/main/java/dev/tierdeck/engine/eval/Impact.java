package dev.tierdeck.engine.eval;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Impact of a proposed change on a set of flows. When the change touches only policies, the compiled cluster is
 * updated incrementally (endpoints, resolved selectors and unchanged policies are reused) and only the flows from
 * or to a pod selected by a changed policy, before or after, are evaluated again; any other change (pods,
 * namespaces, network sets, tiers) re-evaluates every flow.
 */
public final class Impact {

    /** Above this many flows to re-evaluate, both cores are used. */
    private static final int PARALLEL_THRESHOLD = 50_000;

    private Impact() {}

    public static ImpactReport of(CompiledCluster before, Change change, List<Flow> flows) {
        return of(before, change, FlowBatch.of(before, flows));
    }

    /** As {@link #of(CompiledCluster, Change, List)}, with flows already resolved against {@code before}. */
    public static ImpactReport of(CompiledCluster before, Change change, FlowBatch flows) {
        CompiledCluster after = Engine.compile(change.applyTo(before.state), before);
        boolean resolved = flows.index == before.index;
        Verdict[] beforeVerdicts = resolved ? flows.cachedVerdicts(before) : null;
        int[] candidates;
        if (after.index == before.index && resolved) {
            // Only flows that a changed policy can touch are evaluated again (see ChangedPolicies).
            ChangedPolicies changedPolicies = new ChangedPolicies(before, after);
            BitSet affected = changedPolicies.affected();
            BitSet set = new BitSet(flows.size());
            for (int pod = affected.nextSetBit(0); pod >= 0; pod = affected.nextSetBit(pod + 1)) {
                for (int i : flows.flowsOf(pod)) {
                    set.set(i);
                }
            }
            IntStream touched = set.stream();
            if (set.cardinality() > PARALLEL_THRESHOLD) {
                touched = touched.parallel();
            }
            candidates = touched.filter(i -> !changedPolicies.keepsVerdict(flows.contexts[i]))
                    .sorted()
                    .toArray();
        } else {
            candidates = IntStream.range(0, flows.size()).toArray();
        }
        boolean sameEndpoints = after.index == before.index && resolved;
        FlowContext[] afterContexts = new FlowContext[flows.size()];
        boolean[] changed = new boolean[flows.size()];
        IntStream stream = IntStream.of(candidates);
        if (candidates.length > PARALLEL_THRESHOLD) {
            stream = stream.parallel();
        }
        stream.forEach(i -> {
            Flow flow = flows.flows.get(i);
            FlowContext a = sameEndpoints ? flows.contexts[i] : after.resolve(flow);
            FlowContext bc = resolved ? flows.contexts[i] : before.resolve(flow);
            Verdict b = beforeVerdicts != null ? beforeVerdicts[i] : before.action(bc, false);
            afterContexts[i] = a;
            changed[i] = b != after.action(a, false);
        });
        List<FlowChange> changes = new ArrayList<>();
        for (int i : candidates) {
            if (changed[i]) {
                Flow flow = flows.flows.get(i);
                FlowContext b = resolved ? flows.contexts[i] : before.resolve(flow);
                Verdict bv = beforeVerdicts != null ? beforeVerdicts[i] : before.action(b, false);
                changes.add(new FlowChange(flow, bv, before, after, b, afterContexts[i]));
            }
        }
        return new ImpactReport(changes, flows.size(), after);
    }
}
