package dev.tierdeck.tier;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.engine.model.RuleAction;
import org.jspecify.annotations.Nullable;

/**
 * Calico Tier objects in the cluster, written as the acting admin (impersonation). Failures raise the cluster
 * gateway's exceptions ({@code ClusterAccessDeniedException} when the admin's own RBAC refuses, conflicts, outages).
 */
interface ClusterTiers {

    /** Creates the tier; returns its resourceVersion. */
    @Nullable
    String create(ActingUser admin, String name, @Nullable Double order, RuleAction defaultAction);

    /** Replaces order and default action if the tier still has {@code resourceVersion}; returns the new one. */
    @Nullable
    String replace(
            ActingUser admin,
            String name,
            @Nullable Double order,
            RuleAction defaultAction,
            @Nullable String resourceVersion);

    /** Deletes the tier if it still has {@code resourceVersion}. */
    void delete(ActingUser admin, String name, @Nullable String resourceVersion);
}
