package dev.tierdeck.policy.namespace;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A policy that applies to some of a namespace's pods, as shown in the stack: a summary (what it selects, how many
 * rules) and the YAML where the viewer may read it. A policy they may not read (a confidential tier's, for everyone
 * but admins) is shown by its kind, tier and owner only: its name, selector and YAML are withheld.
 *
 * @param kind {@code NetworkPolicy}, {@code GlobalNetworkPolicy}, {@code KubernetesNetworkPolicy} or
 *     {@code ClusterNetworkPolicy}
 * @param namespace null for cluster-wide policies
 * @param selects the selector, in Calico's syntax
 * @param types the directions it applies to
 * @param workloads the namespace's workloads it selects, by name
 * @param managed the portal manages it (it has a draft here)
 * @param yaml the manifest, null when hidden from the viewer
 * @param owner who owns the policy, when its name and content are withheld from the viewer; null otherwise
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
        @Nullable String yaml,
        @Nullable String owner) {

    public StackPolicy {
        types = List.copyOf(types);
        workloads = List.copyOf(workloads);
    }

    StackPolicy(
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
        this(kind, namespace, name, order, selects, types, ingressRules, egressRules, workloads, managed, yaml, null);
    }

    /** The same policy with its name, selector and YAML withheld, naming {@code owner} instead. */
    StackPolicy withheld(String owner) {
        return new StackPolicy(
                kind, namespace, "", order, "", types, ingressRules, egressRules, workloads, false, null, owner);
    }

    public boolean isWithheld() {
        return owner != null;
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
