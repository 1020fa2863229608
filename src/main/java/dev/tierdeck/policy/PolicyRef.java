package dev.tierdeck.policy;

import org.jspecify.annotations.Nullable;

/**
 * Names a policy the portal manages: a Calico {@code NetworkPolicy} in {@code namespace}, or a
 * {@code GlobalNetworkPolicy} when {@code namespace} is null. Since Calico 3.32 policy names carry no tier prefix,
 * so the name alone is unique within its scope, whatever the tier.
 */
public record PolicyRef(@Nullable String namespace, String name) {

    public static PolicyRef namespaced(String namespace, String name) {
        return new PolicyRef(namespace, name);
    }

    public static PolicyRef global(String name) {
        return new PolicyRef(null, name);
    }

    public boolean isGlobal() {
        return namespace == null;
    }

    @Override
    public String toString() {
        return namespace == null ? name : namespace + "/" + name;
    }
}
