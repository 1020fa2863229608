package dev.tierdeck.flow;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One end of an observed flow. For a {@link EndpointType#WorkloadEndpoint} the name is the aggregated pod name
 * (the pods' GenerateName followed by {@code *}, e.g. {@code api-7d9f8c-*}) and the labels are the
 * intersection of the labels of the aggregated pods (calico-semantics §4.4). {@code namespace} is {@code null}
 * for cluster-scoped endpoints (Goldmane writes {@code -}); a {@link EndpointType#Network} is named
 * {@code pub} or {@code pvt}.
 */
public record FlowEndpoint(String name, @Nullable String namespace, EndpointType type, Map<String, String> labels) {

    public FlowEndpoint {
        labels = Map.copyOf(labels);
    }

    public static FlowEndpoint workload(String namespace, String name, Map<String, String> labels) {
        return new FlowEndpoint(name, namespace, EndpointType.WorkloadEndpoint, labels);
    }

    public static FlowEndpoint publicNetwork() {
        return new FlowEndpoint("pub", null, EndpointType.Network, Map.of());
    }

    public static FlowEndpoint privateNetwork() {
        return new FlowEndpoint("pvt", null, EndpointType.Network, Map.of());
    }

    /** {@code namespace/name}, or the bare name for cluster-scoped endpoints. */
    public String displayName() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
