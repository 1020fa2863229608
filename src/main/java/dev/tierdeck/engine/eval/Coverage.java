package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.RuleAction;
import org.jspecify.annotations.Nullable;

/**
 * Whether any tier can end a pod's traffic in a deny, per direction, read from the compiled policy lists: the walk of
 * calico-semantics §2.1 for every flow at once. A pod is open in a direction when no enforced policy can deny it:
 * only Pass or Allow rules apply, or none, and no tier that selects it ends in its default Deny, so traffic reaches
 * the namespace profile, which allows it (§2.9). Staged policies enforce nothing and are left out (§4.1).
 */
public final class Coverage {

    /**
     * One direction of one pod.
     *
     * @param open no tier can deny the pod's traffic in this direction
     * @param tier the first tier, in evaluation order, that can deny it; {@code null} when open
     */
    public record Direction(boolean open, @Nullable String tier) {

        static final Direction OPEN = new Direction(true, null);

        static Direction coveredBy(String tier) {
            return new Direction(false, tier);
        }
    }

    private Coverage() {}

    /**
     * The coverage of a pod in one direction.
     *
     * @throws UnknownPodException when the cluster has no such pod
     */
    public static Direction of(CompiledCluster cluster, String namespace, String pod, boolean ingress) {
        int id = cluster.index.podId(namespace, pod);
        if (id < 0) {
            throw new UnknownPodException(namespace + "/" + pod);
        }
        int[] list = ingress ? cluster.ingressLists[id] : cluster.egressLists[id];
        CompiledPolicy[] policies = cluster.policies;
        int i = 0;
        while (i < list.length) {
            CompiledPolicy.TierInfo tier = policies[list[i]].tier;
            boolean selected = false;
            boolean passed = false;
            int j = i;
            for (; j < list.length && policies[list[j]].tier.rank() == tier.rank(); j++) {
                CompiledPolicy p = policies[list[j]];
                if (passed || p.staged) {
                    continue;
                }
                selected = true;
                for (CompiledRule r : p.rules(ingress)) {
                    if (r.action == RuleAction.Log || !canMatch(r)) {
                        continue;
                    }
                    if (r.action == RuleAction.Deny) {
                        return Direction.coveredBy(tier.name());
                    }
                    if (matchesEverything(r)) {
                        if (r.action == RuleAction.Allow) {
                            // Nothing after an Allow of everything is ever reached.
                            return Direction.OPEN;
                        }
                        passed = true;
                        break;
                    }
                }
            }
            // Some traffic reaches the end of a tier that selected the pod unless a Pass of everything left it.
            if (selected && !passed && tier.defaultAction() == RuleAction.Deny) {
                return Direction.coveredBy(tier.name());
            }
            i = j;
        }
        return Direction.OPEN;
    }

    /**
     * Whether a rule can match any traffic now: a side whose identity criterion has no member, or that names a
     * service (whose endpoints the model does not hold, as in {@link CompiledRule.Side#matches}), matches nothing.
     */
    private static boolean canMatch(CompiledRule r) {
        return (r.v4 || r.v6) && sideCanMatch(r.source) && sideCanMatch(r.destination);
    }

    private static boolean sideCanMatch(CompiledRule.Side s) {
        if (s.services) {
            return false;
        }
        if (s.peer == null || s.peer.negated()) {
            return true;
        }
        MemberSpec.Members m = s.peer.members();
        return !m.pods().isEmpty() || !m.netsets().isEmpty();
    }

    /** A rule with no criterion at all: it matches every packet of its direction (calico-semantics §2.6). */
    private static boolean matchesEverything(CompiledRule r) {
        return r.v4
                && r.v6
                && r.protocol < 0
                && r.notProtocol < 0
                && r.icmp == null
                && r.notIcmp == null
                && unconstrained(r.source)
                && unconstrained(r.destination);
    }

    private static boolean unconstrained(CompiledRule.Side s) {
        return s.nets.length == 0
                && s.notNets.length == 0
                && !s.hasPorts
                && s.notRanges.length == 0
                && s.notNames.length == 0
                && !s.services
                && s.peer == null;
    }
}
