package dev.tierdeck.tier;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The rules every developer policy must satisfy. Each rule can be switched off and carries its severity. Ids (used
 * in violations): {@code egress-cidrs}, {@code ingress-all-namespaces}, {@code peer-namespaces},
 * {@code protocols-ports}, {@code required-labels}, {@code max-rules}, {@code pass-log}, {@code loosening},
 * {@code promotion-evidence}.
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
        Loosening loosening,
        PromotionEvidence promotionEvidence) {

    /** The rules before any admin has saved a version. */
    public static final GuardrailRules DEFAULTS = new GuardrailRules(
            new EgressCidrs(true, Severity.BLOCK, List.of()),
            new Simple(true, Severity.BLOCK),
            new Simple(true, Severity.REQUIRE_APPROVAL),
            new ProtocolsAndPorts(true, Severity.BLOCK, List.of(), List.of()),
            new RequiredLabels(true, Severity.BLOCK, List.of()),
            new MaxRules(true, Severity.BLOCK, 20),
            new PassAndLog(true, Severity.BLOCK, List.of(), List.of()),
            Loosening.DEFAULT,
            PromotionEvidence.DEFAULT);

    public GuardrailRules {
        // a version stored before a guardrail existed carries none: it gets that guardrail's default
        loosening = loosening == null ? Loosening.DEFAULT : loosening;
        promotionEvidence = promotionEvidence == null ? PromotionEvidence.DEFAULT : promotionEvidence;
    }

    /** The rules with the promotion-evidence guardrail at its default (off). */
    public GuardrailRules(
            EgressCidrs egressCidrs,
            Simple ingressFromAllNamespaces,
            Simple peerNamespaces,
            ProtocolsAndPorts protocolsAndPorts,
            RequiredLabels requiredLabels,
            MaxRules maxRules,
            PassAndLog passAndLog,
            Loosening loosening) {
        this(
                egressCidrs,
                ingressFromAllNamespaces,
                peerNamespaces,
                protocolsAndPorts,
                requiredLabels,
                maxRules,
                passAndLog,
                loosening,
                PromotionEvidence.DEFAULT);
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
                Loosening.DEFAULT,
                PromotionEvidence.DEFAULT);
    }

    /**
     * What the egress Allow rules of a policy reach outside the cluster, taken together. With CIDRs in
     * {@code allowed}, every address they reach (pods' own addresses aside) must lie inside them. Without, they may
     * reach at most as many public addresses as one {@code /publicPrefixV4} block (IPv4) or one
     * {@code /publicPrefixV6} block (IPv6) holds; 0 lifts the limit. A destination without any peer restriction is
     * every address.
     *
     * @param publicPrefixV4 the IPv4 limit as a prefix length, 8 (16,777,216 addresses) when not given
     * @param publicPrefixV6 the IPv6 limit as a prefix length, 32 when not given
     */
    public record EgressCidrs(
            boolean enabled,
            Severity severity,
            List<String> allowed,
            @Nullable Integer publicPrefixV4,
            @Nullable Integer publicPrefixV6) {

        public static final int DEFAULT_PUBLIC_PREFIX_V4 = 8;
        public static final int DEFAULT_PUBLIC_PREFIX_V6 = 32;

        public EgressCidrs {
            allowed = allowed == null ? List.of() : List.copyOf(allowed);
            publicPrefixV4 = publicPrefixV4 == null ? DEFAULT_PUBLIC_PREFIX_V4 : publicPrefixV4;
            publicPrefixV6 = publicPrefixV6 == null ? DEFAULT_PUBLIC_PREFIX_V6 : publicPrefixV6;
        }

        /** With the default public-address limits. */
        public EgressCidrs(boolean enabled, Severity severity, List<String> allowed) {
            this(enabled, severity, allowed, null, null);
        }
    }

    /** A rule with no parameters: {@code ingress-all-namespaces} and {@code peer-namespaces}. */
    public record Simple(boolean enabled, Severity severity) {}

    /**
     * Allow rules may only let through these protocols (Calico names or numbers) and, on TCP, UDP and SCTP, these
     * destination ports ({@code 443} or {@code 8000:8999}); an empty list allows every protocol or every port. A rule
     * without a protocol lets every protocol through, one without ports every port, and a named port stands for the
     * numbers the pods declare for it.
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

    /**
     * Promotion on evidence: a staged policy is promoted without an approver only once it has been staged for at
     * least {@code minStagedMinutes} and, over that time, Calico's pending verdicts for it newly deny at most
     * {@code maxNewDenials} observed flows that are allowed today. Short of that, promotion asks an approver or is
     * refused, per the severity. Off until an admin turns it on.
     */
    public record PromotionEvidence(boolean enabled, Severity severity, int minStagedMinutes, int maxNewDenials) {
        /** Off; when turned on: a day staged, no observed flow newly denied, or an approver decides. */
        public static final PromotionEvidence DEFAULT =
                new PromotionEvidence(false, Severity.REQUIRE_APPROVAL, 24 * 60, 0);
    }
}
