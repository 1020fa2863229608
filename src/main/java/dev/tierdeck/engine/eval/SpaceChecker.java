package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.eval.CoveredEndpoints.Instance;
import dev.tierdeck.engine.eval.EndpointClasses.Criteria;
import dev.tierdeck.engine.eval.EndpointClasses.EndpointClass;
import dev.tierdeck.engine.eval.EndpointClasses.Role;
import dev.tierdeck.engine.model.ContainerPort;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks a {@link FlowSpace} exactly without enumerating it. Sources and destinations are grouped into classes the
 * policies cannot tell apart ({@link EndpointClasses}); for each pair of classes the destination ports and the
 * source ports are cut into pieces no port test of the two classes' rules can tell apart ({@link PortRegions});
 * one flow per class pair, protocol and pair of pieces is evaluated by the engine. Every flow of the space is then
 * decided like one that was evaluated, so a flow with the other verdict anywhere in the space is found.
 */
final class SpaceChecker {

    /** A source port from the range Linux uses for outgoing connections, for examples that read naturally. */
    private static final int EPHEMERAL_PORT = 49152;

    /** What the rules of one source list and one destination list test of ports. */
    private record PairPorts(
            PortRegions destination,
            Set<String> destinationNames,
            PortRegions source,
            Set<String> sourceNames,
            boolean sourcePortsMatter) {}

    private final CompiledCluster cluster;
    private final FlowSpace space;
    private final Verdict expected;
    private final Map<int[], Integer> listIds = new IdentityHashMap<>();
    private final Map<Long, PairPorts> pairPorts = new HashMap<>();
    private int evaluated;

    SpaceChecker(CompiledCluster cluster, FlowSpace space, Verdict expected) {
        this.cluster = cluster;
        this.space = space;
        this.expected = expected;
    }

    SpaceCheck run() {
        CoveredEndpoints sources = new CoveredEndpoints(cluster, space.sources());
        CoveredEndpoints destinations = new CoveredEndpoints(cluster, space.destinations());
        List<Instance> sourcePods = sources.pods();
        List<Instance> destinationPods = destinations.pods();
        // What the destinations' ingress rules test of sources, and the sources' egress rules of destinations.
        Criteria ofSources = new Criteria();
        for (int[] list : lists(destinationPods, true)) {
            EndpointClasses.rules(cluster, list, true).forEach(r -> ofSources.add(r.source));
        }
        Criteria ofDestinations = new Criteria();
        for (int[] list : lists(sourcePods, false)) {
            EndpointClasses.rules(cluster, list, false).forEach(r -> ofDestinations.add(r.destination));
        }
        Set<String> askedNames = new HashSet<>();
        for (Port p : space.ports()) {
            if (p instanceof Port.Named n) {
                askedNames.add(n.name());
            }
        }
        List<EndpointClass> from =
                new EndpointClasses(cluster, Role.SOURCE, ofSources, Set.of()).group(sources, sourcePods);
        List<EndpointClass> to = new EndpointClasses(cluster, Role.DESTINATION, ofDestinations, askedNames)
                .group(destinations, destinationPods);
        if (from.isEmpty()) {
            return nothing("no pod or address matches the sources");
        }
        if (to.isEmpty()) {
            return nothing("no pod or address matches the destinations");
        }
        boolean pairs = false;
        boolean ports = false;
        for (EndpointClass s : from) {
            for (EndpointClass d : to) {
                Instance[] pair = pair(s, d);
                if (pair == null) {
                    continue;
                }
                pairs = true;
                PairPorts pp = pairPorts(s.list, d.list);
                for (Protocol protocol : space.protocols()) {
                    int[] destinationPorts = destinationPorts(pair[1], protocol, pp);
                    if (destinationPorts.length == 0) {
                        continue;
                    }
                    ports = true;
                    SpaceCheck violation = evaluate(pair, protocol, sourcePorts(pair[0], pp), destinationPorts);
                    if (violation != null) {
                        return violation;
                    }
                }
            }
        }
        if (!pairs) {
            return nothing("the only pairs are a pod with itself or two addresses outside the cluster");
        }
        if (!ports) {
            return nothing("no destination declares the named ports with the protocol");
        }
        return new SpaceCheck(evaluated, null, null, null);
    }

    private SpaceCheck nothing(String why) {
        return new SpaceCheck(evaluated, why, null, null);
    }

    /** The distinct policy lists of the pods, for one direction. */
    private List<int[]> lists(List<Instance> pods, boolean ingress) {
        Set<int[]> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<int[]> out = new ArrayList<>();
        for (Instance i : pods) {
            int[] list = ingress ? cluster.ingressLists[i.pod()] : cluster.egressLists[i.pod()];
            if (seen.add(list)) {
                out.add(list);
            }
        }
        return out;
    }

