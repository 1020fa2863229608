package dev.tierdeck.engine.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A {@code policy.networking.k8s.io/v1alpha2} ClusterNetworkPolicy (calico-semantics §6).
 *
 * @param tier {@code Admin} or {@code Baseline}
 */
public record ClusterNetworkPolicy(
        String name, String tier, int priority, Subject subject, List<ClusterRule> ingress, List<ClusterRule> egress)
        implements ClusterObject {

    public ClusterNetworkPolicy {
        ingress = List.copyOf(ingress);
        egress = List.copyOf(egress);
    }

    /** The Calico tier the policy lands in. */
    public String calicoTier() {
        return "Admin".equals(tier) ? Tier.KUBE_ADMIN : Tier.KUBE_BASELINE;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("ClusterNetworkPolicy", null, name);
    }

    /** {@code subject}: exactly one of {@code namespaces} or {@code pods}. */
    public record Subject(
            @Nullable LabelSelector namespaces, @Nullable PodPeer pods) {}

    /** {@code pods}: a namespace selector and a pod selector. */
    public record PodPeer(LabelSelector namespaceSelector, LabelSelector podSelector) {}

    /**
     * One rule. {@code action} is Accept, Deny or Pass; {@code protocols} empty = any protocol and port.
     */
    public record ClusterRule(String name, String action, List<Peer> peers, List<ProtocolPort> protocols) {
        public ClusterRule {
            peers = List.copyOf(peers);
            protocols = List.copyOf(protocols);
        }
    }

    /**
     * One peer: {@code namespaces}, {@code pods}, {@code networks}, or an unsupported kind ({@code nodes},
     * {@code domainNames}) that makes the rule fail closed.
     */
    public record Peer(
            @Nullable LabelSelector namespaces,
            @Nullable PodPeer pods,
            List<String> networks,
            @Nullable String unsupported) {
        public Peer {
            networks = List.copyOf(networks);
        }
    }

    /**
     * One {@code protocols} entry: {@code tcp}/{@code udp}/{@code sctp} with a destination port or range, or a
     * {@code destinationNamedPort} ({@code protocol == null}).
     */
    public record ProtocolPort(
            @Nullable Protocol protocol, @Nullable Port port) {}
}
