package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Converts Kubernetes NetworkPolicies (calico-semantics §2.10) and ClusterNetworkPolicies (§6.2) into the Calico
 * policies Felix evaluates, so that one evaluator serves every kind. The converted rule order defines
 * {@code ruleIndex}: one rule per (peer, protocol), peers in order, protocols sorted by name.
 */
final class Conversions {

    static final String ORCHESTRATOR_K8S = "projectcalico.org/orchestrator == \"k8s\"";

    private Conversions() {}

    static CalicoPolicy kubernetes(KubernetesNetworkPolicy p) {
        List<Rule> ingress = new ArrayList<>();
        for (KubernetesRule r : p.ingress()) {
            ingress.addAll(rules(r, true));
        }
        List<Rule> egress = new ArrayList<>();
        for (KubernetesRule r : p.egress()) {
            egress.addAll(rules(r, false));
        }
        return new CalicoPolicy(
                p.kind(),
                p.namespace(),
                p.name(),
                Tier.DEFAULT,
                1000.0,
                podSelector(p.podSelector()),
                null,
                null,
                p.effectiveTypes(),
                ingress,
                egress,
                p.stagedAction(),
                false,
                false,
                false);
    }

    /** {@code orchestrator == 'k8s'} AND the label selector (keys sorted, as Calico's conversion does). */
    static String podSelector(LabelSelector s) {
        List<String> parts = new ArrayList<>();
        parts.add(ORCHESTRATOR_K8S);
        parts.addAll(terms(s));
        return String.join(" && ", parts);
    }

    /** A namespace selector; an empty one selects every namespace ({@code all()}). */
    static String namespaceSelector(LabelSelector s) {
        List<String> parts = terms(s);
        return parts.isEmpty() ? "all()" : String.join(" && ", parts);
    }

