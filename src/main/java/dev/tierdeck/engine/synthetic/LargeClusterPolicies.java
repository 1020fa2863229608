package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** The policies of {@link LargeCluster}, and the changes the benchmark previews against them. */
public final class LargeClusterPolicies {

    /** Global and cluster-wide policies: the rest of the policy budget is spread over the namespaces. */
    static final int GLOBAL_POLICIES = 40;

    static final int APPS = LargeCluster.APPS;

    private LargeClusterPolicies() {}

    /**
     * Allow-lists for selected apps (ingress from one app of the namespace, egress to one app of a partner team),
     * Kubernetes policies admitting a team's namespaces on the http port, and last a namespace-wide ingress policy
     * that allows the namespace itself (a quarter of the namespaces deny everything else instead).
     */
    static List<ClusterObject> namespacePolicies(Dice dice, int n, int count) {
        String ns = LargeCluster.namespace(n);
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

    /** A developer narrows one allow policy of one namespace to another source app (FORMAT.md §4 change). */
    public static List<ClusterObject> developerChange(LargeCluster size, long seed, int run) {
        String ns = LargeCluster.namespace(new Random(seed * 7919 + run).nextInt(size.namespaces()));
        Rule ingress = new Rule(
                RuleAction.Allow,
                null,
                Protocol.TCP,
                null,
                null,
                null,
                entity("app == 'app-" + run % APPS + "' && tier == 'front'", null, List.of()),
                entity(null, null, List.of(Port.Range.of(8080))),
                null);
        return List.of(new CalicoPolicy(
                PolicyKind.NetworkPolicy,
                ns,
                "allow-1",
                "default",
                101.0,
                "app == 'app-1'",
                null,
                null,
                null,
                List.of(ingress),
                List.of(),
                null,
                false,
                false,
                false));
    }

    /** An admin adds a deny for a database port to the security tier's first global policy. */
    public static List<ClusterObject> adminChange(int run) {
        Rule deny = new Rule(
                RuleAction.Deny,
                null,
                Protocol.TCP,
                null,
                null,
                null,
                EntityRule.EMPTY,
                entity(null, null, List.of(Port.Range.of(5432 + run % 3))),
                null);
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
        return List.of(new CalicoPolicy(
                PolicyKind.GlobalNetworkPolicy,
                null,
                "security-0",
                "security",
                0.0,
                "",
                null,
                null,
                List.of(PolicyType.Ingress, PolicyType.Egress),
                List.of(Rule.of(RuleAction.Pass)),
                List.of(deny, denyMetadata, Rule.of(RuleAction.Pass)),
                null,
                false,
                false,
                false));
    }
}
