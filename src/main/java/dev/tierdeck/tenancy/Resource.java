package dev.tierdeck.tenancy;

import org.jspecify.annotations.Nullable;

/** What an {@link Action} is done to. Plain values: who owns them and how their tier is governed is looked up. */
public sealed interface Resource {

    /** The portal as a whole: the admin console, the guardrails, the approval queue, the whole audit trail. */
    Portal PORTAL = new Portal();

    static Namespace namespace(String name) {
        return new Namespace(name);
    }

    /** A NetworkPolicy of {@code namespace}, or a global policy when {@code namespace} is null, in {@code tier}. */
    static Policy policy(@Nullable String namespace, String tier) {
        return new Policy(namespace, tier, null);
    }

    /** A change to a policy made by {@code author}, for deciding it ({@link Action#APPROVE}). */
    static Policy change(@Nullable String namespace, String tier, String author) {
        return new Policy(namespace, tier, author);
    }

    static Tier tier(String name) {
        return new Tier(name);
    }

    /**
     * A connectivity assertion of {@code namespace} (stated by the teams that own it about traffic to or from it), or
     * a global one when {@code namespace} is null (stated by the admins about the whole cluster).
     */
    static Assertion assertion(@Nullable String namespace) {
        return new Assertion(namespace);
    }

    /** A flow by the namespaces of its ends; null for an end outside the cluster (an address). */
    static Flow flow(@Nullable String sourceNamespace, @Nullable String destinationNamespace) {
        return new Flow(sourceNamespace, destinationNamespace);
    }

    /** A namespace: its page, its workloads and flows, and the policies one may create in it. */
    record Namespace(String name) implements Resource {}

    /**
     * A policy.
     *
     * @param namespace null for a global policy (GlobalNetworkPolicy)
     * @param tier the tier it is (or would be) written in
     * @param author who made the change an approver decides; null when no change is being decided
     */
    record Policy(
            @Nullable String namespace,
            String tier,
            @Nullable String author) implements Resource {

        public boolean global() {
            return namespace == null;
        }
    }

    /** A Calico tier, as the admin console governs it. */
    record Tier(String name) implements Resource {}

    /**
     * A flow, for explaining it.
     *
     * @param source the namespace of the source pod, null when the source is an address
     * @param destination the namespace of the destination pod, null when the destination is an address
     */
    record Flow(@Nullable String source, @Nullable String destination) implements Resource {}

    /**
     * A connectivity assertion, by its scope.
     *
     * @param namespace null for a global assertion
     */
    record Assertion(@Nullable String namespace) implements Resource {

        public boolean global() {
            return namespace == null;
        }
    }

    /** See {@link #PORTAL}. */
    record Portal() implements Resource {}
}
