package dev.tierdeck.tier;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a policy against the guardrails. Pure: no I/O, no Spring, the same answer for the same input, so the form
 * editor can run it on every keystroke and the server again before staging and promotion. Rules of every direction
 * are checked in order; violations come back in that order, never as exceptions.
 */
public final class GuardrailCheck {

    private GuardrailCheck() {}

    /** Every guardrail the policy breaks; empty when it satisfies all of them. */
    public static List<Violation> check(CalicoPolicy policy, GuardrailContext context) {
        GuardrailRules rules = context.rules();
        List<Violation> out = new ArrayList<>();
        requiredLabels(rules.requiredLabels(), context, out);
        maxRules(rules.maxRules(), policy, out);
        checkRules(policy, context, "ingress", policy.ingress(), out);
        checkRules(policy, context, "egress", policy.egress(), out);
        return List.copyOf(out);
    }

    /** Whether any of the violations blocks the change outright (as opposed to needing approval). */
    public static boolean blocks(List<Violation> violations) {
        return violations.stream().anyMatch(Violation::blocks);
    }

    private static void checkRules(
            CalicoPolicy policy, GuardrailContext context, String direction, List<Rule> list, List<Violation> out) {
        boolean ingress = direction.equals("ingress");
        PeerChecks peers = new PeerChecks(policy, context, out);
        for (int i = 0; i < list.size(); i++) {
            Rule rule = list.get(i);
            String path = "spec." + direction + "[" + i + "]";
            passAndLog(context.rules().passAndLog(), policy, rule, path, out);
            if (rule.action() != RuleAction.Allow) {
                // Deny narrows what is allowed; Pass and Log have their own guardrail.
                continue;
            }
            protocolsAndPorts(context.rules().protocolsAndPorts(), rule, path, out);
            if (ingress) {
                peers.ingressFromAllNamespaces(rule.source(), path + ".source");
                peers.peerNamespaces(rule.source(), path + ".source");
            } else {
                peers.egressCidrs(rule.destination(), path + ".destination");
                peers.peerNamespaces(rule.destination(), path + ".destination");
            }
        }
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

    private static void protocolsAndPorts(
            GuardrailRules.ProtocolsAndPorts rule, Rule r, String path, List<Violation> out) {
        if (!rule.enabled()) {
            return;
        }
        Protocol protocol = r.protocol();
        if (protocol != null
                && rule.protocols().stream()
                        .map(Protocol::parse)
                        .noneMatch(p -> p != null && p.number() == protocol.number())) {
            out.add(new Violation(
                    "protocols-ports",
                    path + ".protocol",
                    rule.severity(),
                    "The protocol " + protocol + " is not allowed; allowed: " + String.join(", ", rule.protocols())
                            + ".",
                    "Use one of " + String.join(", ", rule.protocols()) + "."));
        }
        List<Port> ports = r.destination().ports();
        for (int j = 0; j < ports.size(); j++) {
            if (ports.get(j) instanceof Port.Range range && !portAllowed(range, rule.ports())) {
                out.add(new Violation(
                        "protocols-ports",
                        path + ".destination.ports[" + j + "]",
                        rule.severity(),
                        "The port " + range + " is outside the allowed ports " + String.join(", ", rule.ports()) + ".",
                        "Use a port inside " + String.join(", ", rule.ports()) + "."));
            }
        }
    }

    private static boolean portAllowed(Port.Range range, List<String> allowed) {
        for (String text : allowed) {
            Port.Range a = GuardrailValidation.portRange(text);
            if (a != null && a.first() <= range.first() && range.last() <= a.last()) {
                return true;
            }
        }
        return false;
    }
}
