package dev.tierdeck.tier;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.selector.Labels;
import dev.tierdeck.engine.selector.ParseResult;
import dev.tierdeck.engine.selector.Selector;
import dev.tierdeck.engine.selector.Selectors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** The guardrails about a rule's peer: where Allow rules may send to and accept from. */
final class PeerChecks {

    /** The label Calico gives every namespace profile (calico-semantics §2.5). */
    private static final String NAMESPACE_NAME = "projectcalico.org/name";

    private final CalicoPolicy policy;
    private final GuardrailContext context;
    private final List<Violation> out;

    PeerChecks(CalicoPolicy policy, GuardrailContext context, List<Violation> out) {
        this.policy = policy;
        this.context = context;
        this.out = out;
    }

    /**
     * {@code namespaceSelector: all()} admits every namespace; a source without any peer field admits every packet
     * from anywhere, because an empty entity rule matches everything (calico-semantics §2.6).
     */
    void ingressFromAllNamespaces(EntityRule source, String path) {
        GuardrailRules.Simple rule = context.rules().ingressFromAllNamespaces();
        if (!rule.enabled()) {
            return;
        }
        if (parsed(source.namespaceSelector()) instanceof Selector.All) {
            out.add(new Violation(
                    "ingress-all-namespaces",
                    path + ".namespaceSelector",
                    rule.severity(),
                    "namespaceSelector all() accepts traffic from every namespace.",
                    "Name the namespaces that may connect, e.g. projectcalico.org/name == 'ingress-nginx'."));
        } else if (unrestricted(source)) {
            out.add(new Violation(
                    "ingress-all-namespaces",
                    path,
                    rule.severity(),
                    "The rule has no source, so it accepts traffic from every namespace and from outside the"
                            + " cluster.",
                    "Add a source: a pod selector, a namespace selector or the CIDRs that may connect."));
        }
    }

    /** CIDRs of Allow egress rules must lie inside the allowed list; without a list, catch-alls are refused. */
    void egressCidrs(EntityRule destination, String path) {
        GuardrailRules.EgressCidrs rule = context.rules().egressCidrs();
        if (!rule.enabled()) {
            return;
        }
        String allowedText = rule.allowed().isEmpty() ? "" : " (allowed: " + String.join(", ", rule.allowed()) + ")";
        if (unrestricted(destination)
                || (destination.nets().isEmpty() && !destination.notNets().isEmpty() && !hasIdentity(destination))) {
            out.add(new Violation(
                    "egress-cidrs",
                    path,
                    rule.severity(),
                    "The rule allows egress to every address, including 0.0.0.0/0" + allowedText + ".",
                    "Add destination nets inside the allowed CIDRs, or a pod or namespace selector."));
            return;
        }
        List<String> nets = destination.nets();
        for (int j = 0; j < nets.size(); j++) {
            String text = nets.get(j);
            Cidr cidr = Cidr.parse(text);
            String field = path + ".nets[" + j + "]";
            if (cidr == null) {
                out.add(new Violation(
                        "egress-cidrs",
                        field,
                        rule.severity(),
                        "'" + text + "' is not a CIDR, so it cannot be checked against the allowed list.",
                        "Write an address block such as 10.20.0.0/16."));
            } else if (!permitted(cidr, rule.allowed())) {
                out.add(new Violation(
                        "egress-cidrs",
                        field,
                        rule.severity(),
                        "Egress to " + cidr + " is outside the allowed CIDRs" + allowedText + ".",
                        rule.allowed().isEmpty()
                                ? "Name the networks you need instead of 0.0.0.0/0 or ::/0."
                                : "Use a CIDR inside " + String.join(", ", rule.allowed()) + "."));
            }
        }
    }

