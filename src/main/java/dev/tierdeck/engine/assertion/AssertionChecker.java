package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.Change;
import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.SpaceCheck;
import dev.tierdeck.engine.model.Pod;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Checks assertions against the policies in force: statically and exactly (see
 * {@link dev.tierdeck.engine.eval.FlowSpace#check}), with the engine's own evaluation, so a violation comes with the
 * same trace {@code evaluate} prints. Staged policies do not count; a proposed change counts as impact analysis
 * applies it (a staged object stands for its enforced counterpart).
 */
public final class AssertionChecker {

    private AssertionChecker() {}

    /** Each assertion on the cluster as it is, in the order given. */
    public static List<AssertionResult> check(CompiledCluster cluster, List<Assertion> assertions) {
        return check(cluster, null, assertions);
    }

    /** Each assertion on the cluster with {@code change} applied (none: as it is), in the order given. */
    public static List<AssertionResult> check(
            CompiledCluster cluster, @Nullable Change change, List<Assertion> assertions) {
        CompiledCluster target = change == null ? cluster : Engine.compile(cluster, change);
        // Assertions are independent and the compiled cluster is safe to share between threads.
        return assertions.parallelStream().map(a -> check(target, a)).toList();
    }

    public static AssertionResult check(CompiledCluster cluster, Assertion assertion) {
        SpaceCheck c = assertion.space().check(cluster, assertion.expect());
        if (c.nothingCovered() != null) {
            return new AssertionResult(
                    assertion, AssertionResult.Status.EMPTY, c.flowsEvaluated(), c.nothingCovered(), null);
        }
        if (c.example() == null || c.verdict() == null) {
            return new AssertionResult(assertion, AssertionResult.Status.HOLDS, c.flowsEvaluated(), null, null);
        }
        Flow f = c.example();
        Flow named = new Flow(
                assertion.name(),
                f.source(),
                f.destination(),
                f.protocol(),
                f.port(),
                f.sourcePort(),
                f.icmpType(),
                f.icmpCode());
        FlowVerdict verdict = new FlowVerdict(
                assertion.name(), c.verdict().enforced(), c.verdict().pending());
        AssertionResult.Example example =
                new AssertionResult.Example(named, pod(cluster, f.source()), pod(cluster, f.destination()), verdict);
        return new AssertionResult(assertion, AssertionResult.Status.VIOLATED, c.flowsEvaluated(), null, example);
    }

    private static @Nullable String pod(CompiledCluster cluster, FlowEndpoint e) {
        Pod p = cluster.pod(e);
        return p == null ? null : p.namespace() + "/" + p.name();
    }
}
