package dev.tierdeck.policy.namespace;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy that applies to some of a namespace's pods, as shown in the stack. Always a summary (what it selects, how
 * many rules); the YAML only where the viewer may read it: never for a confidential tier, and for developers only in
 * the tiers they write in.
 *
 * @param kind {@code NetworkPolicy}, {@code GlobalNetworkPolicy}, {@code KubernetesNetworkPolicy} or
 *     {@code ClusterNetworkPolicy}
 * @param namespace null for cluster-wide policies
 * @param selects the selector, in Calico's syntax
 * @param types the directions it applies to
 * @param workloads the namespace's workloads it selects, by name
 * @param managed the portal manages it (it has a draft here)
 * @param yaml the manifest, null when hidden from the viewer
 */
public record StackPolicy(
        String kind,
        @Nullable String namespace,
        String name,
        @Nullable Double order,
        String selects,
        List<String> types,
        int ingressRules,
        int egressRules,
        List<String> workloads,
        boolean managed,
        @Nullable String yaml) {

    public StackPolicy {
        types = List.copyOf(types);
        workloads = List.copyOf(workloads);
    }

    public String orderText() {
        return format(order);
    }

    static String format(@Nullable Double order) {
        if (order == null) {
            return "";
        }
        return order == Math.rint(order) && Math.abs(order) < 1e15
                ? Long.toString(order.longValue())
                : order.toString();
    }
}
