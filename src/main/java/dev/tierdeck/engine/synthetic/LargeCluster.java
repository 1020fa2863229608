package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
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
    static final int GLOBAL_POLICIES = LargeClusterPolicies.GLOBAL_POLICIES;

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
            objects.addAll(LargeClusterPolicies.namespacePolicies(dice, n, count));
        }
        objects.addAll(LargeClusterPolicies.globalPolicies());
        return new Scenario(seed, objects, flows(dice, allPods));
    }

    static String namespace(int n) {
        return "ns-" + n;
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
