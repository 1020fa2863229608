package dev.tierdeck.tier;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The guardrails about where a policy's Allow rules send traffic to and accept it from, measured on the
 * {@link Reach} of each direction. Each reports once per direction, at {@code spec.ingress} or {@code spec.egress}:
 * the measure belongs to all the rules together, so splitting, merging or reordering them moves nothing.
 */
final class PeerChecks {

    private final GuardrailContext context;
    private final List<Violation> out;

    PeerChecks(GuardrailContext context, List<Violation> out) {
        this.context = context;
        this.out = out;
    }

    /** Rules whose selectors do not parse cannot be measured: said at the field, under peer-namespaces. */
    void unreadable(Reach reach) {
        GuardrailRules.Simple rule = context.rules().peerNamespaces();
        for (Map.Entry<String, String> e : reach.unreadable().entrySet()) {
            out.add(new Violation(
                    "peer-namespaces",
                    e.getKey(),
                    rule.severity(),
                    "A selector of this peer does not parse (" + e.getValue() + "), so what it reaches cannot be"
                            + " checked.",
                    "Fix the selector syntax."));
        }
    }

    /**
     * Ingress from anywhere: the sources include every namespace (every one the cluster has, or every one there
     * could be) or public addresses.
     */
    void ingressFromAnywhere(Reach reach) {
        GuardrailRules.Simple rule = context.rules().ingressFromAllNamespaces();
        if (!rule.enabled()) {
            return;
        }
        boolean everyNamespace = everyNamespace(reach);
        AddressSet internet = reach.outside().publicPart();
        if (!everyNamespace && internet.isEmpty()) {
            return;
        }
        List<String> from = new ArrayList<>();
        if (everyNamespace) {
            from.add("every namespace");
        }
        if (!internet.isEmpty()) {
            from.add(internet.describePublic());
        }
        out.add(new Violation(
                "ingress-all-namespaces",
                path(reach),
                rule.severity(),
                "The ingress rules admit traffic from " + String.join(" and from ", from) + ".",
                "Name the namespaces or pods that may connect (for example a namespace selector"
                        + " projectcalico.org/name == 'ingress-nginx'); let internet traffic in through the ingress"
                        + " controller."));
    }

    /** What the egress rules reach outside the cluster: inside the allowed list, or few enough public addresses. */
    void egressCidrs(Reach reach) {
        GuardrailRules.EgressCidrs rule = context.rules().egressCidrs();
        if (!rule.enabled()) {
            return;
        }
        if (!rule.allowed().isEmpty()) {
            AddressSet beyond = reach.outside().minus(Reach.blocks(rule.allowed()));
            if (beyond.isEmpty()) {
                return;
            }
            List<String> parts = new ArrayList<>();
            if (!beyond.v4().isEmpty()) {
                parts.add(AddressSet.examples(beyond.v4(), 4));
            }
            if (!beyond.v6().isEmpty()) {
                parts.add(AddressSet.examples(beyond.v6(), 4));
            }
            String allowed = String.join(", ", rule.allowed());
            out.add(new Violation(
                    "egress-cidrs",
                    path(reach),
                    rule.severity(),
                    "The egress rules reach addresses outside the allowed CIDRs (" + allowed + "): "
                            + String.join("; ", parts) + ".",
                    "Limit the destinations to the allowed CIDRs " + allowed + ", or to pods and namespaces."));
            return;
        }
        AddressSet internet = reach.outside().publicPart();
        int p4 = rule.publicPrefixV4();
        int p6 = rule.publicPrefixV6();
        boolean overV4 = p4 > 0 && internet.v4().size().compareTo(BigInteger.ONE.shiftLeft(32 - p4)) > 0;
        boolean overV6 = p6 > 0 && internet.v6().size().compareTo(BigInteger.ONE.shiftLeft(128 - p6)) > 0;
        if (!overV4 && !overV6) {
            return;
        }
        AddressSet over = new AddressSet(
                overV4 ? internet.v4() : AddressRanges.empty(32), overV6 ? internet.v6() : AddressRanges.empty(128));
        List<String> limits = new ArrayList<>();
        if (overV4) {
            limits.add(AddressSet.amount(BigInteger.ONE.shiftLeft(32 - p4)) + " IPv4 (one /" + p4 + ")");
        }
        if (overV6) {
            limits.add(AddressSet.amount(BigInteger.ONE.shiftLeft(128 - p6)) + " IPv6 (one /" + p6 + ")");
        }
        out.add(new Violation(
                "egress-cidrs",
                path(reach),
                rule.severity(),
                "The egress rules reach " + over.describePublic() + "; at most " + String.join(" and ", limits)
                        + " public addresses are allowed.",
                "Name the networks you need (at most a /" + p4 + " of public IPv4 or a /" + p6
                        + " of public IPv6 addresses), or pods and namespaces."));
    }

    /**
     * Peers must be in the team's own namespaces (calico-semantics §2.8): the namespaces the rules' selectors can
     * reach now or in principle, the namespaces of the pods they reach by address, and non-namespaced peers.
     */
    void peerNamespaces(Reach reach) {
        GuardrailRules.Simple rule = context.rules().peerNamespaces();
        if (!rule.enabled()) {
            return;
        }
        Set<String> foreign = new TreeSet<>(reach.namespaces());
        foreign.removeAll(context.teamNamespaces());
        boolean every = reach.everyNamespace() || (everyNamespaceNow(reach) && !foreign.isEmpty());
        if (foreign.isEmpty() && !every && !reach.nonNamespaced()) {
            return;
        }
        List<String> where = new ArrayList<>();
        if (every) {
            where.add("every namespace");
        } else {
            where.addAll(foreign);
        }
        if (reach.nonNamespaced()) {
            where.add("non-namespaced endpoints and network sets");
        }
        String team = context.teamNamespaces().isEmpty()
                ? "(your teams own none)"
                : String.join(", ", new TreeSet<>(context.teamNamespaces()));
        out.add(new Violation(
                "peer-namespaces",
                path(reach),
                rule.severity(),
                "The " + direction(reach) + " rules reach peers outside your team's namespaces: "
                        + String.join(", ", where) + ".",
                rule.severity() == Severity.BLOCK
                        ? "Limit the peers to your team's namespaces: " + team + "."
                        : "Limit the peers to your team's namespaces (" + team + "), or submit the change for"
                                + " approval."));
    }

    /** Every namespace there could be, or every namespace the cluster has (when it has more than the policy's). */
    private boolean everyNamespace(Reach reach) {
        return reach.everyNamespace()
                || (everyNamespaceNow(reach) && context.namespaceLabels().size() > 1);
    }

    private boolean everyNamespaceNow(Reach reach) {
        return !context.namespaceLabels().isEmpty()
                && reach.namespaces().containsAll(context.namespaceLabels().keySet());
    }

    static String path(Reach reach) {
        return path(reach.ingress());
    }

    static String path(boolean ingress) {
        return ingress ? "spec.ingress" : "spec.egress";
    }

    private static String direction(Reach reach) {
        return reach.ingress() ? "ingress" : "egress";
    }
}
