package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.Port;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Encodes a v1alpha2 ClusterNetworkPolicy. */
final class ClusterPolicyWriter {

    private ClusterPolicyWriter() {}

    static Map<String, Object> write(ClusterNetworkPolicy p) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tier", p.tier());
        spec.put("priority", p.priority());
        Map<String, Object> subject = new LinkedHashMap<>();
        if (p.subject().namespaces() != null) {
            subject.put("namespaces", ManifestWriter.labelSelector(p.subject().namespaces()));
        }
        if (p.subject().pods() != null) {
            subject.put("pods", pods(p.subject().pods()));
        }
        spec.put("subject", subject);
        ManifestWriter.put(
                spec, "ingress", p.ingress().stream().map(r -> rule(r, "from")).toList());
        ManifestWriter.put(
                spec, "egress", p.egress().stream().map(r -> rule(r, "to")).toList());
        return ManifestWriter.object(
                "policy.networking.k8s.io/v1alpha2", "ClusterNetworkPolicy", p.name(), null, Map.of(), spec);
    }

    private static Map<String, Object> pods(ClusterNetworkPolicy.PodPeer pods) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("namespaceSelector", ManifestWriter.labelSelector(pods.namespaceSelector()));
        m.put("podSelector", ManifestWriter.labelSelector(pods.podSelector()));
        return m;
    }

    private static Map<String, Object> rule(ClusterNetworkPolicy.ClusterRule r, String peersKey) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (!r.name().isEmpty()) {
            m.put("name", r.name());
        }
        m.put("action", r.action());
        List<Object> peers = new ArrayList<>();
        for (ClusterNetworkPolicy.Peer peer : r.peers()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            if (peer.namespaces() != null) {
                pm.put("namespaces", ManifestWriter.labelSelector(peer.namespaces()));
            } else if (peer.pods() != null) {
                pm.put("pods", pods(peer.pods()));
            } else if (!peer.networks().isEmpty()) {
                pm.put("networks", peer.networks());
            } else if (peer.unsupported() != null) {
                pm.put(peer.unsupported(), Map.of());
            }
            peers.add(pm);
        }
        m.put(peersKey, peers);
        List<Object> protocols = new ArrayList<>();
        for (ClusterNetworkPolicy.ProtocolPort pp : r.protocols()) {
            if (pp.protocol() == null) {
                protocols.add(Map.of("destinationNamedPort", ((Port.Named) pp.port()).name()));
                continue;
            }
            Map<String, Object> match = new LinkedHashMap<>();
            if (pp.port() instanceof Port.Range range) {
                match.put(
                        "destinationPort",
                        range.first() == range.last()
                                ? Map.of("number", range.first())
                                : Map.of("range", Map.of("start", range.first(), "end", range.last())));
            }
            protocols.add(Map.of(pp.protocol().name().toLowerCase(java.util.Locale.ROOT), match));
        }
        ManifestWriter.put(m, "protocols", protocols);
        return m;
    }
}
