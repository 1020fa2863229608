package dev.tierdeck.promotion;

import dev.tierdeck.policy.PolicyRef;
import org.jspecify.annotations.Nullable;

/** Where a policy's screens live: {@code /namespaces/{namespace}/policies/{name}} or {@code /global-policies/{name}}. */
record PolicyPaths(String base) {

    static PolicyPaths of(PolicyRef ref) {
        return new PolicyPaths(
                ref.isGlobal()
                        ? "/global-policies/" + ref.name()
                        : "/namespaces/" + ref.namespace() + "/policies/" + ref.name());
    }

    static PolicyRef ref(@Nullable String namespace, String name) {
        return namespace == null ? PolicyRef.global(name) : PolicyRef.namespaced(namespace, name);
    }

    public String edit() {
        return base + "/edit";
    }

    public String preview() {
        return base + "/preview";
    }

    public String stage() {
        return base + "/stage";
    }

    public String promote() {
        return base + "/promote";
    }

    public String delete() {
        return base + "/delete";
    }

    public String rollback() {
        return base + "/rollback";
    }

    public String diff() {
        return base + "/versions/diff";
    }
}
