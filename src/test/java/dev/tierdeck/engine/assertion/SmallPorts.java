package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.ClusterNetworkPolicy;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.EntityRule;
import dev.tierdeck.engine.model.KubernetesNetworkPolicy;
import dev.tierdeck.engine.model.KubernetesPort;
import dev.tierdeck.engine.model.KubernetesRule;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Rule;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A generated cluster with every port number mapped, in order, onto small numbers (2, 4, 6, ...), so that a brute
 * force can try every destination and source port of a universe {@code 1..universe}: ranges keep containing the
 * numbers they contained, and a free number lies between any two used ones and above the last.
 */
final class SmallPorts {

    private final TreeMap<Integer, Integer> map = new TreeMap<>();
    final int universe;

    private SmallPorts(TreeSet<Integer> used) {
        int rank = 0;
        for (int n : used) {
            map.put(n, 2 * rank + 2);
            rank++;
        }
        universe = 2 * rank + 1;
    }

    static SmallPorts of(List<ClusterObject> objects) {
        TreeSet<Integer> used = new TreeSet<>();
        for (ClusterObject o : objects) {
            numbers(o, used::add);
        }
        return new SmallPorts(used);
    }

    List<ClusterObject> apply(List<ClusterObject> objects) {
        return objects.stream().map(this::apply).toList();
    }

    private int to(int port) {
        Integer mapped = map.get(port);
        if (mapped == null) {
            throw new IllegalStateException("port " + port + " was not collected");
        }
        return mapped;
    }

    private Port to(Port p) {
        return p instanceof Port.Range r ? new Port.Range(to(r.first()), to(r.last())) : p;
    }

    private List<Port> to(List<Port> ports) {
        return ports.stream().map(this::to).toList();
    }

    private ClusterObject apply(ClusterObject o) {
        return switch (o) {
            case Pod p ->
                new Pod(
                        p.namespace(),
                        p.name(),
                        p.labels(),
                        p.serviceAccountName(),
                        p.ips(),
                        p.ports().stream()
                                .map(c -> new ContainerPort(c.name(), to(c.port()), c.protocol()))
                                .toList());
            case CalicoPolicy p ->
                new CalicoPolicy(
                        p.kind(),
                        p.namespace(),
                        p.name(),
                        p.tier(),
                        p.order(),
                        p.selector(),
                        p.namespaceSelector(),
                        p.serviceAccountSelector(),
                        p.types(),
                        p.ingress().stream().map(this::rule).toList(),
                        p.egress().stream().map(this::rule).toList(),
                        p.stagedAction(),
                        p.doNotTrack(),
                        p.preDNAT(),
                        p.applyOnForward(),
                        p.labels());
            case KubernetesNetworkPolicy p ->
                new KubernetesNetworkPolicy(
                        p.namespace(),
                        p.name(),
                        p.staged(),
                        p.stagedAction(),
                        p.podSelector(),
                        p.policyTypes(),
                        p.ingress().stream().map(this::rule).toList(),
                        p.egress().stream().map(this::rule).toList());
            case ClusterNetworkPolicy p ->
                new ClusterNetworkPolicy(
                        p.name(),
                        p.tier(),
                        p.priority(),
                        p.subject(),
                        p.ingress().stream().map(this::rule).toList(),
                        p.egress().stream().map(this::rule).toList());
            default -> o;
        };
    }

    private Rule rule(Rule r) {
        return new Rule(
                r.action(),
                r.ipVersion(),
                r.protocol(),
                r.notProtocol(),
                r.icmp(),
                r.notICMP(),
                entity(r.source()),
                entity(r.destination()),
                r.http());
    }

    private EntityRule entity(EntityRule e) {
        return new EntityRule(
                e.nets(),
                e.notNets(),
                e.selector(),
                e.notSelector(),
                e.namespaceSelector(),
                to(e.ports()),
                to(e.notPorts()),
                e.serviceAccounts(),
                e.services());
    }

    private KubernetesRule rule(KubernetesRule r) {
        return new KubernetesRule(
                r.peers(),
                r.ports().stream()
                        .map(p -> new KubernetesPort(
                                p.protocol(),
                                p.port() == null ? null : to(p.port()),
                                p.endPort() == null ? null : to(p.endPort())))
                        .toList());
    }

    private ClusterNetworkPolicy.ClusterRule rule(ClusterNetworkPolicy.ClusterRule r) {
        return new ClusterNetworkPolicy.ClusterRule(
                r.name(),
                r.action(),
                r.peers(),
                r.protocols().stream()
                        .map(p -> new ClusterNetworkPolicy.ProtocolPort(
                                p.protocol(), p.port() == null ? null : to(p.port())))
                        .toList());
    }

    private static void numbers(ClusterObject o, Consumer<Integer> out) {
        switch (o) {
            case Pod p -> p.ports().forEach(c -> out.accept(c.port()));
            case CalicoPolicy p -> {
                for (List<Rule> rules : List.of(p.ingress(), p.egress())) {
                    for (Rule r : rules) {
                        for (EntityRule e : List.of(r.source(), r.destination())) {
                            for (List<Port> ports : List.of(e.ports(), e.notPorts())) {
                                ports.forEach(port -> range(port, out));
                            }
                        }
                    }
                }
            }
            case KubernetesNetworkPolicy p -> {
                for (List<KubernetesRule> rules : List.of(p.ingress(), p.egress())) {
                    for (KubernetesRule r : rules) {
                        for (KubernetesPort k : r.ports()) {
                            if (k.port() != null) {
                                range(k.port(), out);
                            }
                            if (k.endPort() != null) {
                                out.accept(k.endPort());
                            }
                        }
                    }
                }
            }
            case ClusterNetworkPolicy p -> {
                for (List<ClusterNetworkPolicy.ClusterRule> rules : List.of(p.ingress(), p.egress())) {
                    for (ClusterNetworkPolicy.ClusterRule r : rules) {
                        for (ClusterNetworkPolicy.ProtocolPort k : r.protocols()) {
                            if (k.port() != null) {
                                range(k.port(), out);
                            }
                        }
                    }
                }
            }
            default -> {}
        }
    }

    private static void range(Port p, Consumer<Integer> out) {
        if (p instanceof Port.Range r) {
            out.accept(r.first());
            out.accept(r.last());
        }
    }
}
