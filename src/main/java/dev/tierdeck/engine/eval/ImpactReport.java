package dev.tierdeck.engine.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The flows whose enforced verdict a change flips, in input order, with counts and groupings the way a person
 * reads them.
 *
 * @param flows how many flows were considered
 * @param after the cluster with the change applied
 */
public record ImpactReport(List<FlowChange> changes, int flows, CompiledCluster after) {

    public ImpactReport {
        changes = List.copyOf(changes);
    }

    public int changed() {
        return changes.size();
    }

    public int newlyDenied() {
        return (int) changes.stream().filter(FlowChange::newlyDenied).count();
    }

    public int newlyAllowed() {
        return changed() - newlyDenied();
    }

    /** Grouped by the source's workload ({@code namespace/workload}) or address. */
    public Map<String, List<FlowChange>> bySourceWorkload() {
        return group(c -> workload(c.flow().source()));
    }

    /** Grouped by the destination's workload or address. */
    public Map<String, List<FlowChange>> byDestinationWorkload() {
        return group(c -> workload(c.flow().destination()));
    }

    /** Grouped by {@code PROTOCOL/port} (just the protocol when the flow has no port). */
    public Map<String, List<FlowChange>> byProtocolPort() {
        return group(c -> c.flow().protocol().name()
                + (c.flow().port() == null ? "" : "/" + c.flow().port()));
    }

    /** Grouped by the direction whose verdict changed: {@code egress}, {@code ingress} or {@code both}. */
    public Map<String, List<FlowChange>> byDirection() {
        return group(FlowChange::direction);
    }

    /** {@code newlyDenied} and {@code newlyAllowed}. */
    public Map<String, List<FlowChange>> byOutcome() {
        return group(c -> c.newlyDenied() ? "newlyDenied" : "newlyAllowed");
    }

    private String workload(FlowEndpoint e) {
        var pod = after.pod(e);
        return pod == null ? e.toString() : pod.workload();
    }

    private Map<String, List<FlowChange>> group(Function<FlowChange, String> key) {
        Map<String, List<FlowChange>> out = new LinkedHashMap<>();
        for (FlowChange c : changes) {
            out.computeIfAbsent(key.apply(c), k -> new java.util.ArrayList<>()).add(c);
        }
        return out;
    }
}
