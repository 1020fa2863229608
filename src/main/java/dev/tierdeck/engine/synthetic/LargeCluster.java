package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPeer;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.LabelSelector;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.Rule;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.reference.ReferenceFlow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A large, realistic cluster for the benchmark: teams owning namespaces of a few apps each, a default-deny and
 * allow-list policies per namespace (Calico and Kubernetes kinds), security and platform tiers of global policies,
 * ClusterNetworkPolicies in the admin and baseline tiers, and flows mostly between related workloads.
 *
 * @param namespaces number of namespaces; pods, policies and flows are given per cluster
 */
public record LargeCluster(int namespaces, int pods, int policies, int flows) {

    /** The size of the performance targets. */
    public static final LargeCluster FULL = new LargeCluster(1_000, 50_000, 10_000, 1_000_000);

    /** A quick run. */
    public static final LargeCluster SMALL = new LargeCluster(20, 1_000, 200, 20_000);

    static final int APPS = 5;

    /** Global and cluster-wide policies: the rest of the policy budget is spread over the namespaces. */
    static final int GLOBAL_POLICIES = 40;

    public Scenario generate(long seed) {
        Dice dice = new Dice(seed);
        List<ClusterObject> objects = new ArrayList<>();
        objects.add(new Tier("security", 100.0, RuleAction.Pass));
        objects.add(new Tier("platform", 500.0, RuleAction.Pass));
        objects.add(new GlobalNetworkSet(
                "partners", Map.of("kind", "partner"), List.of("203.0.113.0/24", "198.51.100.0/24")));
        List<Pod> allPods = new ArrayList<>();
        int podsPerNamespace = Math.max(1, pods / namespaces);
        int namespacedPolicies = Math.max(namespaces, policies - GLOBAL_POLICIES);
        for (int n = 0; n < namespaces; n++) {
            String ns = namespace(n);
            objects.add(new Namespace(
                    ns,
                    Map.of(
                            "kubernetes.io/metadata.name",
                            ns,
                            "team",
                            "team-" + (n % 100),
                            "env",
                            n % 3 == 0 ? "prod" : "dev")));
            for (int a = 0; a < APPS; a++) {
                objects.add(new ServiceAccount(ns, "app-" + a, Map.of("app", "app-" + a)));
            }
            for (int p = 0; p < podsPerNamespace; p++) {
                int index = allPods.size() + 1;
                Pod pod = new Pod(
                        ns,
                        "app-" + (p % APPS) + "-" + p,
                        Map.of("app", "app-" + (p % APPS), "tier", p % APPS == 0 ? "front" : "back"),
                        "app-" + (p % APPS),
                        List.of("10." + (index >> 16 & 255) + "." + (index >> 8 & 255) + "." + (index & 255)),
                        List.of(
                                new ContainerPort("http", 8080, Protocol.TCP),
                                new ContainerPort("metrics", 9090, Protocol.TCP)));
                allPods.add(pod);
                objects.add(pod);
            }
            int count = namespacedPolicies / namespaces + (n < namespacedPolicies % namespaces ? 1 : 0);
            objects.addAll(namespacePolicies(dice, n, count));
        }
        objects.addAll(globalPolicies());
        return new Scenario(seed, objects, flows(dice, allPods));
    }

    static String namespace(int n) {
        return "ns-" + n;
    }

