package dev.tierdeck.flow;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stored flows joined with the current cluster: those that map onto current endpoints, ready for the engine, and
 * those that do not, each with the reason.
 */
public record ReplaySet(List<ReplayFlow> flows, List<Unmapped> unmapped) {

    public ReplaySet {
        flows = List.copyOf(flows);
        unmapped = List.copyOf(unmapped);
    }

    /** A stored flow that could not be mapped; {@code reason} names the side and what is missing. */
    public record Unmapped(FlowRecord flow, Reason reason, String detail) {}

    /** Why a stored flow has no counterpart in the current cluster. */
    public enum Reason {
        /** No current pod in the namespace has the aggregated name (or its workload) and the flow's labels. */
        NO_MATCHING_POD,
        /** The named (Global)NetworkSet no longer exists, or lists no address. */
        NO_NETWORK_SET,
        /** Host endpoints are not part of the cluster model. */
        HOST_ENDPOINT,
        /** No address of the public or private network lies outside every network set. */
        NETWORK_COVERED_BY_NETWORK_SET,
        /** The protocol is not one the engine evaluates. */
        UNKNOWN_PROTOCOL
    }

    /** How many flows could not be mapped, by reason. */
    public Map<Reason, Long> unmappedByReason() {
        Map<Reason, Long> out = new TreeMap<>();
        for (Unmapped u : unmapped) {
            out.merge(u.reason(), 1L, Long::sum);
        }
        return out;
    }
}
