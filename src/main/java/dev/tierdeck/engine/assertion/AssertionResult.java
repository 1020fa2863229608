package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one assertion on one cluster.
 *
 * @param flowsChecked how many representative flows the engine evaluated
 * @param reason why the assertion covers no connection (for {@link Status#EMPTY}), else {@code null}
 * @param example for {@link Status#VIOLATED}: one connection that gets the other verdict, with its trace
 */
public record AssertionResult(
        Assertion assertion,
        Status status,
        int flowsChecked,
        @Nullable String reason,
        @Nullable Example example) {

    public enum Status {
        /** Every covered connection gets the expected verdict. */
        HOLDS,
        /** Some covered connection gets the other verdict: see the example. */
        VIOLATED,
        /**
         * The assertion covers no connection at all (no pod matches a side, or no destination declares its named
         * ports): it checks nothing, which is almost always a mistake in the assertion, so it does not pass.
         */
        EMPTY
    }

    /**
     * A connection that contradicts the assertion.
     *
     * @param flow the connection, in the input shape of {@code evaluate} (id: the assertion's name)
     * @param sourcePod the pod at the source ({@code namespace/name}), {@code null} for an outside address
     * @param destinationPod the pod at the destination, {@code null} for an outside address
     * @param verdict the verdict and traces, as {@code evaluate} prints them
     */
    public record Example(
            Flow flow, @Nullable String sourcePod, @Nullable String destinationPod, FlowVerdict verdict) {

        /**
         * The hits that decided the enforced verdict: for a denial, the last hit of each direction that denied;
         * for an allowance, the last hit of each direction the cluster evaluated (both had to allow).
         */
        public List<DecidingHit> decidedBy() {
            List<DecidingHit> out = new ArrayList<>();
            boolean denied = verdict.action() == Verdict.Deny;
            add(out, "egress", verdict.enforced().egress(), denied);
            add(out, "ingress", verdict.enforced().ingress(), denied);
            return out;
        }

        private static void add(List<DecidingHit> out, String direction, @Nullable DirectionVerdict d, boolean denied) {
            if (d != null && !d.hits().isEmpty() && (!denied || d.action() == Verdict.Deny)) {
                out.add(new DecidingHit(direction, d.hits().getLast()));
            }
        }
    }

    /** A deciding hit and its direction: {@code egress} at the source or {@code ingress} at the destination. */
    public record DecidingHit(String direction, PolicyHit hit) {}

    public boolean holds() {
        return status == Status.HOLDS;
    }
}
