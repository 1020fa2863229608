package dev.tierdeck.promotion;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A change waits for an approver. Published inside the transaction that opens the request, so a listener that writes
 * to the database commits (or rolls back) with it.
 *
 * @param policy {@code namespace/name}, or the name of a global policy
 * @param namespace the policy's namespace, null for a global policy
 * @param change what the change does, in words ({@code edit}, {@code withdrawal}, ...)
 * @param reasons the guardrail findings that asked for an approver, as one line
 * @param page the policy page's path
 */
public record ApprovalRequested(
        long requestId,
        String policy,
        @Nullable String namespace,
        String tier,
        String change,
        String requestedBy,
        String reasons,
        String page,
        Instant at) {

    static ApprovalRequested of(Approval a) {
        return new ApprovalRequested(
                a.id(),
                a.ref().toString(),
                a.ref().namespace(),
                a.tier(),
                a.changeWords(),
                a.requesterName(),
                a.reasonsText(),
                a.page(),
                a.requestedAt());
    }
}