    /**
     * Peers must be in the team's own namespaces (calico-semantics §2.8): an empty namespaceSelector keeps a
     * namespaced policy's selectors in its own namespace; {@code global()} reaches non-namespaced endpoints; an
     * expression is resolved against the cluster's namespaces; a global policy's bare selector spans them all.
     */
    void peerNamespaces(EntityRule peer, String path) {
        GuardrailRules.Simple rule = context.rules().peerNamespaces();
        if (!rule.enabled()) {
            return;
        }
        if (peer.services() != null && peer.services().namespace() != null) {
            String namespace = peer.services().namespace();
            if (!context.teamNamespaces().contains(namespace)) {
                outside(rule, path + ".services.namespace", Set.of(namespace));
            }
        }
        String text = peer.namespaceSelector();
        if (text == null || text.isBlank()) {
            boolean selects = peer.selector() != null || peer.notSelector() != null || peer.serviceAccounts() != null;
            if (policy.namespace() == null && selects) {
                outside(rule, path + ".selector", Set.of("every namespace"));
            } else if (policy.namespace() != null
                    && selects
                    && !context.teamNamespaces().contains(policy.namespace())) {
                outside(rule, path + ".selector", Set.of(policy.namespace()));
            }
            return;
        }
        switch (Selectors.parse(text)) {
            case ParseResult.Error error ->
                out.add(new Violation(
                        "peer-namespaces",
                        path + ".namespaceSelector",
                        rule.severity(),
                        "The namespace selector does not parse (" + error.message() + " at " + error.position()
                                + "), so the namespaces it reaches cannot be checked.",
                        "Fix the selector syntax."));
            case ParseResult.Ok ok
            when ok.selector() instanceof Selector.Global ->
                outside(rule, path + ".namespaceSelector", Set.of("non-namespaced endpoints and network sets"));
            case ParseResult.Ok ok
            when ok.selector() instanceof Selector.All ->
                outside(rule, path + ".namespaceSelector", Set.of("every namespace"));
            case ParseResult.Ok ok -> {
                Set<String> foreign = new TreeSet<>();
                context.namespaceLabels().forEach((name, labels) -> {
                    if (ok.selector().matches(namespaceLabels(name, labels))
                            && !context.teamNamespaces().contains(name)) {
                        foreign.add(name);
                    }
                });
                if (!foreign.isEmpty()) {
                    outside(rule, path + ".namespaceSelector", foreign);
                }
            }
        }
    }

    private void outside(GuardrailRules.Simple rule, String field, Set<String> where) {
        String team = context.teamNamespaces().isEmpty()
                ? "(your teams own none)"
                : String.join(", ", new TreeSet<>(context.teamNamespaces()));
        out.add(new Violation(
                "peer-namespaces",
                field,
                rule.severity(),
                "The rule reaches peers outside your team's namespaces: " + String.join(", ", where) + ".",
                rule.severity() == Severity.BLOCK
                        ? "Limit the peers to your team's namespaces: " + team + "."
                        : "Limit the peers to your team's namespaces (" + team + "), or submit the change for"
                                + " approval."));
    }

    private static Labels namespaceLabels(String name, Map<String, String> labels) {
        Map<String, String> all = new HashMap<>(labels);
        all.putIfAbsent(NAMESPACE_NAME, name);
        return Labels.of(all);
    }

    private static @Nullable Selector parsed(@Nullable String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        return Selectors.parse(text) instanceof ParseResult.Ok ok ? ok.selector() : null;
    }

    private static boolean hasIdentity(EntityRule e) {
        return e.selector() != null
                || e.notSelector() != null
                || (e.namespaceSelector() != null && !e.namespaceSelector().isBlank())
                || e.serviceAccounts() != null
                || e.services() != null;
    }

    /** No peer field at all: ports may be set, but any address matches. */
    private static boolean unrestricted(EntityRule e) {
        return e.nets().isEmpty() && e.notNets().isEmpty() && !hasIdentity(e);
    }

    private static boolean permitted(Cidr cidr, List<String> allowed) {
        if (allowed.isEmpty()) {
            return !cidr.isCatchAll();
        }
        for (String text : allowed) {
            Cidr a = Cidr.parse(text);
            if (a != null && a.v6() == cidr.v6() && a.prefix() <= cidr.prefix() && a.contains(cidr.address())) {
                return true;
            }
        }
        return false;
    }
}
