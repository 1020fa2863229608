package dev.tierdeck.tier;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a policy against the guardrails. Pure: no I/O, no Spring, the same answer for the same input, so the form
 * editor can run it on every keystroke and the server again before staging and promotion. Violations come back in a
 * stable order, never as exceptions.
 *
 * <p>The guardrails about peers, addresses, protocols and ports judge what the policy allows, not how it is written:
 * each direction's Allow rules are measured together as a {@link Reach}, so a rule written any other way with the
 * same meaning gets the same verdict, message and field ({@code spec.ingress} or {@code spec.egress}).
 */
public final class GuardrailCheck {

    private GuardrailCheck() {}

    /** Every guardrail the policy breaks; empty when it satisfies all of them. */
    public static List<Violation> check(CalicoPolicy policy, GuardrailContext context) {
        GuardrailRules rules = context.rules();
        List<Violation> out = new ArrayList<>();
        requiredLabels(rules.requiredLabels(), context, out);
        maxRules(rules.maxRules(), policy, out);
        ClusterView cluster = ClusterView.of(context.cluster(), context.namespaceLabels());
        PeerChecks peers = new PeerChecks(context, out);
        for (boolean ingress : new boolean[] {true, false}) {
            List<Rule> list = ingress ? policy.ingress() : policy.egress();
            for (int i = 0; i < list.size(); i++) {
                passAndLog(rules.passAndLog(), policy, list.get(i), PeerChecks.path(ingress) + "[" + i + "]", out);
            }
            Reach reach = Reach.of(policy, ingress, cluster);
            if (reach == null) {
                continue;
            }
            peers.unreadable(reach);
            if (ingress) {
                peers.ingressFromAnywhere(reach);
            } else {
                peers.egressCidrs(reach);
            }
            peers.peerNamespaces(reach);
            protocolsAndPorts(rules.protocolsAndPorts(), reach, out);
        }
        return List.copyOf(out);
    }

    /** Whether any of the violations blocks the change outright (as opposed to needing approval). */
    public static boolean blocks(List<Violation> violations) {
        return violations.stream().anyMatch(Violation::blocks);
    }

    private static void requiredLabels(
            GuardrailRules.RequiredLabels rule, GuardrailContext context, List<Violation> out) {
        if (!rule.enabled()) {
            return;
        }
        for (String key : rule.labels()) {
            if (!context.policyLabels().containsKey(key)) {
                out.add(new Violation(
                        "required-labels",
                        "metadata.labels." + key,
                        rule.severity(),
                        "The policy has no label '" + key + "', which every developer policy must carry.",
                        "Add the label '" + key + "' to metadata.labels."));
            }
        }
    }

    private static void maxRules(GuardrailRules.MaxRules rule, CalicoPolicy policy, List<Violation> out) {
        int count = policy.ingress().size() + policy.egress().size();
        if (rule.enabled() && count > rule.max()) {
            out.add(new Violation(
                    "max-rules",
                    "spec",
                    rule.severity(),
                    "The policy has " + count + " rules; at most " + rule.max() + " are allowed.",
                    "Merge rules (several ports or CIDRs fit in one rule) or split the policy in two."));
        }
    }

    private static void passAndLog(
            GuardrailRules.PassAndLog rule, CalicoPolicy policy, Rule r, String path, List<Violation> out) {
        if (!rule.enabled() || (r.action() != RuleAction.Pass && r.action() != RuleAction.Log)) {
            return;
        }
        List<String> where = r.action() == RuleAction.Pass ? rule.passAllowedIn() : rule.logAllowedIn();
        String namespace = policy.namespace();
        if (where.contains("*") || (namespace != null && where.contains(namespace))) {
            return;
        }
        String scope = namespace == null ? "global policies" : "namespace " + namespace;
        out.add(new Violation(
                "pass-log",
                path + ".action",
                rule.severity(),
                "The action " + r.action() + " is not allowed in " + scope + ".",
                r.action() == RuleAction.Pass
                        ? "Use Allow or Deny: Pass hands the decision to the tiers below, which developers do not own."
                        : "Remove the Log rule, or ask an admin to allow Log in this namespace."));
    }

    /**
     * The protocols and destination ports the direction's Allow rules let through, against the allowed lists: a
     * rule without a protocol is every protocol, one without ports every port, ranges that together cover 1-65535
     * are every port, and named ports are the numbers the pods declare.
     */
    private static void protocolsAndPorts(GuardrailRules.ProtocolsAndPorts rule, Reach reach, List<Violation> out) {
        if (!rule.enabled()) {
            return;
        }
        List<Integer> allowedProtocols = new ArrayList<>();
        for (String text : rule.protocols()) {
            Protocol p = Protocol.parse(text);
            if (p != null) {
                allowedProtocols.add(p.number());
            }
        }
        List<int[]> allowedPorts = new ArrayList<>();
        for (String text : rule.ports()) {
            var range = GuardrailValidation.portRange(text);
            if (range != null) {
                allowedPorts.add(new int[] {range.first(), range.last()});
            }
        }
        List<Integer> badProtocols = new ArrayList<>();
        List<String> badPorts = new ArrayList<>();
        for (int p : reach.ports().protocols()) {
            if (!rule.protocols().isEmpty() && !allowedProtocols.contains(p)) {
                badProtocols.add(p);
            } else if (ProtocolPorts.carriesPorts(p) && !rule.ports().isEmpty()) {
                List<int[]> beyond =
                        ProtocolPorts.minus(reach.ports().ports(p), ProtocolPorts.normalised(allowedPorts));
                if (!beyond.isEmpty()) {
                    badPorts.add(ProtocolPorts.name(p) + " " + ProtocolPorts.text(beyond));
                }
            }
        }
        if (badProtocols.isEmpty() && badPorts.isEmpty()) {
            return;
        }
        List<String> what = new ArrayList<>();
        if (!badProtocols.isEmpty()) {
            what.add(protocolList(badProtocols) + " outside the allowed protocols ("
                    + String.join(", ", rule.protocols()) + ")");
        }
        if (!badPorts.isEmpty()) {
            what.add("ports " + String.join("; ", badPorts) + " outside the allowed ports ("
                    + String.join(", ", rule.ports()) + ")");
        }
        String fix = rule.protocols().isEmpty()
                ? "Name the ports, inside " + String.join(", ", rule.ports()) + "."
                : "Name a protocol (" + String.join(", ", rule.protocols()) + ")"
                        + (rule.ports().isEmpty() ? "" : " and ports inside " + String.join(", ", rule.ports()))
                        + ".";
        out.add(new Violation(
                "protocols-ports",
                PeerChecks.path(reach),
                rule.severity(),
                "The " + (reach.ingress() ? "ingress" : "egress") + " rules let through " + String.join(", and ", what)
                        + ".",
                fix));
    }

    /** Protocols in words: up to six by name, then how many more; all but the allowed ones as "every other". */
    private static String protocolList(List<Integer> protocols) {
        if (protocols.size() > 6) {
            List<String> first =
                    protocols.stream().limit(4).map(ProtocolPorts::name).toList();
            return "protocols " + String.join(", ", first) + " and " + (protocols.size() - 4) + " more";
        }
        List<String> names = protocols.stream().map(ProtocolPorts::name).toList();
        return (names.size() == 1 ? "the protocol " : "the protocols ") + String.join(", ", names);
    }
}
