package dev.tierdeck.promotion;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An approver granted or rejected a request. Published inside the transaction that records the decision.
 *
 * @param policy {@code namespace/name}, or the name of a global policy
 * @param namespace the policy's namespace, null for a global policy
 * @param granted true when approved, false when rejected
 * @param comment the approver's comment, null when none
 * @param page the policy page's path
 */
public record ApprovalDecided(
        long requestId,
        String policy,
        @Nullable String namespace,
        String tier,
        String change,
        boolean granted,
        String requestedBy,
        String decidedBy,
        @Nullable String comment,
        String page,
        Instant at) {

    static ApprovalDecided of(Approval a) {
        return new ApprovalDecided(
                a.id(),
                a.ref().toString(),
                a.ref().namespace(),
                a.tier(),
                a.changeWords(),
                a.status() == Approval.Status.APPROVED,
                a.requesterName(),
                Objects.requireNonNullElse(a.deciderName(), "an approver"),
                a.comment(),
                a.page(),
                Objects.requireNonNullElse(a.decidedAt(), a.requestedAt()));
    }
}