    /**
     * Allow-lists for selected apps (ingress from one app of the namespace, egress to one app of a partner team),
     * Kubernetes policies admitting a team's namespaces on the http port, and last a namespace-wide ingress policy
     * that allows the namespace itself (a quarter of the namespaces deny everything else instead).
     */
    static List<ClusterObject> namespacePolicies(Dice dice, int n, int count) {
        String ns = namespace(n);
        List<ClusterObject> policies = new ArrayList<>();
        Rule sameNamespace = new Rule(
                RuleAction.Allow,
                null,
                null,
                null,
                null,
                null,
                entity("all()", null, List.of()),
                EntityRule.EMPTY,
                null);
        policies.add(new CalicoPolicy(
                PolicyKind.NetworkPolicy,
                ns,
                "namespace-ingress",
                "default",
                2000.0,
                "",
                null,
                null,
                List.of(PolicyType.Ingress),
                n % 4 == 0 ? List.of() : List.of(sameNamespace),
                List.of(),
                null,
                false,
                false,
                false));
        for (int i = 1; i < count; i++) {
            int app = i % APPS;
            if (i % 3 == 0) {
                policies.add(new KubernetesNetworkPolicy(
                        ns,
                        "knp-" + i,
                        false,
                        null,
                        new LabelSelector(Map.of("app", "app-" + app), List.of()),
                        List.of(PolicyType.Ingress),
                        List.of(new KubernetesRule(
                                List.of(new KubernetesPeer(
                                        null,
                                        new LabelSelector(Map.of("team", "team-" + dice.below(100)), List.of()),
                                        null)),
                                List.of(new KubernetesPort(Protocol.TCP, new Port.Named("http"), null)))),
                        List.of()));
            } else {
                Rule ingress = new Rule(
                        RuleAction.Allow,
                        null,
                        Protocol.TCP,
                        null,
                        null,
                        null,
                        entity("app == 'app-" + dice.below(APPS) + "'", null, List.of()),
                        entity(null, null, List.of(Port.Range.of(8080))),
                        null);
                // Most allow-lists let the app talk to anything in the cluster; every fifth only to one partner app.
                Rule egress = i % 5 == 1
                        ? new Rule(
                                RuleAction.Allow,
                                null,
                                Protocol.TCP,
                                null,
                                null,
                                null,
                                EntityRule.EMPTY,
                                entity(
                                        "app == 'app-" + dice.below(APPS) + "'",
                                        "team == 'team-" + dice.below(100) + "'",
                                        List.of(new Port.Named("http"))),
                                null)
                        : new Rule(
                                RuleAction.Allow,
                                null,
                                null,
                                null,
                                null,
                                null,
                                EntityRule.EMPTY,
                                entity(null, "all()", List.of()),
                                null);
                policies.add(new CalicoPolicy(
                        PolicyKind.NetworkPolicy,
                        ns,
                        "allow-" + i,
                        "default",
                        100.0 + i,
                        "app == 'app-" + app + "'",
                        null,
                        null,
                        null,
                        List.of(ingress),
                        List.of(egress),
                        null,
                        false,
                        false,
                        false));
            }
        }
        return policies;
    }

    private static EntityRule entity(String selector, String namespaceSelector, List<Port> ports) {
        return new EntityRule(List.of(), List.of(), selector, null, namespaceSelector, ports, List.of(), null, null);
    }

