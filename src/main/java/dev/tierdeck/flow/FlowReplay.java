package dev.tierdeck.flow;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.model.Cidr;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.GlobalNetworkSet;
import dev.tierdeck.engine.model.IpAddress;
import dev.tierdeck.engine.model.NetworkSet;
import dev.tierdeck.engine.model.Pod;
import dev.tierdeck.engine.model.Protocol;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Maps stored flows back onto the endpoints of a cluster so that the engine can replay them. Goldmane reports no
 * IPs: a workload side is an aggregated pod name with the intersection of the pods' labels, a network set is
 * named, and traffic outside the cluster is {@code pub} or {@code pvt} (calico-semantics §4.4). So:
 *
 * <ul>
 *   <li>a workload maps onto a current pod of its namespace whose name has the aggregated prefix and whose labels
 *       include the flow's; failing that (the Deployment rolled out a new ReplicaSet since), a pod of the same
 *       workload with those labels; the first by name represents them all;
 *   <li>a network set maps onto an address of its first CIDR;
 *   <li>{@code pub}/{@code pvt} map onto a documentation or private address that no network set or pod covers,
 *       as Goldmane only says {@code pub}/{@code pvt} for addresses outside every network set (§2.8: rule
 *       selectors match network sets by IP).
 * </ul>
 *
 * Stateless and thread-safe.
 */
public final class FlowReplay {

    private static final List<String> PUBLIC = List.of("203.0.113.10", "198.51.100.10", "192.0.2.10");
    private static final List<String> PRIVATE =
            List.of("10.255.255.254", "172.31.255.254", "192.168.255.254", "100.127.255.254");

    private FlowReplay() {}

    /** The lookups of the last cluster state asked about: states are published once per change and shared. */
    private static volatile @Nullable Endpoints last;

    public static ReplaySet map(Collection<FlowRecord> flows, ClusterState cluster) {
        Endpoints endpoints = last;
        if (endpoints == null || endpoints.cluster != cluster) {
            endpoints = new Endpoints(cluster);
            last = endpoints;
        }
        Map<String, List<FlowRecord>> byConnection = new LinkedHashMap<>();
        Map<String, Flow> connections = new LinkedHashMap<>();
        List<ReplaySet.Unmapped> unmapped = new ArrayList<>();
        for (FlowRecord f : flows) {
            Side source = endpoints.resolve(f.source());
            Side dest = endpoints.resolve(f.destination());
            Protocol protocol = Protocol.parse(f.protocol());
            if (source.missing() != null) {
                unmapped.add(new ReplaySet.Unmapped(f, source.missing(), "source " + source.detail()));
            } else if (dest.missing() != null) {
                unmapped.add(new ReplaySet.Unmapped(f, dest.missing(), "destination " + dest.detail()));
            } else if (protocol == null) {
                unmapped.add(new ReplaySet.Unmapped(
                        f, ReplaySet.Reason.UNKNOWN_PROTOCOL, "protocol \"" + f.protocol() + "\""));
            } else {
                Integer port = protocol.supportsPorts() && f.port() > 0 ? f.port() : null;
                String id = source.endpoint() + " -> " + dest.endpoint() + " " + protocol
                        + (port == null ? "" : "/" + port);
                connections.computeIfAbsent(id, k -> Flow.of(k, source.endpoint(), dest.endpoint(), protocol, port));
                byConnection.computeIfAbsent(id, k -> new ArrayList<>()).add(f);
            }
        }
        List<ReplayFlow> out = new ArrayList<>(connections.size());
        connections.forEach((id, flow) -> out.add(new ReplayFlow(flow, byConnection.get(id))));
        return new ReplaySet(out, unmapped);
    }

    /** The engine's endpoint for one side, or why there is none. */
    private record Side(
            dev.tierdeck.engine.eval.@Nullable FlowEndpoint endpoint,
            ReplaySet.@Nullable Reason missing,
            String detail) {

        static Side of(dev.tierdeck.engine.eval.FlowEndpoint e) {
            return new Side(e, null, "");
        }

        static Side none(ReplaySet.Reason reason, String detail) {
            return new Side(null, reason, detail);
        }
    }

    /**
     * Lookups over one cluster snapshot, shared by every replay over it (the maps filled on construction are only
     * read afterwards). Each endpoint is resolved once: a week of flows names the same workloads again and again,
     * and resolving one scans the pods of its namespace.
     */
    private static final class Endpoints {
        /** Endpoints remembered per cluster state, at most; further ones are resolved each time. */
        private static final int RESOLVED_LIMIT = 200_000;

        private final Map<String, List<Pod>> podsByNamespace = new LinkedHashMap<>();
        private final ClusterState cluster;
        private final List<Cidr> coveredNets = new ArrayList<>();
        private final Set<IpAddress> podIps = new HashSet<>();
        private final Map<String, String> networkAddress = new ConcurrentHashMap<>();
        private final Map<FlowEndpoint, Side> resolved = new ConcurrentHashMap<>();

