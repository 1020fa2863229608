package dev.tierdeck.policy.editor;

import dev.tierdeck.engine.model.PolicyKind;
import dev.tierdeck.policy.PolicyRef;
import org.jspecify.annotations.Nullable;

/**
 * Which policy a request edits: a new or existing NetworkPolicy of a namespace, or a GlobalNetworkPolicy.
 *
 * @param namespace null for global policies
 * @param name the policy being edited, null on the new-policy page
 */
record EditorScope(@Nullable String namespace, @Nullable String name) {

    public boolean global() {
        return namespace == null;
    }

    public boolean creating() {
        return name == null;
    }

    PolicyKind kind() {
        return global() ? PolicyKind.GlobalNetworkPolicy : PolicyKind.NetworkPolicy;
    }

    PolicyRef ref(String policyName) {
        return new PolicyRef(namespace, policyName);
    }

    /** Where the form posts. */
    public String action() {
        String base = global() ? "/global-policies" : "/namespaces/" + namespace + "/policies";
        return base + (name == null ? "/new" : "/" + name + "/edit");
    }

    /** The policy's own page, where a successful save leads. */
    String page(String policyName) {
        return global() ? "/global-policies/" + policyName : "/namespaces/" + namespace + "/policies/" + policyName;
    }

    public String title() {
        if (name == null) {
            return global() ? "New global policy" : "New policy in " + namespace;
        }
        return (global() ? "Global policy " : "Policy " + namespace + "/") + name;
    }
}