    /** Security and platform tiers of global policies, and ClusterNetworkPolicies in both kube tiers. */
    static List<ClusterObject> globalPolicies() {
        List<ClusterObject> policies = new ArrayList<>();
        Rule denyMetadata = new Rule(
                RuleAction.Deny,
                null,
                null,
                null,
                null,
                null,
                EntityRule.EMPTY,
                new EntityRule(
                        List.of("169.254.169.254/32"), List.of(), null, null, null, List.of(), List.of(), null, null),
                null);
        Rule allowDns = new Rule(
                RuleAction.Allow,
                null,
                Protocol.UDP,
                null,
                null,
                null,
                EntityRule.EMPTY,
                new EntityRule(
                        List.of(), List.of(), null, null, null, List.of(Port.Range.of(53)), List.of(), null, null),
                null);
        Rule pass = Rule.of(RuleAction.Pass);
        for (int i = 0; i < GLOBAL_POLICIES / 4; i++) {
            policies.add(new CalicoPolicy(
                    PolicyKind.GlobalNetworkPolicy,
                    null,
                    "security-" + i,
                    "security",
                    10.0 * i,
                    i == 0 ? "" : "app == 'app-" + (i % APPS) + "'",
                    i == 0 ? null : "env == 'prod'",
                    null,
                    List.of(PolicyType.Ingress, PolicyType.Egress),
                    List.of(pass),
                    i == 0 ? List.of(denyMetadata, allowDns, pass) : List.of(pass),
                    null,
                    false,
                    false,
                    false));
            Rule scrape = new Rule(
                    RuleAction.Allow,
                    null,
                    Protocol.TCP,
                    null,
                    null,
                    null,
                    new EntityRule(
                            List.of(),
                            List.of(),
                            "app == 'app-0'",
                            null,
                            "team == 'team-" + i + "'",
                            List.of(),
                            List.of(),
                            null,
                            null),
                    new EntityRule(
                            List.of(),
                            List.of(),
                            null,
                            null,
                            null,
                            List.of(new Port.Named("metrics")),
                            List.of(),
                            null,
                            null),
                    null);
            policies.add(new CalicoPolicy(
                    PolicyKind.GlobalNetworkPolicy,
                    null,
                    "platform-" + i,
                    "platform",
                    10.0 * i,
                    "has(app)",
                    null,
                    null,
                    List.of(PolicyType.Ingress),
                    List.of(scrape, pass),
                    List.of(),
                    null,
                    false,
                    false,
                    false));
            LabelSelector prod = new LabelSelector(Map.of("env", "prod"), List.of());
            ClusterNetworkPolicy.Peer partners =
                    new ClusterNetworkPolicy.Peer(null, null, List.of("203.0.113.0/24"), null);
            policies.add(new ClusterNetworkPolicy(
                    "admin-" + i,
                    "Admin",
                    i,
                    new ClusterNetworkPolicy.Subject(prod, null),
                    List.of(),
                    List.of(new ClusterNetworkPolicy.ClusterRule(
                            "partners",
                            i % 2 == 0 ? "Pass" : "Deny",
                            List.of(partners),
                            List.of(new ClusterNetworkPolicy.ProtocolPort(Protocol.TCP, Port.Range.of(443)))))));
            policies.add(new ClusterNetworkPolicy(
                    "baseline-" + i,
                    "Baseline",
                    i,
                    new ClusterNetworkPolicy.Subject(LabelSelector.EVERYTHING, null),
                    List.of(new ClusterNetworkPolicy.ClusterRule(
                            "same-team",
                            "Accept",
                            List.of(new ClusterNetworkPolicy.Peer(
                                    new LabelSelector(Map.of("team", "team-" + i), List.of()), null, List.of(), null)),
                            List.of())),
                    List.of()));
        }
        return policies;
    }

    /** Mostly pod to pod (half of them inside one namespace), some to and from outside addresses. */
    private List<ReferenceFlow> flows(Dice dice, List<Pod> pods) {
        List<ReferenceFlow> flows = new ArrayList<>(this.flows);
        int podsPerNamespace = Math.max(1, pods.size() / namespaces);
        for (int i = 0; i < this.flows; i++) {
            int sourceIndex = dice.below(pods.size());
            Pod source = pods.get(sourceIndex);
            ReferenceFlow.Side from = ReferenceFlow.Side.pod(source.namespace(), source.name());
            int shape = dice.below(20);
            ReferenceFlow.Side to;
            if (shape < 9) {
                int base = sourceIndex / podsPerNamespace * podsPerNamespace;
                Pod peer = pods.get(Math.min(pods.size() - 1, base + dice.below(podsPerNamespace)));
                to = ReferenceFlow.Side.pod(peer.namespace(), peer.name());
            } else if (shape < 17) {
                Pod peer = pods.get(dice.below(pods.size()));
                to = ReferenceFlow.Side.pod(peer.namespace(), peer.name());
            } else if (shape < 19) {
                to = ReferenceFlow.Side.ip(dice.pick("203.0.113.10", "198.51.100.20", "169.254.169.254", "8.8.8.8"));
            } else {
                to = from;
                from = ReferenceFlow.Side.ip(dice.pick("203.0.113.10", "192.0.2.1"));
            }
            boolean dns = dice.below(10) == 0;
            flows.add(new ReferenceFlow(
                    "f" + i,
                    from,
                    to,
                    dns ? Protocol.UDP : Protocol.TCP,
                    dns ? 53 : dice.pick(8080, 8080, 9090, 443, 5432),
                    null,
                    null,
                    null));
        }
        return flows;
    }
}
