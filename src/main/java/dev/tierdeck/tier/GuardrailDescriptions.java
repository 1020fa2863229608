package dev.tierdeck.tier;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each guardrail measures, in words, with the parameters in force: shown on the guardrails page and served
 * with the guardrails by the API, so that an admin reads what a setting does rather than how it is checked.
 */
final class GuardrailDescriptions {

    private GuardrailDescriptions() {}

    static List<GuardrailDescription> of(GuardrailRules rules) {
        List<GuardrailDescription> out = new ArrayList<>();
        out.add(new GuardrailDescription("egress-cidrs", egress(rules.egressCidrs())));
        out.add(new GuardrailDescription(
                "ingress-all-namespaces",
                "Trips when the ingress Allow rules of a policy, taken together, admit traffic from every namespace"
                        + " (every one the cluster has, or every one there could be: namespaceSelector all() or any"
                        + " selector true of every label set) or from any public address."));
        out.add(new GuardrailDescription(
                "peer-namespaces",
                "Trips when Allow rules reach peers outside the author's teams' namespaces: namespaces their"
                        + " selectors can match (today's namespaces, or every namespace for a selector true of every"
                        + " label set), namespaces of the pods they reach by address, services of other namespaces,"
                        + " and global network sets."));
        out.add(new GuardrailDescription("protocols-ports", ports(rules.protocolsAndPorts())));
        out.add(new GuardrailDescription(
                "required-labels",
                "Trips when the policy lacks one of these labels: "
                        + list(rules.requiredLabels().labels(), "none required") + "."));
        out.add(new GuardrailDescription(
                "max-rules",
                "Trips when the policy has more than " + rules.maxRules().max() + " ingress plus egress rules."));
        out.add(new GuardrailDescription(
                "pass-log",
                "Trips when a rule uses Pass outside " + list(rules.passAndLog().passAllowedIn(), "no namespace")
                        + ", or Log outside " + list(rules.passAndLog().logAllowedIn(), "no namespace")
                        + " (* is every namespace)."));
        GuardrailRules.PromotionEvidence evidence = rules.promotionEvidence();
        out.add(new GuardrailDescription(
                PromotionEvidenceGuardrail.ID,
                "Trips at promotion when a staged policy has been staged for less than "
                        + PromotionEvidenceGuardrail.words(java.time.Duration.ofMinutes(evidence.minStagedMinutes()))
                        + ", or when, since it was staged, Calico's pending verdicts for it deny more than "
                        + evidence.maxNewDenials() + " observed flow" + (evidence.maxNewDenials() == 1 ? "" : "s")
                        + " that are allowed today. Admins, and changes an approver accepted, pass it."));
        return out;
    }

    /** The descriptions by guardrail id. */
    static Map<String, String> byId(GuardrailRules rules) {
        Map<String, String> out = new LinkedHashMap<>();
        of(rules).forEach(d -> out.put(d.id(), d.measures()));
        return out;
    }

    private static String egress(GuardrailRules.EgressCidrs rule) {
        String counted = " Addresses are those the rules match: nets minus notNets, the pods and network sets their"
                + " selectors pick, every address when a rule names no destination, less what earlier Deny rules"
                + " take.";
        if (!rule.allowed().isEmpty()) {
            return "Trips when the egress Allow rules of a policy, taken together, reach an address outside "
                    + String.join(", ", rule.allowed()) + " (the cluster's own pods aside)." + counted;
        }
        int p4 = rule.publicPrefixV4();
        int p6 = rule.publicPrefixV6();
        String v4 = p4 == 0
                ? "any number of public IPv4 addresses"
                : "more public IPv4 addresses than one /" + p4 + " holds ("
                        + AddressSet.amount(BigInteger.ONE.shiftLeft(32 - p4)) + ")";
        String v6 = p6 == 0
                ? "any number of public IPv6 addresses"
                : "more public IPv6 addresses than one /" + p6 + " holds";
        String trips = p4 == 0 && p6 == 0
                ? "Never trips: no limit on public addresses is set."
                : "Trips when the egress Allow rules of a policy, taken together, reach " + (p4 == 0 ? "" : v4)
                        + (p4 != 0 && p6 != 0 ? " or " : "") + (p6 == 0 ? "" : v6) + ".";
        return trips + counted + " IPv4 addresses written as IPv6 (mapped or NAT64) count as IPv4.";
    }

    private static String ports(GuardrailRules.ProtocolsAndPorts rule) {
        if (rule.protocols().isEmpty() && rule.ports().isEmpty()) {
            return "Never trips: every protocol and port is allowed.";
        }
        return "Trips when Allow rules let through a protocol outside " + list(rule.protocols(), "any protocol")
                + " or, on TCP, UDP and SCTP, a destination port outside " + list(rule.ports(), "any port")
                + ". A rule without a protocol lets every protocol through and one without ports every port;"
                + " ranges are joined, and a named port counts as the numbers the pods declare for it.";
    }

    private static String list(List<String> values, String none) {
        return values.isEmpty() ? none : String.join(", ", values);
    }
}
