package dev.tierdeck.exception;

import dev.tierdeck.engine.eval.Flow;
import dev.tierdeck.engine.eval.FlowEndpoint;
import dev.tierdeck.engine.model.ClusterState;
import dev.tierdeck.engine.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What an exception lets through, fixed when it is requested: each end as the pod's namespace and workload (read from
 * the pod's labels then, so that a later relabelling or a rescheduled pod does not change what was granted) or as an
 * address, the protocol and the port.
 *
 * @param port null for protocols without ports
 */
record ExceptionTarget(
        End source,
        End destination,
        String protocol,
        @Nullable Integer port) {

    /** Labels that tell the pods of one workload apart and so never name the workload. */
    private static final List<String> PER_POD_LABELS = List.of(
            "pod-template-hash",
            "controller-revision-hash",
            "statefulset.kubernetes.io/pod-name",
            "pod-template-generation",
            "apps.kubernetes.io/pod-index");

    /** Labels that name a workload on their own, in order of preference. */
    private static final List<String> WORKLOAD_LABELS = List.of("app", "app.kubernetes.io/name", "k8s-app");

    /**
     * One end.
     *
     * @param namespace the pod's namespace; null for an address
     * @param workload the selector of the pod's workload (its labels without the per-pod ones); null for an address or
     *     a pod without any such label
     * @param address an IP address; null for a pod
     * @param pod the pod the flow was asked about, {@code namespace/name}; null for an address
     */
    record End(
            @Nullable String namespace,
            @Nullable String workload,
            @Nullable String address,
            @Nullable String pod) {

        boolean inCluster() {
            return namespace != null;
        }

        /** The selector of this end at {@code breadth}, with its namespace; null for an address. */
        @Nullable
        String selector(ExceptionScope.Breadth breadth) {
            if (namespace == null) {
                return null;
            }
            String ns = "projectcalico.org/namespace == '" + namespace + "'";
            return breadth == ExceptionScope.Breadth.NAMESPACE || workload == null ? ns : ns + " && " + workload;
        }

        String words(ExceptionScope.Breadth breadth) {
            if (address != null) {
                return address;
            }
            return breadth == ExceptionScope.Breadth.NAMESPACE || workload == null
                    ? "every pod of " + namespace
                    : namespace + " (" + workload + ")";
        }
    }

    static ExceptionTarget of(Flow flow, ClusterState state) {
        return new ExceptionTarget(
                end(flow.source(), state),
                end(flow.destination(), state),
                flow.protocol().name(),
                flow.port());
    }

    private static End end(FlowEndpoint endpoint, ClusterState state) {
        return switch (endpoint) {
            case FlowEndpoint.Address a -> new End(null, null, a.ip(), null);
            case FlowEndpoint.PodRef p -> {
                Pod pod = Objects.requireNonNull(state.pod(p.namespace(), p.name()), "pod " + p);
                yield new End(p.namespace(), workload(pod.labels()), null, p.toString());
            }
        };
    }

    /** {@code app == 'checkout-frontend'}; all stable labels when none names the workload alone; null when none. */
    static @Nullable String workload(Map<String, String> labels) {
        for (String key : WORKLOAD_LABELS) {
            String value = labels.get(key);
            if (value != null) {
                return key + " == '" + value + "'";
            }
        }
        Map<String, String> stable = new TreeMap<>(labels);
        stable.keySet().removeAll(PER_POD_LABELS);
        if (stable.isEmpty()) {
            return null;
        }
        return String.join(
                " && ",
                stable.entrySet().stream()
                        .map(e -> e.getKey() + " == '" + e.getValue() + "'")
                        .toList());
    }

    String words(ExceptionScope scope) {
        return source.words(scope.source()) + " → " + destination.words(scope.destination()) + " " + protocol
                + (port == null ? "" : scope.anyPort() ? " (any port)" : "/" + port);
    }
}