    /**
     * A source and a destination of the two classes that are not the same pod, or null when there is none (a
     * class of one pod facing itself) or both are outside the cluster.
     */
    private static Instance @Nullable [] pair(EndpointClass s, EndpointClass d) {
        Instance source = s.first;
        Instance destination = d.first;
        if (source.pod() < 0 && destination.pod() < 0) {
            return null;
        }
        if (source.pod() >= 0 && source.pod() == destination.pod()) {
            if (d.otherPod != null) {
                destination = d.otherPod;
            } else if (s.otherPod != null) {
                source = s.otherPod;
            } else {
                return null;
            }
        }
        return new Instance[] {source, destination};
    }

    private @Nullable SpaceCheck evaluate(
            Instance[] pair, Protocol protocol, int[] sourcePorts, int[] destinationPorts) {
        FlowEndpoint source = pair[0].endpoint(cluster.index);
        FlowEndpoint destination = pair[1].endpoint(cluster.index);
        for (int sourcePort : sourcePorts) {
            for (int port : destinationPorts) {
                Flow flow = new Flow(
                        "", source, destination, protocol, port, sourcePort < 0 ? null : sourcePort, null, null);
                evaluated++;
                if (cluster.action(cluster.resolve(flow), false) != expected) {
                    return new SpaceCheck(evaluated, null, flow, cluster.evaluate(flow));
                }
            }
        }
        return null;
    }

    /**
     * The destination ports of the space at this destination (named ones as the pod declares them for the
     * protocol), one for each piece the rules of the pair can tell apart.
     */
    private int[] destinationPorts(Instance destination, Protocol protocol, PairPorts pp) {
        List<Port.Range> covered = new ArrayList<>();
        for (Port p : space.ports()) {
            switch (p) {
                case Port.Range r -> covered.add(r);
                case Port.Named n -> {
                    for (ContainerPort cp : declared(destination)) {
                        if (n.name().equals(cp.name()) && cp.protocol().number() == protocol.number()) {
                            covered.add(Port.Range.of(cp.port()));
                        }
                    }
                }
            }
        }
        if (covered.isEmpty()) {
            return new int[0];
        }
        PortRegions regions = new PortRegions();
        regions.cutAll(pp.destination);
        cutNamed(regions, destination, pp.destinationNames);
        return regions.representatives(covered, -1);
    }

    /**
     * One source port for each piece the rules of the pair can tell apart; a single "no source port" when no rule
     * of the pair tests source ports (the verdict is then the same for every source port).
     */
    private int[] sourcePorts(Instance source, PairPorts pp) {
        if (!pp.sourcePortsMatter) {
            return new int[] {-1};
        }
        PortRegions regions = new PortRegions();
        regions.cutAll(pp.source);
        cutNamed(regions, source, pp.sourceNames);
        return regions.representatives(space.sourcePorts(), EPHEMERAL_PORT);
    }

    private List<ContainerPort> declared(Instance i) {
        return i.pod() < 0 ? List.of() : cluster.index.pods[i.pod()].ports();
    }

    private void cutNamed(PortRegions regions, Instance endpoint, Set<String> names) {
        for (ContainerPort cp : declared(endpoint)) {
            if (cp.name() != null && names.contains(cp.name())) {
                regions.cut(cp.port());
            }
        }
    }

    private PairPorts pairPorts(int[] sourceList, int[] destinationList) {
        long key = (long) listIds.computeIfAbsent(sourceList, l -> listIds.size()) << 32
                | listIds.computeIfAbsent(destinationList, l -> listIds.size());
        return pairPorts.computeIfAbsent(key, k -> {
            PortRegions destination = new PortRegions();
            PortRegions source = new PortRegions();
            Set<String> destinationNames = new HashSet<>();
            Set<String> sourceNames = new HashSet<>();
            boolean sourcePortsMatter = false;
            List<CompiledRule> rules = new ArrayList<>(EndpointClasses.rules(cluster, sourceList, false));
            rules.addAll(EndpointClasses.rules(cluster, destinationList, true));
            for (CompiledRule r : rules) {
                cutRanges(destination, destinationNames, r.destination);
                cutRanges(source, sourceNames, r.source);
                sourcePortsMatter |= r.source.hasPorts || r.source.notRanges.length > 0 || r.source.notNames.length > 0;
            }
            return new PairPorts(destination, destinationNames, source, sourceNames, sourcePortsMatter);
        });
    }

    private static void cutRanges(PortRegions regions, Set<String> names, CompiledRule.Side side) {
        for (Port.Range[] ranges : List.of(side.ranges, side.notRanges)) {
            for (Port.Range r : ranges) {
                regions.cut(r);
            }
        }
        Collections.addAll(names, side.names);
        Collections.addAll(names, side.notNames);
    }
}
