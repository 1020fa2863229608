package dev.tierdeck.promotion;

import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A staged change a guardrail sent to an approver, with the evidence the approver decides on.
 *
 * @param revision the draft revision that was staged: an approval holds for exactly this revision
 * @param before the enforced version's YAML, null when nothing is enforced yet
 * @param after the staged draft's YAML
 * @param reasons the guardrail findings that asked for an approver
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
        String after,
        ImpactPreview impact,
        List<Reason> reasons,
        Status status,
        @Nullable String decidedBy,
        @Nullable String deciderName,
        @Nullable Instant decidedAt,
        @Nullable String comment) {

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

    /** Whether it approves the draft at {@code draftRevision}. */
    boolean approves(long draftRevision) {
        return status == Status.APPROVED && revision == draftRevision;
    }
}
