package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.IpBlock;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.StagedAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Random Kubernetes NetworkPolicies (enforced and staged) and ClusterNetworkPolicies. */
final class RandomKubernetesPolicies {

    private final Dice dice;
    private final int namespaces;
    private final boolean ipv6;

    RandomKubernetesPolicies(Dice dice, int namespaces, boolean ipv6) {
        this.dice = dice;
        this.namespaces = namespaces;
        this.ipv6 = ipv6;
    }

    KubernetesNetworkPolicy networkPolicy() {
        boolean staged = dice.chance(0.25);
        List<KubernetesRule> ingress = new ArrayList<>();
        for (int i = dice.pick(0, 0, 1, 1, 2); i > 0; i--) {
            ingress.add(rule());
        }
        List<KubernetesRule> egress = new ArrayList<>();
        for (int i = dice.pick(0, 0, 1, 2); i > 0; i--) {
            egress.add(rule());
        }
        List<PolicyType> types = dice.pick(
                null,
                null,
                List.of(PolicyType.Ingress),
                List.of(PolicyType.Egress),
                List.of(PolicyType.Ingress, PolicyType.Egress));
        StagedAction stagedAction = staged ? dice.pick(null, StagedAction.Set, StagedAction.Delete) : null;
        String namespace = EdgeCaseScenarios.NAMESPACES.get(dice.below(namespaces));
        String name = dice.pick("np", "web", "a");
        if (stagedAction == StagedAction.Delete) {
            // A staged Delete carries no spec (§1.4).
            return new KubernetesNetworkPolicy(
                    namespace, name, true, stagedAction, LabelSelector.EVERYTHING, null, List.of(), List.of());
        }
        return new KubernetesNetworkPolicy(
                namespace, name, staged, stagedAction, podSelector(), types, ingress, egress);
    }

