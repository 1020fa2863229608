package dev.tierdeck.policy.namespace;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The workload a pod belongs to, read from the pod's manifest: its controlling owner reference, with a Deployment's
 * ReplicaSet traced back to the Deployment through the {@code pod-template-hash} label that Kubernetes appends to the
 * ReplicaSet's name. A pod without owner references but with that label (as some exports are) is grouped the same way.
 */
final class Owners {

    static final String TEMPLATE_HASH = "pod-template-hash";

    private Owners() {}

    /** The owner of a pod manifest: kind and name; a bare pod owns itself. */
    record Owner(String kind, String name) {}

    static Owner of(Map<String, Object> pod, String podName, Map<String, String> labels) {
        String hash = labels.get(TEMPLATE_HASH);
        Map<?, ?> reference = controller(pod);
        if (reference != null
                && reference.get("kind") instanceof String kind
                && reference.get("name") instanceof String name) {
            if (kind.equals("ReplicaSet") && hash != null && name.endsWith("-" + hash)) {
                return new Owner("Deployment", name.substring(0, name.length() - hash.length() - 1));
            }
            return new Owner(kind, name);
        }
        if (hash != null) {
            int at = podName.lastIndexOf("-" + hash + "-");
            if (at > 0) {
                return new Owner("Deployment", podName.substring(0, at));
            }
        }
        return new Owner("Pod", podName);
    }

    private static @Nullable Map<?, ?> controller(Map<String, Object> pod) {
        if (!(pod.get("metadata") instanceof Map<?, ?> metadata)
                || !(metadata.get("ownerReferences") instanceof List<?> references)) {
            return null;
        }
        Map<?, ?> first = null;
        for (Object o : references) {
            if (o instanceof Map<?, ?> reference) {
                if (Boolean.TRUE.equals(reference.get("controller"))) {
                    return reference;
                }
                if (first == null) {
                    first = reference;
                }
            }
        }
        return first;
    }
}
