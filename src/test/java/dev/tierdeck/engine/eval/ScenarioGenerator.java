package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpBlock;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.ServiceAccountMatch;
import dev.tierdeck.engine.model.StagedAction;
import dev.tierdeck.engine.model.Tier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Seeded random scenarios for differential testing: a few namespaces, pods with named ports, network sets that
 * overlap pod addresses, tiers with ties, every policy kind with randomly combined rule criteria, and flows.
 */
final class ScenarioGenerator {

    private static final String[] APPS = {"web", "db", "api"};
    private static final String[] SELECTORS = {
        "app == 'web'",
        "app == 'db'",
        "app in {'api', 'web'}",
        "has(tier)",
        "!has(tier)",
        "tier != 'fe'",
        "all()",
        "kind == 'ext'",
        "kind == 'partner'",
        "app == 'api' || kind == 'ext'",
        "projectcalico.org/namespace == 'ns1'"
    };
    private static final String[] NS_SELECTORS = {
        "", "", "all()", "global()", "team == 'a'", "env == 'prod'", "projectcalico.org/name == 'ns2'", "!has(team)"
    };
    private static final String[] EXTERNAL = {"203.0.113.5", "198.51.100.9", "8.8.8.8", "10.1.0.77"};
    private static final int[] PORTS = {53, 80, 443, 8080, 9090};

    private final Random r;
    final List<Pod> pods = new ArrayList<>();

    ScenarioGenerator(long seed) {
        this.r = new Random(seed);
    }

    private <T> T pick(T[] a) {
        return a[r.nextInt(a.length)];
    }

    ClusterState cluster() {
        List<ClusterObject> objects = new ArrayList<>();
        int namespaces = 3 + r.nextInt(2);
        for (int n = 0; n < namespaces; n++) {
            String ns = "ns" + n;
            if (r.nextInt(5) > 0) {
                objects.add(new Namespace(
                        ns, Map.of("team", r.nextBoolean() ? "a" : "b", "env", r.nextBoolean() ? "prod" : "dev")));
            }
            objects.add(new ServiceAccount(ns, "sa0", Map.of("role", "x")));
            objects.add(new ServiceAccount(ns, "sa1", Map.of("role", "y")));
            int count = 2 + r.nextInt(3);
            for (int i = 0; i < count; i++) {
                Map<String, String> labels = r.nextBoolean()
                        ? Map.of("app", pick(APPS), "tier", r.nextBoolean() ? "fe" : "be")
                        : Map.of("app", pick(APPS));
                List<ContainerPort> ports = new ArrayList<>();
                ports.add(new ContainerPort("http", r.nextBoolean() ? 8080 : 80, Protocol.TCP));
                if (r.nextBoolean()) {
                    ports.add(new ContainerPort("dns", 53, Protocol.UDP));
                }
                if (r.nextBoolean()) {
                    ports.add(new ContainerPort("metrics", 9090, Protocol.TCP));
                }
                Pod p = new Pod(
                        ns, "pod-" + i, labels, "sa" + r.nextInt(2), List.of("10." + n + ".0." + (i + 1)), ports);
                pods.add(p);
                objects.add(p);
            }
        }
        objects.add(new GlobalNetworkSet("ext", Map.of("kind", "ext"), List.of("10.1.0.0/24", "203.0.113.0/24")));
        objects.add(new NetworkSet(
                "ns2", "partners", Map.of("kind", "partner"), List.of("198.51.100.0/24", "10.0.0.0/30")));
        objects.add(new Tier("sec", 100.0, r.nextBoolean() ? RuleAction.Deny : RuleAction.Pass));
        objects.add(new Tier("aaa", 1000.0, RuleAction.Deny));
        objects.add(new Tier("plat", null, r.nextBoolean() ? RuleAction.Deny : RuleAction.Pass));
        int policies = 3 + r.nextInt(8);
        for (int i = 0; i < policies; i++) {
            objects.add(policy("p" + r.nextInt(6)));
        }
        return ClusterState.of(objects);
    }

    private ClusterObject policy(String name) {
        int k = r.nextInt(10);
        if (k == 8) {
            return kubernetes(name);
        }
        if (k == 9) {
            return cluster(name);
        }
        PolicyKind kind = pick(new PolicyKind[] {
            PolicyKind.NetworkPolicy, PolicyKind.GlobalNetworkPolicy, PolicyKind.StagedNetworkPolicy,
            PolicyKind.StagedGlobalNetworkPolicy, PolicyKind.NetworkPolicy, PolicyKind.GlobalNetworkPolicy
        });
        String ns = kind.namespaced() ? "ns" + r.nextInt(3) : null;
        List<PolicyType> types = r.nextInt(3) == 0
                ? null
                : pick(new List[] {
                    List.of(PolicyType.Ingress),
                    List.of(PolicyType.Egress),
                    List.of(PolicyType.Ingress, PolicyType.Egress)
                });
        StagedAction staged = kind.staged()
                ? pick(new StagedAction[] {null, StagedAction.Set, StagedAction.Learn, StagedAction.Delete})
                : null;
        if (staged == StagedAction.Delete) {
            // A staged deletion carries nothing but its tier.
            return new CalicoPolicy(
                    kind, ns, name, "default", null, "", null, null, null, List.of(), List.of(), staged, false, false,
                    false);
        }
        return new CalicoPolicy(
                kind,
                ns,
                name,
                pick(new String[] {"default", "default", "sec", "plat", "aaa", "kube-admin"}),
                pick(new Double[] {null, 100.0, 100.0, 200.0}),
                r.nextBoolean() ? pick(SELECTORS) : "",
                !kind.namespaced() && r.nextInt(3) == 0
                        ? pick(new String[] {"team == 'a'", "all()", "env == 'dev'"})
                        : null,
                r.nextInt(6) == 0 ? "role == 'x'" : null,
                types,
                rules(),
                rules(),
                staged,
                false,
                false,
                false);
    }