    private LabelSelector podSelector() {
        return switch (dice.below(6)) {
            case 0, 1 -> LabelSelector.EVERYTHING;
            case 2 -> new LabelSelector(Map.of("app", dice.pick("web", "db", "api")), List.of());
            case 3 ->
                new LabelSelector(
                        Map.of(), List.of(new LabelSelector.Requirement("tier", "In", List.of("front", "back"))));
            case 4 ->
                new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("tier", "DoesNotExist", List.of())));
            default ->
                new LabelSelector(
                        Map.of("app", "web"), List.of(new LabelSelector.Requirement("tier", "NotIn", List.of("back"))));
        };
    }

    private LabelSelector namespaceSelector() {
        return switch (dice.below(4)) {
            case 0 -> LabelSelector.EVERYTHING;
            case 1 -> new LabelSelector(Map.of("team", dice.pick("a", "b")), List.of());
            case 2 -> new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("env", "Exists", List.of())));
            default -> new LabelSelector(Map.of("kubernetes.io/metadata.name", dice.pick("alpha", "beta")), List.of());
        };
    }

    private KubernetesRule rule() {
        List<KubernetesPeer> peers = new ArrayList<>();
        for (int i = dice.pick(0, 1, 1, 2); i > 0; i--) {
            peers.add(
                    switch (dice.below(4)) {
                        case 0 -> new KubernetesPeer(podSelector(), null, null);
                        case 1 -> new KubernetesPeer(null, namespaceSelector(), null);
                        case 2 -> new KubernetesPeer(podSelector(), namespaceSelector(), null);
                        default -> new KubernetesPeer(null, null, ipBlock());
                    });
        }
        List<KubernetesPort> ports = new ArrayList<>();
        for (int i = dice.pick(0, 1, 1, 2); i > 0; i--) {
            ports.add(
                    switch (dice.below(7)) {
                        case 6 -> new KubernetesPort(null, null, null);
                        case 0 -> new KubernetesPort(null, Port.Range.of(8080), null);
                        case 1 -> new KubernetesPort(Protocol.UDP, Port.Range.of(53), null);
                        case 2 -> new KubernetesPort(Protocol.TCP, new Port.Named("http"), null);
                        case 3 -> new KubernetesPort(Protocol.TCP, Port.Range.of(8000), 8100);
                        case 4 -> new KubernetesPort(Protocol.UDP, null, null);
                        default -> new KubernetesPort(null, new Port.Named(dice.pick("metrics", "dns")), null);
                    });
        }
        return new KubernetesRule(peers, ports);
    }

    /** An ipBlock whose {@code except} lies inside its CIDR, as validation requires. */
    private IpBlock ipBlock() {
        boolean except = dice.chance(0.4);
        if (ipv6 && dice.chance(0.8)) {
            return dice.chance(0.5)
                    ? new IpBlock("fd00::/16", except ? List.of("fd00::1:0/112") : List.of())
                    : new IpBlock("2001:db8::/32", except ? List.of("2001:db8::/64") : List.of());
        }
        return switch (dice.below(3)) {
            case 0 -> new IpBlock("10.0.0.0/16", except ? List.of("10.0.1.0/24") : List.of());
            case 1 -> new IpBlock("198.51.100.0/24", except ? List.of("198.51.100.128/25") : List.of());
            default -> new IpBlock("0.0.0.0/0", except ? List.of("10.0.1.0/24") : List.of());
        };
    }

    ClusterNetworkPolicy clusterNetworkPolicy() {
        ClusterNetworkPolicy.Subject subject = dice.chance(0.5)
                ? new ClusterNetworkPolicy.Subject(namespaceSelector(), null)
                : new ClusterNetworkPolicy.Subject(
                        null, new ClusterNetworkPolicy.PodPeer(namespaceSelector(), podSelector()));
        List<ClusterNetworkPolicy.ClusterRule> ingress = new ArrayList<>();
        for (int i = dice.pick(0, 1, 1, 2); i > 0; i--) {
            ingress.add(clusterRule(true));
        }
        List<ClusterNetworkPolicy.ClusterRule> egress = new ArrayList<>();
        for (int i = dice.pick(0, 1, 2); i > 0; i--) {
            egress.add(clusterRule(false));
        }
        return new ClusterNetworkPolicy(
                dice.pick("cnp-a", "cnp-b", "a"),
                dice.pick("Admin", "Baseline"),
                dice.pick(0, 10, 10, 1000),
                subject,
                ingress,
                egress);
    }

    private ClusterNetworkPolicy.ClusterRule clusterRule(boolean ingress) {
        List<ClusterNetworkPolicy.Peer> peers = new ArrayList<>();
        for (int i = dice.between(1, 2); i > 0; i--) {
            int kind = dice.below(ingress ? 2 : 3);
            if (dice.chance(0.04)) {
                peers.add(new ClusterNetworkPolicy.Peer(null, null, List.of(), "nodes"));
            } else if (kind == 0) {
                peers.add(new ClusterNetworkPolicy.Peer(namespaceSelector(), null, List.of(), null));
            } else if (kind == 1) {
                peers.add(new ClusterNetworkPolicy.Peer(
                        null, new ClusterNetworkPolicy.PodPeer(namespaceSelector(), podSelector()), List.of(), null));
            } else {
                peers.add(new ClusterNetworkPolicy.Peer(
                        null, null, List.of(ipv6 ? "2001:db8::/32" : dice.pick("203.0.113.0/24", "10.0.0.0/8")), null));
            }
        }
        List<ClusterNetworkPolicy.ProtocolPort> protocols = new ArrayList<>();
        for (int i = dice.pick(0, 0, 1, 2); i > 0; i--) {
            protocols.add(
                    switch (dice.below(4)) {
                        case 0 ->
                            new ClusterNetworkPolicy.ProtocolPort(Protocol.TCP, Port.Range.of(dice.pick(80, 8080)));
                        case 1 -> new ClusterNetworkPolicy.ProtocolPort(Protocol.UDP, Port.Range.of(53));
                        case 2 -> new ClusterNetworkPolicy.ProtocolPort(Protocol.TCP, new Port.Range(8000, 9000));
                        default ->
                            new ClusterNetworkPolicy.ProtocolPort(null, new Port.Named(dice.pick("http", "dns")));
                    });
        }
        return new ClusterNetworkPolicy.ClusterRule(
                dice.pick("r1", "r2"), dice.pick("Accept", "Deny", "Pass"), peers, protocols);
    }
}
