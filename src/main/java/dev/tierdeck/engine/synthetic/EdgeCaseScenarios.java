package dev.tierdeck.engine.synthetic;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.Namespace;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import dev.tierdeck.engine.model.RuleAction;
import dev.tierdeck.engine.model.ServiceAccount;
import dev.tierdeck.engine.model.Tier;
import dev.tierdeck.engine.reference.ReferenceFlow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Small random clusters biased towards calico-semantics.md §7: network sets whose CIDRs contain pod IPs, named
 * ports that differ per pod and protocol, tiers with equal or missing orders, policy names that collide across kinds,
 * staged twins, Pass/Log rules, every namespaceSelector form, IPv6 scenarios next to IPv4 CIDRs.
 */
public final class EdgeCaseScenarios {

    static final List<String> NAMESPACES = List.of("alpha", "beta", "gamma", "delta");

    private EdgeCaseScenarios() {}

    /** The scenario for a seed, with {@code flowCount} flows. */
    public static Scenario generate(long seed, int flowCount) {
        Dice dice = new Dice(seed);
        boolean ipv6 = dice.chance(0.2);
        List<ClusterObject> objects = new ArrayList<>();
        List<Pod> pods = new ArrayList<>();
        int namespaceCount = dice.between(2, NAMESPACES.size());
        for (int n = 0; n < namespaceCount; n++) {
            String ns = NAMESPACES.get(n);
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("kubernetes.io/metadata.name", ns);
            labels.put("team", dice.pick("a", "b"));
            if (dice.chance(0.5)) {
                labels.put("env", dice.pick("prod", "dev"));
            }
            objects.add(new Namespace(ns, labels));
            for (String sa : List.of("sa1", "sa2")) {
                if (dice.chance(0.8)) {
                    objects.add(new ServiceAccount(ns, sa, Map.of("kind", dice.pick("x", "y"))));
                }
            }
            int podCount = dice.between(1, 4);
            for (int p = 0; p < podCount; p++) {
                Pod pod = pod(dice, ns, n, p, ipv6);
                pods.add(pod);
                objects.add(pod);
            }
        }
        if (dice.chance(0.15)) {
            // A pod whose Namespace object is not in the file still belongs to its namespace (FORMAT.md §1).
            Pod pod = pod(dice, "omega", NAMESPACES.size(), 0, ipv6);
            pods.add(pod);
            objects.add(pod);
        }
        for (int i = dice.between(0, 3); i > 0; i--) {
            String ns = NAMESPACES.get(dice.below(namespaceCount));
            objects.add(new NetworkSet(
                    ns, "set-" + i, Map.of("kind", dice.pick("partner", "internal")), nets(dice, pods, ipv6)));
        }
        for (int i = dice.between(0, 2); i > 0; i--) {
            objects.add(new GlobalNetworkSet(
                    "global-" + i, Map.of("kind", dice.pick("partner", "internal", "dns")), nets(dice, pods, ipv6)));
        }
        objects.addAll(tiers(dice));
        RandomPolicies policies = new RandomPolicies(dice, namespaceCount, ipv6);
        for (int i = dice.between(2, 12); i > 0; i--) {
            objects.add(policies.any());
        }
        return new Scenario(seed, objects, flows(dice, pods, flowCount, ipv6));
    }

    private static Pod pod(Dice dice, String ns, int n, int p, boolean ipv6) {
        Map<String, String> labels = new HashMap<>();
        labels.put("app", dice.pick("web", "db", "api"));
        if (dice.chance(0.6)) {
            labels.put("tier", dice.pick("front", "back", ""));
        }
        if (dice.chance(0.2)) {
            labels.put("team", dice.pick("a", "b"));
        }
        List<ContainerPort> ports = new ArrayList<>();
        if (dice.chance(0.7)) {
            ports.add(new ContainerPort(
                    "http", dice.pick(80, 8080, 8080), dice.chance(0.85) ? Protocol.TCP : Protocol.UDP));
        }
        if (dice.chance(0.4)) {
            ports.add(new ContainerPort("metrics", 9090, Protocol.TCP));
        }
        if (dice.chance(0.3)) {
            ports.add(new ContainerPort("dns", 53, Protocol.UDP));
        }
        if (dice.chance(0.2)) {
            ports.add(new ContainerPort(null, 5432, Protocol.TCP));
        }
        String ip = ipv6 ? "fd00::" + (n + 1) + ":" + (p + 1) : "10.0." + (n + 1) + "." + (p + 1);
        List<String> ips = ipv6 || dice.chance(0.9) ? List.of(ip) : List.of(ip, "fd00::" + (n + 1) + ":" + (p + 1));
        String sa = dice.pick("default", "sa1", "sa2");
        return new Pod(ns, "pod-" + p, labels, sa, ips, ports);
    }