    private List<Rule> rules() {
        List<Rule> out = new ArrayList<>();
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            RuleAction action = pick(new RuleAction[] {
                RuleAction.Allow, RuleAction.Allow, RuleAction.Deny, RuleAction.Pass, RuleAction.Log
            });
            Protocol protocol = pick(new Protocol[] {null, Protocol.TCP, Protocol.UDP});
            EntityRule src = entity(protocol);
            EntityRule dst = entity(protocol);
            boolean v4 = Stream.of(src.nets(), src.notNets(), dst.nets(), dst.notNets())
                    .flatMap(List::stream)
                    .anyMatch(c -> !c.contains(":"));
            if (v4) {
                // One rule never mixes address families (validation rejects it).
                src = withoutV6(src);
                dst = withoutV6(dst);
            }
            out.add(new Rule(
                    action, null, protocol, r.nextInt(8) == 0 ? Protocol.UDP : null, null, null, src, dst, null));
        }
        return out;
    }

    private static EntityRule withoutV6(EntityRule e) {
        return new EntityRule(
                e.nets(),
                e.notNets().stream().filter(c -> !c.contains(":")).toList(),
                e.selector(),
                e.notSelector(),
                e.namespaceSelector(),
                e.ports(),
                e.notPorts(),
                e.serviceAccounts(),
                e.services());
    }

    private EntityRule entity(Protocol protocol) {
        if (r.nextInt(3) == 0) {
            return EntityRule.EMPTY;
        }
        List<String> nets = r.nextInt(5) == 0
                ? List.of(pick(new String[] {"10.0.0.0/16", "203.0.113.0/24", "10.1.0.0/16"}))
                : List.of();
        List<String> notNets = r.nextInt(6) == 0 ? List.of(pick(new String[] {"10.2.0.0/16", "fd00::/8"})) : List.of();
        List<Port> ports = new ArrayList<>();
        if (r.nextInt(3) == 0) {
            if (protocol != null && r.nextBoolean()) {
                ports.add(
                        r.nextBoolean() ? Port.Range.of(pick(new Integer[] {53, 80, 8080})) : new Port.Range(80, 9000));
            }
            if (r.nextBoolean()) {
                ports.add(new Port.Named(pick(new String[] {"http", "dns", "metrics"})));
            }
        }
        List<Port> notPorts = protocol != null && r.nextInt(8) == 0 ? List.of(Port.Range.of(53)) : List.of();
        ServiceAccountMatch sa = r.nextInt(8) == 0
                ? new ServiceAccountMatch(
                        r.nextBoolean() ? List.of("sa0") : List.of(), r.nextBoolean() ? "role == 'y'" : null)
                : null;
        return new EntityRule(
                nets,
                notNets,
                r.nextInt(3) == 0 ? pick(SELECTORS) : null,
                r.nextInt(5) == 0 ? pick(SELECTORS) : null,
                r.nextInt(3) == 0 ? pick(NS_SELECTORS) : null,
                ports,
                notPorts,
                sa,
                null);
    }

    private LabelSelector labelSelector() {
        return switch (r.nextInt(4)) {
            case 0 -> LabelSelector.EVERYTHING;
            case 1 -> new LabelSelector(Map.of("app", pick(APPS)), List.of());
            case 2 -> new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("tier", "Exists", List.of())));
            default ->
                new LabelSelector(Map.of(), List.of(new LabelSelector.Requirement("app", "NotIn", List.of("db"))));
        };
    }

    private LabelSelector nsLabelSelector() {
        return r.nextBoolean() ? LabelSelector.EVERYTHING : new LabelSelector(Map.of("team", "a"), List.of());
    }

    private KubernetesNetworkPolicy kubernetes(String name) {
        boolean staged = r.nextInt(3) == 0;
        List<KubernetesRule> ingress = new ArrayList<>();
        List<KubernetesRule> egress = new ArrayList<>();
        for (List<KubernetesRule> l : List.of(ingress, egress)) {
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                List<KubernetesPeer> peers = new ArrayList<>();
                int pn = r.nextInt(3);
                for (int j = 0; j < pn; j++) {
                    peers.add(
                            switch (r.nextInt(4)) {
                                case 0 -> new KubernetesPeer(labelSelector(), null, null);
                                case 1 -> new KubernetesPeer(null, nsLabelSelector(), null);
                                case 2 -> new KubernetesPeer(labelSelector(), nsLabelSelector(), null);
                                default ->
                                    new KubernetesPeer(null, null, new IpBlock("10.0.0.0/8", List.of("10.1.0.0/16")));
                            });
                }
                List<KubernetesPort> ports = new ArrayList<>();
                int qn = r.nextInt(3);
                for (int j = 0; j < qn; j++) {
                    ports.add(
                            switch (r.nextInt(4)) {
                                case 0 ->
                                    new KubernetesPort(
                                            Protocol.TCP, Port.Range.of(pick(new Integer[] {80, 8080})), null);
                                case 1 -> new KubernetesPort(Protocol.UDP, Port.Range.of(53), null);
                                case 2 -> new KubernetesPort(null, new Port.Named("http"), null);
                                default -> new KubernetesPort(Protocol.TCP, Port.Range.of(8000), 9000);
                            });
                }
                l.add(new KubernetesRule(peers, ports));
            }
        }
        List<PolicyType> types = r.nextBoolean() ? null : List.of(PolicyType.Ingress, PolicyType.Egress);
        if (staged && r.nextInt(4) == 0) {
            return new KubernetesNetworkPolicy(
                    "ns" + r.nextInt(3),
                    name,
                    true,
                    StagedAction.Delete,
                    LabelSelector.EVERYTHING,
                    null,
                    List.of(),
                    List.of());
        }
        return new KubernetesNetworkPolicy(
                "ns" + r.nextInt(3), name, staged, null, labelSelector(), types, ingress, egress);
    }

    private ClusterNetworkPolicy cluster(String name) {
        List<ClusterNetworkPolicy.ClusterRule> ingress = new ArrayList<>();
        List<ClusterNetworkPolicy.ClusterRule> egress = new ArrayList<>();
        for (List<ClusterNetworkPolicy.ClusterRule> l : List.of(ingress, egress)) {
            int n = r.nextInt(3);
            for (int i = 0; i < n; i++) {
                List<ClusterNetworkPolicy.Peer> peers = new ArrayList<>();
                peers.add(
                        switch (r.nextInt(l == egress ? 4 : 3)) {
                            case 0 -> new ClusterNetworkPolicy.Peer(nsLabelSelector(), null, List.of(), null);
                            case 1 ->
                                new ClusterNetworkPolicy.Peer(
                                        null,
                                        new ClusterNetworkPolicy.PodPeer(nsLabelSelector(), labelSelector()),
                                        List.of(),
                                        null);
                            case 2 -> new ClusterNetworkPolicy.Peer(null, null, List.of(), "nodes");
                            default -> new ClusterNetworkPolicy.Peer(null, null, List.of("203.0.113.0/24"), null);
                        });
                List<ClusterNetworkPolicy.ProtocolPort> protocols = r.nextBoolean()
                        ? List.of()
                        : List.of(
                                new ClusterNetworkPolicy.ProtocolPort(Protocol.TCP, Port.Range.of(80)),
                                new ClusterNetworkPolicy.ProtocolPort(null, new Port.Named("http")));
                l.add(new ClusterNetworkPolicy.ClusterRule(
                        "r" + i, pick(new String[] {"Accept", "Deny", "Pass"}), peers, protocols));
            }
        }
        ClusterNetworkPolicy.Subject subject = r.nextBoolean()
                ? new ClusterNetworkPolicy.Subject(nsLabelSelector(), null)
                : new ClusterNetworkPolicy.Subject(
                        null, new ClusterNetworkPolicy.PodPeer(nsLabelSelector(), labelSelector()));
        return new ClusterNetworkPolicy(
                name, r.nextBoolean() ? "Admin" : "Baseline", r.nextInt(3) * 10, subject, ingress, egress);
    }

    List<Flow> flows(int n) {
        List<Flow> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            FlowEndpoint src = endpoint();
            FlowEndpoint dst = endpoint();
            Protocol protocol = r.nextInt(4) == 0 ? Protocol.UDP : Protocol.TCP;
            out.add(new Flow(
                    "f" + i,
                    src,
                    dst,
                    protocol,
                    PORTS[r.nextInt(PORTS.length)],
                    r.nextBoolean() ? 40000 : null,
                    null,
                    null));
        }
        return out;
    }

    private FlowEndpoint endpoint() {
        int k = r.nextInt(10);
        if (k < 2) {
            return new FlowEndpoint.Address(pick(EXTERNAL));
        }
        Pod p = pods.get(r.nextInt(pods.size()));
        return k == 2 ? new FlowEndpoint.Address(p.ip()) : new FlowEndpoint.PodRef(p.namespace(), p.name());
    }
}