    private static List<String> terms(LabelSelector s) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, String> e : new TreeMap<>(s.matchLabels()).entrySet()) {
            parts.add(e.getKey() + " == " + quote(e.getValue()));
        }
        for (LabelSelector.Requirement r : s.matchExpressions()) {
            switch (r.operator()) {
                case "In" -> parts.add(r.key() + " in {" + set(r.values()) + "}");
                case "NotIn" -> parts.add(r.key() + " not in {" + set(r.values()) + "}");
                case "Exists" -> parts.add("has(" + r.key() + ")");
                default -> parts.add("!has(" + r.key() + ")");
            }
        }
        return parts;
    }

    private static String set(List<String> values) {
        return String.join(", ", values.stream().map(Conversions::quote).toList());
    }

    static String quote(String v) {
        return v.contains("\"") ? "'" + v + "'" : "\"" + v + "\"";
    }

    private static List<Rule> rules(KubernetesRule r, boolean ingress) {
        // Ports grouped by protocol; an entry without protocol and port allows everything (calico-semantics §2.10).
        TreeMap<String, @Nullable List<Port>> byProtocol = new TreeMap<>();
        boolean all = r.ports().isEmpty();
        for (KubernetesPort port : r.ports()) {
            if (port.protocol() == null && port.port() == null) {
                all = true;
                break;
            }
            String protocol = (port.protocol() == null ? Protocol.TCP : port.protocol()).name();
            Port calicoPort = port.port();
            if (calicoPort instanceof Port.Range range && port.endPort() != null) {
                calicoPort = new Port.Range(range.first(), port.endPort());
            }
            addPort(byProtocol, protocol, calicoPort);
        }
        if (all) {
            byProtocol.clear();
            byProtocol.put("", null);
        }
        List<Rule> out = new ArrayList<>();
        List<@Nullable KubernetesPeer> peers = new ArrayList<>(r.peers());
        if (peers.isEmpty()) {
            peers.add(null);
        }
        // Protocols outer, peers inner: that order defines the converted rule indexes.
        for (Map.Entry<String, @Nullable List<Port>> e : byProtocol.entrySet()) {
            for (KubernetesPeer peer : peers) {
                EntityRule remote = peer == null ? EntityRule.EMPTY : peer(peer);
                out.add(rule(RuleAction.Allow, e.getKey(), e.getValue(), remote, ingress));
            }
        }
        return out;
    }

    /** Adds a port to its protocol's list; {@code null} (all ports) wins over any list. */
    private static void addPort(
            TreeMap<String, @Nullable List<Port>> byProtocol, String protocol, @Nullable Port port) {
        if (port == null) {
            byProtocol.put(protocol, null);
            return;
        }
        if (byProtocol.containsKey(protocol) && byProtocol.get(protocol) == null) {
            return;
        }
        byProtocol.computeIfAbsent(protocol, k -> new ArrayList<>()).add(port);
    }

    private static Rule rule(
            RuleAction action, String protocol, @Nullable List<Port> ports, EntityRule remote, boolean ingress) {
        Protocol p = protocol.isEmpty() ? null : Protocol.parse(protocol);
        List<Port> portList = ports == null ? List.of() : ports;
        EntityRule local = new EntityRule(List.of(), List.of(), null, null, null, portList, List.of(), null, null);
        if (ingress) {
            return new Rule(action, null, p, null, null, null, remote, local, null);
        }
        EntityRule dst = new EntityRule(
                remote.nets(),
                remote.notNets(),
                remote.selector(),
                null,
                remote.namespaceSelector(),
                portList,
                List.of(),
                null,
                null);
        return new Rule(action, null, p, null, null, null, EntityRule.EMPTY, dst, null);
    }

    private static EntityRule peer(KubernetesPeer peer) {
        if (peer.ipBlock() != null) {
            return new EntityRule(
                    List.of(peer.ipBlock().cidr()),
                    peer.ipBlock().except(),
                    null,
                    null,
                    null,
                    List.of(),
                    List.of(),
                    null,
                    null);
        }
        String selector = podSelector(peer.podSelector() == null ? LabelSelector.EVERYTHING : peer.podSelector());
        String ns = peer.namespaceSelector() == null ? null : namespaceSelector(peer.namespaceSelector());
        return new EntityRule(List.of(), List.of(), selector, null, ns, List.of(), List.of(), null, null);
    }

    /**
     * A ClusterNetworkPolicy as the GlobalNetworkPolicy Calico makes of it: tier kube-admin or kube-baseline, order =
     * priority, types from the rule lists present (calico-semantics §6.2).
     */
    static CalicoPolicy cluster(ClusterNetworkPolicy p) {
        String selector;
        String nsSelector;
        if (p.subject().namespaces() != null) {
            selector = ORCHESTRATOR_K8S;
            nsSelector = namespaceSelector(p.subject().namespaces());
        } else {
            ClusterNetworkPolicy.PodPeer pods = p.subject().pods();
            selector = podSelector(pods == null ? LabelSelector.EVERYTHING : pods.podSelector());
            nsSelector = namespaceSelector(pods == null ? LabelSelector.EVERYTHING : pods.namespaceSelector());
        }
        List<PolicyType> types = new ArrayList<>();
        if (!p.ingress().isEmpty()) {
            types.add(PolicyType.Ingress);
        }
        if (!p.egress().isEmpty()) {
            types.add(PolicyType.Egress);
        }
        if (types.isEmpty()) {
            // Felix treats a policy without types as both directions (calico-semantics §1.7).
            types = List.of(PolicyType.Ingress, PolicyType.Egress);
        }
        List<Rule> ingress = new ArrayList<>();
        p.ingress().forEach(r -> ingress.addAll(clusterRules(r, true)));
        List<Rule> egress = new ArrayList<>();
        p.egress().forEach(r -> egress.addAll(clusterRules(r, false)));
        return new CalicoPolicy(
                PolicyKind.ClusterNetworkPolicy,
                null,
                p.name(),
                p.calicoTier(),
                (double) p.priority(),
                selector,
                nsSelector,
                null,
                types,
                ingress,
                egress,
                null,
                false,
                false,
                false);
    }

    private static List<Rule> clusterRules(ClusterNetworkPolicy.ClusterRule r, boolean ingress) {
        RuleAction action = switch (r.action()) {
            case "Accept" -> RuleAction.Allow;
            case "Pass" -> RuleAction.Pass;
            default -> RuleAction.Deny;
        };
        if (r.peers().stream().anyMatch(p -> p.unsupported() != null)) {
            // Unsupported peers fail closed: an Accept rule matches nothing, Deny/Pass deny everything (§6.2).
            return action == RuleAction.Allow ? List.of() : List.of(Rule.of(RuleAction.Deny));
        }
        TreeMap<String, @Nullable List<Port>> byProtocol = new TreeMap<>();
        if (r.protocols().isEmpty()) {
            byProtocol.put("", null);
        }
        for (ClusterNetworkPolicy.ProtocolPort pp : r.protocols()) {
            addPort(byProtocol, pp.protocol() == null ? "" : pp.protocol().name(), pp.port());
        }
        List<EntityRule> remotes = new ArrayList<>();
        for (ClusterNetworkPolicy.Peer peer : r.peers()) {
            EntityRule remote;
            if (peer.namespaces() != null) {
                // A namespaces peer carries no orchestrator clause, so namespaced NetworkSets match too (§6.2).
                remote = new EntityRule(
                        List.of(),
                        List.of(),
                        null,
                        null,
                        namespaceSelector(peer.namespaces()),
                        List.of(),
                        List.of(),
                        null,
                        null);
            } else if (peer.pods() != null) {
                remote = new EntityRule(
                        List.of(),
                        List.of(),
                        podSelector(peer.pods().podSelector()),
                        null,
                        namespaceSelector(peer.pods().namespaceSelector()),
                        List.of(),
                        List.of(),
                        null,
                        null);
            } else {
                remote = new EntityRule(peer.networks(), List.of(), null, null, null, List.of(), List.of(), null, null);
            }
            remotes.add(remote);
        }
        List<Rule> out = new ArrayList<>();
        for (Map.Entry<String, @Nullable List<Port>> e : byProtocol.entrySet()) {
            for (EntityRule remote : remotes) {
                out.add(rule(action, e.getKey(), e.getValue(), remote, ingress));
            }
        }
        return out;
    }
}
