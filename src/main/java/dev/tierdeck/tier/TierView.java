package dev.tierdeck.tier;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One tier as the admin console shows it: Calico's fields from the cluster, Tierdeck's governance, and the policies
 * in it in evaluation order.
 *
 * @param order {@code null} when the tier has none (evaluated last)
 * @param builtIn one of the tiers every cluster has (calico-semantics §1.2); their order and default action are fixed
 * @param resourceVersion of the Tier object in the cluster ({@code null} for a built-in tier not declared there)
 * @param editable whether the viewing admin may change it
 */
record TierView(
        String name,
        @Nullable Double order,
        String defaultAction,
        boolean builtIn,
        @Nullable String resourceVersion,
        TierSettings settings,
        boolean editable,
        List<PolicyView> policies) {

    /** The order as people write it: {@code 100} rather than {@code 100.0}; empty when unset. */
    public String orderText() {
        return formatOrder(order);
    }

    static String formatOrder(@Nullable Double order) {
        if (order == null) {
            return "";
        }
        return order == Math.rint(order) && Math.abs(order) < 1e15
                ? Long.toString(order.longValue())
                : order.toString();
    }

    /**
     * A policy in the tier.
     *
     * @param namespace {@code null} for cluster-scoped kinds
     * @param selector the selector in Calico's canonical form
     * @param podsByNamespace how many pods it applies to in each namespace
     */
    record PolicyView(
            String kind,
            @Nullable String namespace,
            String name,
            @Nullable Double order,
            String selector,
            Map<String, Integer> podsByNamespace) {

        public int pods() {
            return podsByNamespace.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The namespaces with the most selected pods, at most {@link PolicyPages#NAMESPACES}, by name. */
        public Map<String, Integer> shownNamespaces() {
            return PolicyPages.largest(podsByNamespace);
        }

        public String orderText() {
            return formatOrder(order);
        }
    }
}
