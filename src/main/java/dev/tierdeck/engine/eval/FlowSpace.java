package dev.tierdeck.engine.eval;

import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.List;
import java.util.function.Predicate;

/**
 * A set of connections: from any endpoint of {@code sources} to any endpoint of {@code destinations}, with any of
 * the protocols, to any of the destination ports, from any of the source ports. A pod never counts as a connection
 * to itself (that traffic does not leave the pod), and two outside addresses are no cluster traffic: every
 * connection has a pod on at least one side.
 *
 * @param protocols protocols with ports: TCP, UDP, SCTP
 * @param ports destination ports: numbers and ranges, and port names resolved per destination pod with the
 *     connection's protocol (calico-semantics §2.7); an outside destination has no named ports
 * @param sourcePorts source port ranges; real connections come from any port, see {@link #EVERY_PORT}
 */
public record FlowSpace(
        EndpointSet sources,
        EndpointSet destinations,
        List<Protocol> protocols,
        List<Port> ports,
        List<Port.Range> sourcePorts) {

    /** Every port, 1 to 65535. */
    public static final Port.Range EVERY_PORT = new Port.Range(1, 65535);

    public FlowSpace {
        protocols = List.copyOf(protocols);
        ports = List.copyOf(ports);
        sourcePorts = List.copyOf(sourcePorts);
        if (protocols.isEmpty() || ports.isEmpty() || sourcePorts.isEmpty()) {
            throw new IllegalArgumentException("a flow space needs protocols, ports and source ports");
        }
        for (Protocol p : protocols) {
            if (!p.supportsPorts()) {
                throw new IllegalArgumentException("protocol " + p + " has no ports");
            }
        }
    }

    /** Connections from any source port. */
    public static FlowSpace of(
            EndpointSet sources, EndpointSet destinations, List<Protocol> protocols, List<Port> ports) {
        return new FlowSpace(sources, destinations, protocols, ports, List.of(EVERY_PORT));
    }

    /**
     * Whether every connection of the space gets {@code expected} as its enforced verdict on {@code cluster}. The
     * answer is exact: connections are grouped into classes the cluster's policies provably decide alike, and one
     * connection of each class is evaluated by the engine (the path {@code evaluate} takes), stopping at the first
     * one that gets the other verdict.
     */
    public SpaceCheck check(CompiledCluster cluster, Verdict expected) {
        return new SpaceChecker(cluster, this, expected).run();
    }

    /**
     * A test of single flows against the space (for observed flows): whether the flow's protocol, ports and both
     * endpoints, as the engine resolves them on {@code cluster}, fall inside. A flow without a source port is taken
     * to come from a covered one; a flow naming a pod the cluster does not have is not covered.
     */
    public Predicate<Flow> coverage(CompiledCluster cluster) {
        return new SpaceCoverage(cluster, this);
    }
}
