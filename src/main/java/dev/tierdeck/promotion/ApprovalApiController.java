package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.preview.ImpactPreview;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The approval queue for automation: approvers only, never one's own request. */
@RestController
@RequestMapping("/api/v1/approvals")
@Tag(name = "Approvals")
@ApiResponse(responseCode = "403", description = "Not an approver of that namespace, or your own request")
class ApprovalApiController {

    private final Approvals approvals;

    ApprovalApiController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping
    @Operation(summary = "Pending requests you approve, oldest first")
    List<ApprovalResponse> list(CurrentUser user) {
        return approvals.queue(user).stream().map(ApprovalResponse::of).toList();
    }

    @PostMapping("/{id}/approve")
    @Operation(
            summary = "Approve exactly the requested revision",
            description = "The requester may then promote the change, or carry out the withdrawal (DELETE again).")
    @ApiResponse(responseCode = "409", description = "Already decided, or the policy changed since")
    ApprovalResponse approve(
            CurrentUser user, @PathVariable long id, @RequestBody(required = false) @Nullable Decision decision) {
        return ApprovalResponse.of(approvals.approve(user, id, decision == null ? null : decision.comment()));
    }

    @PostMapping("/{id}/reject")
    @Operation(summary = "Reject, with a comment the requester reads")
    @ApiResponse(responseCode = "422", description = "No comment")
    ApprovalResponse reject(
            CurrentUser user, @PathVariable long id, @RequestBody(required = false) @Nullable Decision decision) {
        return ApprovalResponse.of(approvals.reject(user, id, decision == null ? null : decision.comment()));
    }

    @Schema(name = "ApprovalDecision")
    record Decision(@Nullable String comment) {}

    @Schema(name = "Approval")
    record ApprovalResponse(
            long id,
            @Nullable String namespace,
            String name,
            String tier,
            long revision,
            String requestedBy,
            Instant requestedAt,
            @Nullable String before,
            @Nullable String after,
            ImpactPreview impact,
            List<Approval.Reason> reasons,
            String status,
            @Nullable String decidedBy,
            @Nullable Instant decidedAt,
            @Nullable String comment,

            @Schema(
                    description = "What the change does",
                    allowableValues = {"EDIT", "ADOPTION", "ROLLBACK", "WITHDRAWAL"})
            String change,

            @Schema(description = "Why the requester adopts, rolls back or withdraws it") @Nullable
            String reason) {

        static ApprovalResponse of(Approval a) {
            return new ApprovalResponse(
                    a.id(),
                    a.ref().namespace(),
                    a.ref().name(),
                    a.tier(),
                    a.revision(),
                    a.requestedBy(),
                    a.requestedAt(),
                    a.before(),
                    a.after(),
                    a.impact(),
                    a.reasons(),
                    a.status().name(),
                    a.decidedBy(),
                    a.decidedAt(),
                    a.comment(),
                    a.change().name(),
                    a.reason());
        }
    }
}
