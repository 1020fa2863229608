package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.Port;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code spec} of Kubernetes NetworkPolicies and ClusterNetworkPolicies, as {@link ScenarioYaml} writes them. */
final class KubernetesYaml {

    private KubernetesYaml() {}

    static Map<String, Object> networkPolicy(KubernetesNetworkPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("podSelector", selector(p.podSelector()));
        if (p.policyTypes() != null) {
            spec.put("policyTypes", p.policyTypes().stream().map(Enum::name).toList());
        }
        ScenarioYaml.putList(
                spec,
                "ingress",
                p.ingress().stream().map(r -> kubernetesRule(r, "from")).toList());
        ScenarioYaml.putList(
                spec,
                "egress",
                p.egress().stream().map(r -> kubernetesRule(r, "to")).toList());
        if (p.stagedAction() != null) {
            spec.put("stagedAction", p.stagedAction().name());
        }
        return spec;
    }

    private static Map<String, Object> kubernetesRule(KubernetesRule r, String peersField) {
        Map<String, Object> rule = new LinkedHashMap<>();
        ScenarioYaml.putList(
                rule,
                peersField,
                r.peers().stream().map(KubernetesYaml::kubernetesPeer).toList());
        ScenarioYaml.putList(
                rule,
                "ports",
                r.ports().stream().map(KubernetesYaml::kubernetesPort).toList());
        return rule;
    }

    private static Map<String, Object> kubernetesPeer(KubernetesPeer peer) {
        Map<String, Object> map = new LinkedHashMap<>();
        ScenarioYaml.putIf(map, "podSelector", peer.podSelector() == null ? null : selector(peer.podSelector()));
        ScenarioYaml.putIf(
                map, "namespaceSelector", peer.namespaceSelector() == null ? null : selector(peer.namespaceSelector()));
        if (peer.ipBlock() != null) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("cidr", peer.ipBlock().cidr());
            ScenarioYaml.putList(block, "except", peer.ipBlock().except());
            map.put("ipBlock", block);
        }
        return map;
    }

    private static Map<String, Object> kubernetesPort(KubernetesPort port) {
        Map<String, Object> map = new LinkedHashMap<>();
        ScenarioYaml.putIf(
                map,
                "protocol",
                port.protocol() == null ? null : port.protocol().name());
        ScenarioYaml.putIf(map, "port", port.port() == null ? null : ScenarioYaml.port(port.port()));
        ScenarioYaml.putIf(map, "endPort", port.endPort());
        return map;
    }

    private static Map<String, Object> selector(LabelSelector selector) {
        Map<String, Object> map = new LinkedHashMap<>();
        if (!selector.matchLabels().isEmpty()) {
            map.put("matchLabels", selector.matchLabels());
        }
        ScenarioYaml.putList(
                map,
                "matchExpressions",
                selector.matchExpressions().stream()
                        .map(r -> {
                            Map<String, Object> e = new LinkedHashMap<>();
                            e.put("key", r.key());
                            e.put("operator", r.operator());
                            ScenarioYaml.putList(e, "values", r.values());
                            return e;
                        })
                        .toList());
        return map;
    }

    static Map<String, Object> clusterNetworkPolicy(ClusterNetworkPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tier", p.tier());
        spec.put("priority", p.priority());
        Map<String, Object> subject = new LinkedHashMap<>();
        if (p.subject().namespaces() != null) {
            subject.put("namespaces", selector(p.subject().namespaces()));
        } else if (p.subject().pods() != null) {
            subject.put("pods", podPeer(p.subject().pods()));
        }
        spec.put("subject", subject);
        ScenarioYaml.putList(
                spec,
                "ingress",
                p.ingress().stream().map(r -> clusterRule(r, "from")).toList());
        ScenarioYaml.putList(
                spec,
                "egress",
                p.egress().stream().map(r -> clusterRule(r, "to")).toList());
        return spec;
    }

    private static Map<String, Object> podPeer(ClusterNetworkPolicy.PodPeer pods) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("namespaceSelector", selector(pods.namespaceSelector()));
        map.put("podSelector", selector(pods.podSelector()));
        return map;
    }

    private static Map<String, Object> clusterRule(ClusterNetworkPolicy.ClusterRule r, String peersField) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("name", r.name());
        rule.put("action", r.action());
        rule.put(
                peersField,
                r.peers().stream()
                        .map(peer -> {
                            Map<String, Object> map = new LinkedHashMap<>();
                            ScenarioYaml.putIf(
                                    map, "namespaces", peer.namespaces() == null ? null : selector(peer.namespaces()));
                            ScenarioYaml.putIf(map, "pods", peer.pods() == null ? null : podPeer(peer.pods()));
                            ScenarioYaml.putList(map, "networks", peer.networks());
                            if (peer.unsupported() != null) {
                                map.put(peer.unsupported(), Map.of("matchLabels", Map.of("role", "infra")));
                            }
                            return map;
                        })
                        .toList());
        ScenarioYaml.putList(
                rule,
                "protocols",
                r.protocols().stream().map(KubernetesYaml::clusterProtocol).toList());
        return rule;
    }

    private static Map<String, Object> clusterProtocol(ClusterNetworkPolicy.ProtocolPort entry) {
        if (entry.protocol() == null) {
            return Map.of("destinationNamedPort", String.valueOf(entry.port()));
        }
        Map<String, Object> port = new LinkedHashMap<>();
        if (entry.port() instanceof Port.Range r) {
            port.put(
                    "destinationPort",
                    r.first() == r.last()
                            ? Map.of("number", r.first())
                            : Map.of("range", Map.of("start", r.first(), "end", r.last())));
        }
        return Map.of(entry.protocol().name().toLowerCase(Locale.ROOT), port);
    }
}