        Endpoints(ClusterState cluster) {
            this.cluster = cluster;
            for (Pod p : cluster.pods()) {
                podsByNamespace
                        .computeIfAbsent(p.namespace(), k -> new ArrayList<>())
                        .add(p);
                for (String ip : p.ips()) {
                    IpAddress a = IpAddress.parse(ip);
                    if (a != null) {
                        podIps.add(a);
                    }
                }
            }
            podsByNamespace.values().forEach(l -> l.sort(Comparator.comparing(Pod::name)));
            for (NetworkSet s : cluster.networkSets()) {
                addNets(s.nets());
            }
            for (GlobalNetworkSet s : cluster.globalNetworkSets()) {
                addNets(s.nets());
            }
        }

        private void addNets(List<String> nets) {
            for (String n : nets) {
                Cidr c = Cidr.parse(n);
                if (c != null) {
                    coveredNets.add(c);
                }
            }
        }

        Side resolve(FlowEndpoint e) {
            Side known = resolved.get(e);
            if (known != null) {
                return known;
            }
            Side side = lookUp(e);
            if (resolved.size() < RESOLVED_LIMIT) {
                resolved.put(e, side);
            }
            return side;
        }

        private Side lookUp(FlowEndpoint e) {
            return switch (e.type()) {
                case WorkloadEndpoint -> pod(e);
                case NetworkSet -> networkSet(e);
                case Network -> network(e.name());
                case HostEndpoint -> Side.none(ReplaySet.Reason.HOST_ENDPOINT, e.name() + " is a host endpoint");
            };
        }

        private Side pod(FlowEndpoint e) {
            List<Pod> pods = podsByNamespace.getOrDefault(e.namespace(), List.of());
            for (Pod p : pods) {
                if (AggregatedNames.matches(e.name(), p.name()) && hasLabels(p, e.labels())) {
                    return Side.of(new dev.tierdeck.engine.eval.FlowEndpoint.PodRef(p.namespace(), p.name()));
                }
            }
            String workload = workloadOf(e.name());
            for (Pod p : pods) {
                if (p.workload().equals(e.namespace() + "/" + workload) && hasLabels(p, e.labels())) {
                    return Side.of(new dev.tierdeck.engine.eval.FlowEndpoint.PodRef(p.namespace(), p.name()));
                }
            }
            return Side.none(
                    ReplaySet.Reason.NO_MATCHING_POD,
                    e.displayName() + ": no current pod of that name"
                            + (e.labels().isEmpty() ? "" : " with labels " + e.labels()));
        }

        /** {@code api-7d9f8c-*} and {@code pg-*} belong to the workloads {@code api} and {@code pg}. */
        private static String workloadOf(String aggregated) {
            String base = aggregated.endsWith("-*") ? aggregated.substring(0, aggregated.length() - 2) : aggregated;
            int dash = base.lastIndexOf('-');
            if (aggregated.endsWith("-*")
                    && dash > 0
                    && base.substring(dash + 1).matches("[a-z0-9]{5,10}")
                    && base.substring(dash + 1).chars().anyMatch(Character::isDigit)) {
                return base.substring(0, dash);
            }
            return base;
        }

        private static boolean hasLabels(Pod p, Map<String, String> labels) {
            for (var l : labels.entrySet()) {
                if (!l.getValue().equals(p.labels().get(l.getKey()))) {
                    return false;
                }
            }
            return true;
        }

        private Side networkSet(FlowEndpoint e) {
            List<String> nets = null;
            if (e.namespace() != null) {
                for (NetworkSet s : cluster.networkSets()) {
                    if (s.namespace().equals(e.namespace()) && s.name().equals(e.name())) {
                        nets = s.nets();
                    }
                }
            } else {
                for (GlobalNetworkSet s : cluster.globalNetworkSets()) {
                    if (s.name().equals(e.name())) {
                        nets = s.nets();
                    }
                }
            }
            if (nets == null) {
                return Side.none(ReplaySet.Reason.NO_NETWORK_SET, e.displayName() + ": no such network set");
            }
            for (String n : nets) {
                Cidr c = Cidr.parse(n);
                if (c != null) {
                    return Side.of(new dev.tierdeck.engine.eval.FlowEndpoint.Address(
                            c.address().toString()));
                }
            }
            return Side.none(ReplaySet.Reason.NO_NETWORK_SET, e.displayName() + ": the network set lists no address");
        }

        private Side network(String name) {
            String ip = networkAddress.computeIfAbsent(name, n -> uncovered("pvt".equals(n) ? PRIVATE : PUBLIC));
            if (ip.isEmpty()) {
                return Side.none(
                        ReplaySet.Reason.NETWORK_COVERED_BY_NETWORK_SET,
                        name + ": every candidate address lies in a network set");
            }
            return Side.of(new dev.tierdeck.engine.eval.FlowEndpoint.Address(ip));
        }

        private String uncovered(List<String> candidates) {
            for (String c : candidates) {
                IpAddress a = IpAddress.parse(c);
                if (a != null && coveredNets.stream().noneMatch(n -> n.contains(a)) && !podIps.contains(a)) {
                    return c;
                }
            }
            return "";
        }
    }
}
