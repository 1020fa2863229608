package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Assertions prepared for judging observed flows (a flow log, a flow browser): which assertions a flow with the
 * verdict the cluster gave it contradicts. The endpoints of each assertion are resolved once against the cluster
 * the flows were observed on; a flow naming a pod that cluster does not have contradicts nothing.
 */
public final class ObservedFlows {

    private final List<Assertion> assertions;
    private final List<Predicate<Flow>> coverage;

    private ObservedFlows(List<Assertion> assertions, List<Predicate<Flow>> coverage) {
        this.assertions = assertions;
        this.coverage = coverage;
    }

    public static ObservedFlows of(CompiledCluster cluster, List<Assertion> assertions) {
        List<Predicate<Flow>> coverage = new ArrayList<>();
        for (Assertion a : assertions) {
            coverage.add(a.space().coverage(cluster));
        }
        return new ObservedFlows(List.copyOf(assertions), coverage);
    }

    /** The assertions that cover the flow and expect the other verdict, in the order given. */
    public List<Assertion> contradictedBy(Flow flow, Verdict observed) {
        List<Assertion> out = new ArrayList<>();
        for (int i = 0; i < assertions.size(); i++) {
            Assertion a = assertions.get(i);
            if (a.expect() != observed && coverage.get(i).test(flow)) {
                out.add(a);
            }
        }
        return out;
    }
}
