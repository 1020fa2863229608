package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy.ClusterRule;
import dev.tierdeck.engine.model.ClusterNetworkPolicy.Peer;
import dev.tierdeck.engine.model.ClusterNetworkPolicy.ProtocolPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * ClusterNetworkPolicy (v1alpha2) to a Calico global policy, as §6.2 describes: tier kube-admin or kube-baseline,
 * order = priority, Accept/Deny/Pass ⇒ Allow/Deny/Pass, one rule per (protocol, peer), and rules that cannot be
 * converted fail closed.
 */
final class ClusterPolicyConversion {

    private ClusterPolicyConversion() {}

    /** The converted policy, or {@code null} when the tier or subject is invalid (treated as deleted, §6.2). */
    static @Nullable RefPolicy convert(ClusterNetworkPolicy p) {
        String tier = switch (p.tier()) {
            case "Admin" -> Tier.KUBE_ADMIN;
            case "Baseline" -> Tier.KUBE_BASELINE;
            default -> null;
        };
        ClusterNetworkPolicy.Subject subject = p.subject();
        if (tier == null || (subject.namespaces() == null && subject.pods() == null)) {
            return null;
        }
        String namespaceSelector;
        String selector;
        if (subject.namespaces() != null) {
            namespaceSelector = KubernetesConversion.namespaceSelector(subject.namespaces());
            selector = KubernetesConversion.podSelector(null);
        } else {
            namespaceSelector =
                    KubernetesConversion.namespaceSelector(subject.pods().namespaceSelector());
            selector = KubernetesConversion.podSelector(subject.pods().podSelector());
        }
        List<Rule> ingress = new ArrayList<>();
        p.ingress().forEach(rule -> ingress.addAll(rules(rule, true)));
        List<Rule> egress = new ArrayList<>();
        p.egress().forEach(rule -> egress.addAll(rules(rule, false)));
        // Types follow the converted rules; with none, Felix treats the policy as Ingress+Egress (§1.7).
        Set<PolicyType> types = EnumSet.noneOf(PolicyType.class);
        if (!ingress.isEmpty()) {
            types.add(PolicyType.Ingress);
        }
        if (!egress.isEmpty()) {
            types.add(PolicyType.Egress);
        }
        if (types.isEmpty()) {
            types = EnumSet.allOf(PolicyType.class);
        }
        return new RefPolicy(
                tier,
                (double) p.priority(),
                "ClusterNetworkPolicy",
                "KubernetesClusterNetworkPolicy",
                null,
                p.name(),
                false,
                selector,
                namespaceSelector,
                null,
                types,
                ingress,
                egress);
    }

    private static List<Rule> rules(ClusterRule rule, boolean ingress) {
        RuleAction action = switch (rule.action()) {
            case "Accept" -> RuleAction.Allow;
            case "Deny" -> RuleAction.Deny;
            case "Pass" -> RuleAction.Pass;
            default -> null;
        };
        boolean convertible = action != null
                && !rule.peers().isEmpty()
                && rule.peers().stream().allMatch(peer -> supported(peer, ingress));
        if (!convertible) {
            // Fail closed: a Deny or Pass rule becomes a match-all Deny, an Accept rule is dropped (§6.2).
            return action == RuleAction.Deny || action == RuleAction.Pass
                    ? List.of(Rule.of(RuleAction.Deny))
                    : List.of();
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, @Nullable List<Port>> entry :
                protocolPorts(rule.protocols()).entrySet()) {
            Protocol protocol = entry.getKey().isEmpty() ? null : Protocol.parse(entry.getKey());
            List<Port> ports = entry.getValue() == null ? List.of() : entry.getValue();
            for (Peer peer : rule.peers()) {
                EntityRule remote = peer(peer, ingress ? List.of() : ports);
                EntityRule local = ingress
                        ? new EntityRule(List.of(), List.of(), null, null, null, ports, List.of(), null, null)
                        : EntityRule.EMPTY;
                rules.add(new Rule(
                        action,
                        null,
                        protocol,
                        null,
                        null,
                        null,
                        ingress ? remote : local,
                        ingress ? local : remote,
                        null));
            }
        }
        return rules;
    }

    /** Ingress peers are namespaces or pods; egress peers may also be networks; anything else fails closed. */
    private static boolean supported(Peer peer, boolean ingress) {
        if (peer.unsupported() != null) {
            return false;
        }
        return peer.namespaces() != null
                || peer.pods() != null
                || (!ingress && !peer.networks().isEmpty());
    }

    /**
     * Protocol entries grouped by protocol name in byte order; a named port has no protocol ({@code ""}, §2.7); no
     * entries at all = any protocol and port; a protocol without a port = every port of it.
     */
    private static Map<String, @Nullable List<Port>> protocolPorts(List<ProtocolPort> entries) {
        Map<String, @Nullable List<Port>> byProtocol = new TreeMap<>();
        if (entries.isEmpty()) {
            byProtocol.put("", null);
            return byProtocol;
        }
        for (ProtocolPort entry : entries) {
            String protocol = entry.protocol() == null ? "" : entry.protocol().name();
            if (entry.protocol() == null && entry.port() == null) {
                return new TreeMap<>(Map.of("", List.of()));
            }
            if (entry.port() == null) {
                byProtocol.put(protocol, null);
                continue;
            }
            if (!byProtocol.containsKey(protocol)) {
                byProtocol.put(protocol, new ArrayList<>());
            }
            List<Port> list = byProtocol.get(protocol);
            if (list != null) {
                list.add(entry.port());
            }
        }
        return byProtocol;
    }

    /** {@code namespaces} ⇒ namespaceSelector only; {@code pods} ⇒ both selectors; {@code networks} ⇒ nets. */
    private static EntityRule peer(Peer peer, List<Port> ports) {
        String selector = null;
        String namespaceSelector = null;
        if (peer.namespaces() != null) {
            namespaceSelector = KubernetesConversion.namespaceSelector(peer.namespaces());
        }
        if (peer.pods() != null) {
            selector = KubernetesConversion.podSelector(peer.pods().podSelector());
            namespaceSelector =
                    KubernetesConversion.namespaceSelector(peer.pods().namespaceSelector());
        }
        return new EntityRule(
                peer.networks(), List.of(), selector, null, namespaceSelector, ports, List.of(), null, null);
    }
}
