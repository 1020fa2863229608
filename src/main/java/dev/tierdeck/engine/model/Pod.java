package dev.tierdeck.engine.model;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pod as a workload endpoint: labels, service account ({@code default} when omitted), IPs (the first is
 * {@code status.podIP}) and declared container ports.
 */
public record Pod(
        String namespace,
        String name,
        Map<String, String> labels,
        String serviceAccountName,
        List<String> ips,
        List<ContainerPort> ports)
        implements ClusterObject {

    public Pod {
        labels = Map.copyOf(labels);
        ips = List.copyOf(ips);
        ports = List.copyOf(ports);
    }

    /** {@code status.podIP}, or {@code null} for a pod without an address. */
    public @Nullable String ip() {
        return ips.isEmpty() ? null : ips.get(0);
    }

    /**
     * The workload a pod belongs to, for grouping: the name without a StatefulSet ordinal ({@code -0}) or a
     * Deployment's replica-set and pod hashes ({@code web-7d4b9c8f6-x2x9k}); other names are kept as they are.
     */
    public String workload() {
        return namespace + "/" + workloadName(name);
    }

    static String workloadName(String name) {
        String[] parts = name.split("-");
        if (parts.length >= 3
                && parts[parts.length - 1].matches("[a-z0-9]{5}")
                && parts[parts.length - 2].matches("[a-z0-9]{6,10}")) {
            return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 2));
        }
        if (parts.length >= 2 && parts[parts.length - 1].matches("[0-9]+")) {
            return String.join("-", java.util.Arrays.copyOf(parts, parts.length - 1));
        }
        return name;
    }

    @Override
    public ObjectKey key() {
        return new ObjectKey("Pod", namespace, name);
    }
}
