package dev.tierdeck.policy.namespace;

import dev.tierdeck.engine.eval.Coverage;
import java.util.List;
import java.util.Map;

/**
 * Pods that belong together: the pods of one Deployment, StatefulSet, DaemonSet or Job, or a bare pod.
 *
 * @param kind the owner's kind ({@code Deployment}, {@code StatefulSet}, ..., or {@code Pod} for a bare pod)
 * @param name the owner's name
 * @param pods the pods' names, sorted
 * @param labels the labels every one of the pods carries (the replica-set hash left out)
 * @param ingress whether a tier can deny traffic to these pods, and which one first (see {@link WorkloadCoverage})
 * @param egress the same for traffic from them
 */
public record Workload(
        String kind,
        String name,
        List<String> pods,
        Map<String, String> labels,
        Coverage.Direction ingress,
        Coverage.Direction egress) {

    public Workload {
        pods = List.copyOf(pods);
        labels = Map.copyOf(labels);
    }

    /** The labels as {@code key=value} texts, sorted, for display. */
    public List<String> labelTexts() {
        return labels.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .sorted()
                .toList();
    }
}
