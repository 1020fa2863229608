package dev.tierdeck.tier;

import java.util.List;

/**
 * The rules every developer policy must satisfy. Each rule can be switched off and carries its severity. Ids (used
 * in violations): {@code egress-cidrs}, {@code ingress-all-namespaces}, {@code peer-namespaces},
 * {@code protocols-ports}, {@code required-labels}, {@code max-rules}, {@code pass-log}.
 */
public record GuardrailRules(
        EgressCidrs egressCidrs,
        Simple ingressFromAllNamespaces,
        Simple peerNamespaces,
        ProtocolsAndPorts protocolsAndPorts,
        RequiredLabels requiredLabels,
        MaxRules maxRules,
        PassAndLog passAndLog) {

    /** The rules before any admin has saved a version. */
    public static final GuardrailRules DEFAULTS = new GuardrailRules(
            new EgressCidrs(true, Severity.BLOCK, List.of()),
            new Simple(true, Severity.BLOCK),
            new Simple(true, Severity.REQUIRE_APPROVAL),
            new ProtocolsAndPorts(true, Severity.BLOCK, List.of("TCP", "UDP"), List.of("1:65535")),
            new RequiredLabels(true, Severity.BLOCK, List.of()),
            new MaxRules(true, Severity.BLOCK, 20),
            new PassAndLog(true, Severity.BLOCK, List.of(), List.of()));

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
}
