package dev.tierdeck.engine.assertion;

import dev.tierdeck.engine.eval.EndpointSet;
import dev.tierdeck.engine.eval.FlowSpace;
import dev.tierdeck.engine.eval.Verdict;
import dev.tierdeck.engine.model.Port;
import dev.tierdeck.engine.model.Protocol;
import java.util.List;

/**
 * A connectivity assertion: every connection from {@code source} to {@code destination}, with one of the
 * protocols, to one of the ports, from any source port, gets the enforced verdict {@code expect}. A connection
 * needs a pod on at least one side and is never a pod's traffic to itself; what each side covers is described on
 * {@link EndpointSet}.
 *
 * @param name unique within a set of assertions
 * @param protocols TCP, UDP or SCTP ({@link #DEFAULT_PROTOCOLS} when the file names none)
 * @param ports destination ports: numbers, ranges and names (resolved per destination pod with each protocol);
 *     empty means every port, 1 to 65535
 * @param expect {@link Verdict#Allow} (must be reachable) or {@link Verdict#Deny} (must never be)
 */
public record Assertion(
        String name,
        EndpointSet source,
        EndpointSet destination,
        List<Protocol> protocols,
        List<Port> ports,
        Verdict expect) {

    /** The protocol of an assertion that names none: TCP, as in Kubernetes policy ports. */
    public static final List<Protocol> DEFAULT_PROTOCOLS = List.of(Protocol.TCP);

    public Assertion {
        protocols = List.copyOf(protocols);
        ports = List.copyOf(ports);
    }

    /** The connections the assertion is about. */
    public FlowSpace space() {
        return FlowSpace.of(source, destination, protocols, ports.isEmpty() ? List.of(FlowSpace.EVERY_PORT) : ports);
    }
}
