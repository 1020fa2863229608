package dev.tierdeck.policy.namespace;

import dev.tierdeck.engine.eval.Coverage;
import java.util.List;

/**
 * Whether a workload's traffic can end in a deny, per direction, as the engine evaluates it: open when no tier can
 * deny it (only Pass or Allow policies select its pods, or none, so traffic reaches the namespace profile), else the
 * first tier in evaluation order that can.
 *
 * @param workload the workload's name (its owner: Deployment, StatefulSet, ... or the bare pod)
 */
public record WorkloadCoverage(String workload, Coverage.Direction ingress, Coverage.Direction egress) {

    /** A workload is open when any of its pods is; otherwise the tier that covers its first pod is named. */
    static Coverage.Direction combine(List<Coverage.Direction> pods) {
        return pods.stream()
                .filter(Coverage.Direction::open)
                .findFirst()
                .orElse(pods.isEmpty() ? new Coverage.Direction(true, null) : pods.getFirst());
    }
}