    /** CIDRs that often contain pod IPs, so that pods also match network-set selectors (§7.8). */
    private static List<String> nets(Dice dice, List<Pod> pods, boolean ipv6) {
        List<String> nets = new ArrayList<>();
        for (int i = dice.between(1, 2); i > 0; i--) {
            if (!pods.isEmpty() && dice.chance(0.5)) {
                String ip = dice.pick(pods).ips().getFirst();
                nets.add(
                        ipv6
                                ? ip + "/128"
                                : dice.chance(0.5) ? ip + "/32" : ip.substring(0, ip.lastIndexOf('.')) + ".0/24");
            } else {
                nets.add(
                        ipv6
                                ? dice.pick("2001:db8::/64", "2001:db8:1::/48")
                                : dice.pick("203.0.113.0/24", "198.51.100.0/25", "192.0.2.7/32"));
            }
        }
        return nets;
    }

    /** User tiers with orders that tie with built-ins, tie with each other or are missing (§7.13, §7.14). */
    private static List<Tier> tiers(Dice dice) {
        List<Tier> tiers = new ArrayList<>();
        for (String name : List.of("aaa", "security", "platform", "zzz")) {
            if (dice.chance(0.6)) {
                Double order = dice.pick(null, 100.0, 1000.0, 1000.0, 500.0, 2_000_000.0, 10_000_000.0);
                tiers.add(new Tier(name, order, dice.chance(0.5) ? RuleAction.Deny : RuleAction.Pass));
            }
        }
        return tiers;
    }

    private static List<ReferenceFlow> flows(Dice dice, List<Pod> pods, int count, boolean ipv6) {
        List<ReferenceFlow> flows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ReferenceFlow.Side source;
            ReferenceFlow.Side destination;
            int shape = dice.below(10);
            if (shape < 6) {
                source = podSide(dice.pick(pods));
                destination = podSide(dice.pick(pods));
            } else if (shape < 8) {
                source = podSide(dice.pick(pods));
                destination = ReferenceFlow.Side.ip(externalIp(dice, pods, ipv6));
            } else {
                source = ReferenceFlow.Side.ip(externalIp(dice, pods, ipv6));
                destination = podSide(dice.pick(pods));
            }
            flows.add(flow(dice, "f" + i, source, destination, ipv6));
        }
        return flows;
    }

    private static ReferenceFlow.Side podSide(Pod pod) {
        return ReferenceFlow.Side.pod(pod.namespace(), pod.name());
    }

    /** Outside addresses inside and outside the sets' CIDRs, and sometimes a pod's own IP given as an address. */
    private static String externalIp(Dice dice, List<Pod> pods, boolean ipv6) {
        if (dice.chance(0.15)) {
            return dice.pick(pods).ips().getFirst();
        }
        if (ipv6) {
            return dice.pick("2001:db8::5", "2001:db8:1::9", "2001:db9::1", "fd00::9:9");
        }
        return dice.pick(
                "203.0.113.9",
                "198.51.100.7",
                "198.51.100.200",
                "192.0.2.7",
                "8.8.8.8",
                "10.0.1.99",
                "169.254.169.254");
    }

    private static ReferenceFlow flow(
            Dice dice, String id, ReferenceFlow.Side source, ReferenceFlow.Side destination, boolean ipv6) {
        int kind = dice.below(20);
        if (kind < 2) {
            Protocol icmp = ipv6 ? Protocol.ICMPV6 : Protocol.ICMP;
            return new ReferenceFlow(id, source, destination, icmp, null, null, dice.pick(0, 3, 8), dice.pick(0, 1));
        }
        if (kind == 2) {
            return new ReferenceFlow(id, source, destination, Protocol.of(47), null, null, null, null);
        }
        Protocol protocol = kind < 14 ? Protocol.TCP : kind < 19 ? Protocol.UDP : Protocol.SCTP;
        int port = protocol == Protocol.UDP
                ? dice.pick(53, 8080, 5353)
                : dice.pick(80, 443, 8080, 8080, 9090, 5432, 8050, 53);
        Integer sourcePort = dice.chance(0.7) ? dice.pick(40000, 40001, 53, 8080) : null;
        return new ReferenceFlow(id, source, destination, protocol, port, sourcePort, null, null);
    }

    /**
     * A random proposed change to a scenario's cluster (FORMAT.md §4): new policies of any kind, replacements of
     * existing policies under the same key, and staged objects that set or delete their enforced counterpart.
     */
    public static List<ClusterObject> change(Scenario scenario, long seed) {
        Dice dice = new Dice(seed);
        int namespaces = (int)
                scenario.objects().stream().filter(o -> o instanceof Namespace).count();
        boolean ipv6 = scenario.objects().stream()
                .anyMatch(o -> o instanceof Pod p
                        && !p.ips().isEmpty()
                        && p.ips().getFirst().contains(":"));
        RandomPolicies policies = new RandomPolicies(dice, Math.max(1, namespaces), ipv6);
        List<ClusterObject> change = new ArrayList<>();
        for (int i = dice.between(1, 3); i > 0; i--) {
            change.add(policies.any());
        }
        return change;
    }
}
