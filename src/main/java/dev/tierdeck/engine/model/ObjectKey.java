package dev.tierdeck.engine.model;

import org.jspecify.annotations.Nullable;

/**
 * Identity of a cluster object: kind, namespace ({@code null} for cluster-scoped) and name. Kubernetes
 * NetworkPolicies use the kind {@code KubernetesNetworkPolicy} so they never collide with Calico's.
 */
public record ObjectKey(String kind, @Nullable String namespace, String name) {

    @Override
    public String toString() {
        return kind + " " + (namespace == null ? "" : namespace + "/") + name;
    }
}
