package dev.tierdeck.exception;

import dev.tierdeck.engine.eval.DirectionVerdict;
import dev.tierdeck.engine.eval.PolicyHit;
import dev.tierdeck.engine.eval.Trace;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterState;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Where the cluster denies a flow today: per direction, the step that decides it (the last hit of its trace), and
 * from it the order an exception's policy takes to come just before it.
 */
final class DenialFinder {

    private DenialFinder() {}

    /** A direction the flow is denied in, and the step that denies it. */
    record Denial(String direction, PolicyHit hit) {

        boolean egress() {
            return direction.equals("egress");
        }
    }

    /** The directions of {@code trace} that deny the flow, egress first. */
    static List<Denial> denials(Trace trace) {
        List<Denial> out = new ArrayList<>();
        add("egress", trace.egress(), out);
        add("ingress", trace.ingress(), out);
        return out;
    }

    private static void add(String direction, @Nullable DirectionVerdict verdict, List<Denial> out) {
        if (verdict != null
                && verdict.action() == Verdict.Deny
                && !verdict.hits().isEmpty()) {
            out.add(new Denial(direction, verdict.hits().getLast()));
        }
    }

    /** The denials decided in the first tier that {@code mayChange} refuses, or none. */
    static List<Denial> inFirstTierNotChangeable(List<Denial> denials, Predicate<String> mayChange) {
        String tier = denials.stream()
                .map(d -> d.hit().tier())
                .filter(t -> !t.isEmpty() && !mayChange.test(t))
                .findFirst()
                .orElse(null);
        return tier == null
                ? List.of()
                : denials.stream().filter(d -> d.hit().tier().equals(tier)).toList();
    }

    /** The denials of {@code flow} in {@code tier} on the cluster as it is. */
    static List<Denial> inTier(Trace trace, String tier) {
        return denials(trace).stream().filter(d -> d.hit().tier().equals(tier)).toList();
    }

    /**
     * An order that puts a policy of {@code tier} just before every denying step of {@code denials}: halfway between
     * the earliest denying policy and the policy before it (one less when none comes before); after every ordered
     * policy of the tier when the tier denies by its end (no policy of it matched).
     */
    static double orderBefore(ClusterState state, String tier, List<Denial> denials) {
        List<CalicoPolicy> inTier = state.calicoPolicies().stream()
                .filter(p -> p.tier().equals(tier) && !p.kind().staged())
                .toList();
        Double deny = null;
        for (Denial d : denials) {
            if (PolicyHit.END_OF_TIER.equals(d.hit().kind())) {
                continue;
            }
            for (CalicoPolicy p : inTier) {
                if (p.name().equals(d.hit().name())
                        && java.util.Objects.equals(p.namespace(), d.hit().namespace())
                        && p.order() != null
                        && (deny == null || p.order() < deny)) {
                    deny = p.order();
                }
            }
        }
        if (deny == null) {
            // the tier denies by its end, or by a policy without an order (evaluated after every ordered one)
            double last = inTier.stream()
                    .map(CalicoPolicy::order)
                    .filter(o -> o != null)
                    .mapToDouble(Double::doubleValue)
                    .max()
                    .orElse(0);
            return last + 1;
        }
        double limit = deny;
        double before = inTier.stream()
                .map(CalicoPolicy::order)
                .filter(o -> o != null && o < limit)
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(Math.max(0, limit - 2));
        return before + (limit - before) / 2;
    }
}
