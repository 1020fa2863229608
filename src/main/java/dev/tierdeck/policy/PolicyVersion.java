package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One promoted version of a policy, kept for ever: version numbers start at 1 per policy and never repeat.
 *
 * @param policy the content that was put in force ({@code null} content never: a deletion is not a version)
 * @param promotionId the promotion that applied it
 * @param clusterRevision the enforced object's resourceVersion after the promotion, null when unknown
 * @param approvalId the approval request whose approver accepted this content, null when none was needed
 */
public record PolicyVersion(
        PolicyRef ref,
        int version,
        CalicoPolicy policy,
        String promotedBy,
        Instant promotedAt,
        String promotionId,
        @Nullable String clusterRevision,
        @Nullable Long approvalId) {

    /** Whether an approver accepted this version (as opposed to one that needed no approval). */
    public boolean approved() {
        return approvalId != null;
    }
}
