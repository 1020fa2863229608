package dev.tierdeck.promotion;

import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.system.LineDiff;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A change a guardrail sent to an approver (a staged edit, adoption or rollback, or a withdrawal), with the evidence
 * the approver decides on.
 *
 * @param revision the draft revision that waited for the decision: an approval holds for exactly this revision
 * @param before the YAML in force (the enforced version, or the cluster's own for an adoption), null when none
 * @param after the staged draft's YAML; null for a withdrawal, which leaves nothing
 * @param reasons the guardrail findings that asked for an approver
 * @param change what the change does
 * @param reason why the requester adopts, rolls back or withdraws it, null for a plain edit
 */
record Approval(
        long id,
        PolicyRef ref,
        String tier,
        long revision,
        String requestedBy,
        String requesterName,
        Instant requestedAt,
        @Nullable String before,
        @Nullable String after,
        ImpactPreview impact,
        List<Reason> reasons,
        Status status,
        @Nullable String decidedBy,
        @Nullable String deciderName,
        @Nullable Instant decidedAt,
        @Nullable String comment,
        ChangeKind change,
        @Nullable String reason) {

    enum Status {
        PENDING,
        APPROVED,
        REJECTED,
        /** Staged again or deleted before anyone decided. */
        SUPERSEDED
    }

    /** One guardrail finding: the field it concerns, what is wrong, and the guardrail's name. */
    record Reason(String field, String message, @Nullable String guardrail) {}

    Approval {
        reasons = List.copyOf(reasons);
    }

    /** The policy page, where the requester sees the outcome. */
    public String page() {
        return PolicyPaths.of(ref).base();
    }

    public LineDiff diff() {
        return LineDiff.of(before, after);
    }

    boolean pending() {
        return status == Status.PENDING;
    }

    /** The change in words for the queue and the policy page: {@code withdrawal}. */
    public String changeWords() {
        return change.words();
    }

    public boolean withdrawal() {
        return change == ChangeKind.WITHDRAWAL;
    }

    /** The reasons with their guardrail, as one line for the audit trail. */
    String reasonsText() {
        return reasons.stream()
                .map(r -> r.guardrail() == null ? r.message() : r.guardrail() + ": " + r.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }
}
