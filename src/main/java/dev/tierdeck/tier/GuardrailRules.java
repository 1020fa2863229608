package dev.tierdeck.tier;

import java.util.List;

/**
 * The rules every developer policy must satisfy. Each rule can be switched off and carries its severity. Ids (used
 * in violations): {@code egress-cidrs}, {@code ingress-all-namespaces}, {@code peer-namespaces},
 * {@code protocols-ports}, {@code required-labels}, {@code max-rules}, {@code pass-log}, {@code loosening}.
 * Versions saved before a guardrail existed decode with that guardrail's defaults.
 */
public record GuardrailRules(
        EgressCidrs egressCidrs,
        Simple ingressFromAllNamespaces,
        Simple peerNamespaces,
        ProtocolsAndPorts protocolsAndPorts,
        RequiredLabels requiredLabels,
        MaxRules maxRules,
        PassAndLog passAndLog,
        Loosening loosening) {

    /** The rules before any admin has saved a version. */
    public static final GuardrailRules DEFAULTS = new GuardrailRules(
            new EgressCidrs(true, Severity.BLOCK, List.of()),
            new Simple(true, Severity.BLOCK),
            new Simple(true, Severity.REQUIRE_APPROVAL),
            new ProtocolsAndPorts(true, Severity.BLOCK, List.of("TCP", "UDP"), List.of("1:65535")),
            new RequiredLabels(true, Severity.BLOCK, List.of()),
            new MaxRules(true, Severity.BLOCK, 20),
            new PassAndLog(true, Severity.BLOCK, List.of(), List.of()),
            Loosening.DEFAULT);

    public GuardrailRules {
        // a version stored before the loosening guardrail existed carries none: it gets the default
        loosening = loosening == null ? Loosening.DEFAULT : loosening;
    }

    /** The rules that judge a policy's content, with the loosening guardrail at its default. */
    public GuardrailRules(
            EgressCidrs egressCidrs,
            Simple ingressFromAllNamespaces,
            Simple peerNamespaces,
            ProtocolsAndPorts protocolsAndPorts,
            RequiredLabels requiredLabels,
            MaxRules maxRules,
            PassAndLog passAndLog) {
        this(
                egressCidrs,
                ingressFromAllNamespaces,
                peerNamespaces,
                protocolsAndPorts,
                requiredLabels,
                maxRules,
                passAndLog,
                Loosening.DEFAULT);
    }

    /**
     * Allow rules may only send traffic to CIDRs inside {@code allowed}; with an empty list any CIDR but
     * {@code 0.0.0.0/0} and {@code ::/0} is accepted. A destination without any peer restriction counts as
     * everywhere.
     */
    public record EgressCidrs(boolean enabled, Severity severity, List<String> allowed) {
        public EgressCidrs {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
        }
    }

    /** A rule with no parameters: {@code ingress-all-namespaces} and {@code peer-namespaces}. */
    public record Simple(boolean enabled, Severity severity) {}

    /**
     * Allow rules may only name these protocols (Calico names or numbers) and destination ports inside these
     * ranges ({@code 443} or {@code 8000:8999}); named ports are resolved per pod and not checked.
     */
    public record ProtocolsAndPorts(boolean enabled, Severity severity, List<String> protocols, List<String> ports) {
        public ProtocolsAndPorts {
            protocols = protocols == null ? List.of() : List.copyOf(protocols);
            ports = ports == null ? List.of() : List.copyOf(ports);
        }
    }

    /** Label keys every policy must carry in {@code metadata.labels}. */
    public record RequiredLabels(boolean enabled, Severity severity, List<String> labels) {
        public RequiredLabels {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /** The most ingress plus egress rules one policy may have. */
    public record MaxRules(boolean enabled, Severity severity, int max) {}

    /**
     * Namespaces where rules may use the {@code Pass} and {@code Log} actions ({@code *} for every namespace; a
     * global policy needs {@code *}).
     */
    public record PassAndLog(
            boolean enabled, Severity severity, List<String> passAllowedIn, List<String> logAllowedIn) {
        public PassAndLog {
            passAllowedIn = passAllowedIn == null ? List.of() : List.copyOf(passAllowedIn);
            logAllowedIn = logAllowedIn == null ? List.of() : List.copyOf(logAllowedIn);
        }
    }

    /**
     * A change whose preview newly allows observed traffic that is denied today (over the last 24 hours of flows).
     * It measures the withdrawal or rollback of a policy an approver accepted; with {@code everyChange}, every change
     * that newly allows such traffic (edits and adoptions too, approved or not).
     */
    public record Loosening(boolean enabled, Severity severity, boolean everyChange) {
        /** On, asking for an approver, for withdrawals and rollbacks of approved policies. */
        public static final Loosening DEFAULT = new Loosening(true, Severity.REQUIRE_APPROVAL, false);
    }
}
