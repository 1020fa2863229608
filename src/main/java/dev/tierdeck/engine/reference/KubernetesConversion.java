package dev.tierdeck.engine.reference;

import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.IpBlock;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.selector.Selector;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Kubernetes NetworkPolicy (and StagedKubernetesNetworkPolicy) to Calico, as §2.10 describes: tier default,
 * order 1000, pod selectors with the k8s orchestrator clause, one Allow rule per (protocol, peer).
 */
final class KubernetesConversion {

    static final double ORDER = 1000.0;

    private KubernetesConversion() {}

    static RefPolicy convert(KubernetesNetworkPolicy p) {
        List<Rule> ingress = new ArrayList<>();
        for (KubernetesRule rule : p.ingress()) {
            ingress.addAll(rules(rule, true));
        }
        List<Rule> egress = new ArrayList<>();
        for (KubernetesRule rule : p.egress()) {
            egress.addAll(rules(rule, false));
        }
        String kind = p.staged() ? "StagedKubernetesNetworkPolicy" : "KubernetesNetworkPolicy";
        return new RefPolicy(
                Tier.DEFAULT,
                ORDER,
                kind,
                kind,
                p.namespace(),
                p.name(),
                p.staged(),
                podSelector(p.podSelector()),
                null,
                null,
                types(p),
                ingress,
                egress);
    }

    /** Kubernetes defaulting of {@code policyTypes} (§1.7, Tierdeck's rule for files). */
    static Set<PolicyType> types(KubernetesNetworkPolicy p) {
        if (p.policyTypes() != null && !p.policyTypes().isEmpty()) {
            return EnumSet.copyOf(p.policyTypes());
        }
        return p.egress().isEmpty()
                ? EnumSet.of(PolicyType.Ingress)
                : EnumSet.of(PolicyType.Ingress, PolicyType.Egress);
    }

    /**
     * One rule per (protocol, peer): protocols in byte order of their names ({@code ""} = any protocol first), peers
     * in the order written; no ports, or an empty port entry, = any protocol and port; a port entry with a port but
     * no protocol means TCP.
     */
    private static List<Rule> rules(KubernetesRule rule, boolean ingress) {
        Map<String, @Nullable List<Port>> byProtocol = protocolPorts(rule.ports());
        List<@Nullable KubernetesPeer> peers = new ArrayList<>(rule.peers());
        if (peers.isEmpty()) {
            peers.add(null);
        }
        List<Rule> rules = new ArrayList<>();
        for (Map.Entry<String, @Nullable List<Port>> entry : byProtocol.entrySet()) {
            Protocol protocol = entry.getKey().isEmpty() ? null : Protocol.parse(entry.getKey());
            List<Port> ports = entry.getValue() == null ? List.of() : entry.getValue();
            for (KubernetesPeer peer : peers) {
                EntityRule remote = peer(peer, ingress ? List.of() : ports);
                EntityRule local = new EntityRule(
                        List.of(), List.of(), null, null, null, ingress ? ports : List.of(), List.of(), null, null);
                rules.add(new Rule(
                        RuleAction.Allow,
                        null,
                        protocol,
                        null,
                        null,
                        null,
                        ingress ? remote : EntityRule.EMPTY,
                        ingress ? local : remote,
                        null));
            }
        }
        return rules;
    }

    /** Ports grouped by protocol name; a {@code null} list means every port of that protocol. */
    static Map<String, @Nullable List<Port>> protocolPorts(List<KubernetesPort> ports) {
        Map<String, @Nullable List<Port>> byProtocol = new TreeMap<>();
        if (ports.isEmpty()) {
            byProtocol.put("", null);
            return byProtocol;
        }
        for (KubernetesPort port : ports) {
            if (port.protocol() == null && port.port() == null) {
                // An empty port entry means every port of every protocol (§2.10), whatever else is listed.
                Map<String, @Nullable List<Port>> all = new TreeMap<>();
                all.put("", null);
                return all;
            }
            String protocol = (port.protocol() == null ? Protocol.TCP : port.protocol()).name();
            if (port.port() == null) {
                byProtocol.put(protocol, null);
                continue;
            }
            Port calicoPort = port.port();
            if (calicoPort instanceof Port.Range range && port.endPort() != null) {
                calicoPort = new Port.Range(range.first(), port.endPort());
            }
            if (!byProtocol.containsKey(protocol)) {
                byProtocol.put(protocol, new ArrayList<>());
            }
            List<Port> list = byProtocol.get(protocol);
            if (list != null) {
                list.add(calicoPort);
            }
        }
        return byProtocol;
    }

    /** A peer: ipBlock ⇒ nets/notNets; pods and/or namespaces ⇒ selector and namespaceSelector (§2.10). */
    private static EntityRule peer(@Nullable KubernetesPeer peer, List<Port> ports) {
        if (peer == null) {
            return new EntityRule(List.of(), List.of(), null, null, null, ports, List.of(), null, null);
        }
        IpBlock block = peer.ipBlock();
        if (block != null) {
            return new EntityRule(
                    List.of(block.cidr()), block.except(), null, null, null, ports, List.of(), null, null);
        }
        String namespaceSelector =
                peer.namespaceSelector() == null ? null : namespaceSelector(peer.namespaceSelector());
        return new EntityRule(
                List.of(),
                List.of(),
                podSelector(peer.podSelector()),
                null,
                namespaceSelector,
                ports,
                List.of(),
                null,
                null);
    }

    /** {@code projectcalico.org/orchestrator == 'k8s'} AND the label selector's clauses. */
    static String podSelector(@Nullable LabelSelector selector) {
        List<Selector> clauses = new ArrayList<>();
        clauses.add(new Selector.Equals(Member.ORCHESTRATOR, "k8s"));
        if (selector != null) {
            clauses.addAll(clauses(selector));
        }
        return clauses.size() == 1 ? clauses.get(0).toString() : new Selector.And(clauses).toString();
    }

    /** A Kubernetes namespace selector; the empty one is {@code all()}. */
    static String namespaceSelector(LabelSelector selector) {
        List<Selector> clauses = clauses(selector);
        if (clauses.isEmpty()) {
            return "all()";
        }
        return clauses.size() == 1 ? clauses.get(0).toString() : new Selector.And(clauses).toString();
    }

    /** {@code matchLabels} (keys sorted) then {@code matchExpressions}, each as one clause. */
    static List<Selector> clauses(LabelSelector selector) {
        List<Selector> clauses = new ArrayList<>();
        new TreeMap<>(selector.matchLabels()).forEach((k, v) -> clauses.add(new Selector.Equals(k, v)));
        for (LabelSelector.Requirement r : selector.matchExpressions()) {
            clauses.add(
                    switch (r.operator()) {
                        case "In" -> new Selector.In(r.key(), r.values());
                        case "NotIn" -> new Selector.NotIn(r.key(), r.values());
                        case "Exists" -> new Selector.Has(r.key());
                        case "DoesNotExist" -> new Selector.Not(new Selector.Has(r.key()));
                        default -> throw new IllegalArgumentException("unknown operator " + r.operator());
                    });
        }
        return clauses;
    }
}
