package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The portal's working copy of one policy.
 *
 * @param ref which policy
 * @param policy the content, always of an enforced kind ({@code NetworkPolicy} or {@code GlobalNetworkPolicy})
 * @param state where it stands
 * @param revision increases on every change; callers pass it back to guard against lost updates
 * @param updatedBy username of whoever changed it last
 * @param updatedAt when
 * @param enforcedVersion the version number currently in force, null when never promoted
 * @param stagedResourceVersion the cluster resourceVersion of the staged object, null when not staged
 * @param note the last approver's or system's comment (why it was rejected, for instance), null when none
 */
public record PolicyDraft(
        PolicyRef ref,
        CalicoPolicy policy,
        PolicyState state,
        long revision,
        String updatedBy,
        Instant updatedAt,
        @Nullable Integer enforcedVersion,
        @Nullable String stagedResourceVersion,
        @Nullable String note) {

    public String tier() {
        return policy.tier();
    }
}
