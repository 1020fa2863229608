package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Stage, promote, roll back and withdraw for automation, under the same rules as the pages. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Promotion")
@ApiResponse(responseCode = "403", description = "Not your namespace, a locked tier, or not a developer or admin")
@ApiResponse(responseCode = "404", description = "No such managed policy")
class PromotionApiController {

    private static final String NAMESPACED = "/namespaces/{namespace}/policies/{name}";
    private static final String GLOBAL = "/global-policies/{name}";

    private final Staging staging;
    private final Promotions promotions;
    private final Rollbacks rollbacks;
    private final Removal removal;

    PromotionApiController(Staging staging, Promotions promotions, Rollbacks rollbacks, Removal removal) {
        this.staging = staging;
        this.promotions = promotions;
        this.rollbacks = rollbacks;
        this.removal = removal;
    }

    @PostMapping({NAMESPACED + "/stage", GLOBAL + "/stage"})
    @Operation(
            summary = "Stage the draft",
            description = "Checks the draft again, writes it to the cluster as a StagedNetworkPolicy (or"
                    + " StagedGlobalNetworkPolicy) as you, and opens an approval request when a guardrail asks"
                    + " for one.")
    @ApiResponse(responseCode = "409", description = "Already in force, or the staged object changed meanwhile")
    @ApiResponse(responseCode = "422", description = "Blocking problems, each named in 'problems'")
    StageResponse stage(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name) {
        return StageResponse.of(staging.stage(user, PolicyPaths.ref(namespace, name)));
    }

    @PostMapping({NAMESPACED + "/promote", GLOBAL + "/promote"})
    @Operation(
            summary = "Promote the staged policy",
            description = "Staged → enforced, as you. Idempotent per Idempotency-Key: a repeated request with the"
                    + " same key answers with the first result and never promotes twice.")
    @ApiResponse(
            responseCode = "409",
            description = "Not staged, awaiting approval, rejected, or changed in the cluster")
    @ApiResponse(
            responseCode = "202",
            description = "Not promoted: the live evidence falls short of the promotion-evidence guardrail, so an"
                    + " approval request was opened (body: AwaitingApproval)")
    @ApiResponse(responseCode = "422", description = "The promotion-evidence guardrail blocks it for now")
    ResponseEntity<?> promote(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @Parameter(description = "Any unique string (a UUID); repeat it to retry safely")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String key) {
        try {
            return ResponseEntity.ok(PromotionResponse.of(promotions.promote(
                    user,
                    PolicyPaths.ref(namespace, name),
                    key == null ? UUID.randomUUID().toString() : key)));
        } catch (EvidenceGate.AwaitingApproval e) {
            Approval a = e.approval();
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(new AwaitingApprovalResponse(
                            a.ref().toString(),
                            a.id(),
                            "awaiting-approval",
                            a.reasons().stream()
                                    .map(r -> r.field() + ": " + r.message())
                                    .toList()));
        }
    }

    @PostMapping({NAMESPACED + "/rollback", GLOBAL + "/rollback"})
    @Operation(
            summary = "Roll back to a version",
            description = "Saves version N's content as the draft, audited as a rollback with the reason (the reason"
                    + " parameter or {\"reason\": \"...\"} as the body). Nothing changes in the cluster until it is"
                    + " staged, previewed and promoted like any change; staging asks an approver again unless an"
                    + " approver accepted that very version and the guardrails find what they found then.")
    @ApiResponse(responseCode = "422", description = "No reason, or the version no longer passes the checks")
    DraftResponse rollback(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam int version,
            @Parameter(description = "Why the policy goes back to that version (or send it in the body)")
                    @RequestParam(required = false)
                    @Nullable
                    String reason,
            @RequestBody(required = false) @Nullable Reason body) {
        return DraftResponse.of(
                rollbacks.rollBack(user, PolicyPaths.ref(namespace, name), version, Reason.of(reason, body)));
    }

    @DeleteMapping({NAMESPACED, GLOBAL})
    @Operation(
            summary = "Withdraw the policy (or delete a draft)",
            description = "A policy in force is withdrawn like any change: the reason is required (the reason"
                    + " parameter or {\"reason\": \"...\"} as the body), the loosening guardrail judges what"
                    + " taking it out newly allows over the flow history, and when a guardrail asks for an approver"
                    + " the answer is 202 with the approval request: the policy stays in force until it is approved."
                    + " Once approved, the same DELETE carries the withdrawal out (204). Withdrawn, the draft and"
                    + " its versions stay; a draft with nothing in force is forgotten.")
    @ApiResponse(responseCode = "202", description = "Waiting for an approver; nothing changed in the cluster yet")
    @ApiResponse(responseCode = "204", description = "Withdrawn (or the draft forgotten)")
    @ApiResponse(responseCode = "409", description = "Its withdrawal already waits for an approver, or it changed")
    @ApiResponse(responseCode = "422", description = "No reason, or a blocking guardrail")
    ResponseEntity<ApprovalApiController.ApprovalResponse> delete(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @Parameter(description = "Why it is withdrawn (or send it in the body)")
                    @RequestParam(required = false)
                    @Nullable
                    String reason,
            @RequestBody(required = false) @Nullable Reason body) {
        Removal.Outcome outcome = removal.delete(user, PolicyPaths.ref(namespace, name), Reason.of(reason, body));
        if (outcome instanceof Removal.AwaitingApproval waiting) {
            return ResponseEntity.status(HttpStatus.ACCEPTED)
                    .body(ApprovalApiController.ApprovalResponse.of(waiting.approval()));
        }
        return ResponseEntity.noContent().build();
    }

    /** Why an adoption, a rollback or a withdrawal is made, as a body: {@code {"reason": "..."}}. */
    @Schema(name = "ChangeReason")
    record Reason(@Nullable String reason) {

        static @Nullable String of(@Nullable String parameter, @Nullable Reason body) {
            return parameter != null ? parameter : body == null ? null : body.reason();
        }
    }

    @Schema(name = "Draft")
    record DraftResponse(
            @Nullable String namespace,
            String name,
            String state,
            String change,
            long revision,
            @Nullable Integer enforcedVersion,
            @Nullable String stagedResourceVersion,
            @Nullable Long approvalId) {

        static DraftResponse of(PolicyDraft draft) {
            PolicyRef ref = draft.ref();
            return new DraftResponse(
                    ref.namespace(),
                    ref.name(),
                    draft.state().name(),
                    draft.change().name(),
                    draft.revision(),
                    draft.enforcedVersion(),
                    draft.stagedResourceVersion(),
                    draft.approvalId());
        }
    }

    @Schema(name = "StageResult")
    record StageResponse(DraftResponse draft, @Nullable Long approvalId, List<String> approvalReasons) {

        static StageResponse of(Staging.Staged staged) {
            Approval approval = staged.approval();
            return new StageResponse(
                    DraftResponse.of(staged.draft()),
                    approval == null ? null : approval.id(),
                    approval == null
                            ? List.of()
                            : approval.reasons().stream()
                                    .map(r -> r.field() + ": " + r.message())
                                    .toList());
        }
    }

    /** A promotion turned into an approval request by the promotion-evidence guardrail. */
    @Schema(name = "AwaitingApproval")
    record AwaitingApprovalResponse(String policy, long approvalId, String state, List<String> reasons) {}

    @Schema(name = "PromotionResult")
    record PromotionResponse(
            String policy,
            String promotionId,
            int version,
            @Nullable String clusterRevision,
            Instant promotedAt,
            String promotedBy,
            long newlyDenied,
            long newlyAllowed,
            boolean settled) {

        static PromotionResponse of(Promotion p) {
            return new PromotionResponse(
                    p.policy(),
                    p.promotionId(),
                    p.version(),
                    p.clusterRevision(),
                    p.promotedAt(),
                    p.promotedBy(),
                    p.newlyDenied(),
                    p.newlyAllowed(),
                    p.settled());
        }
    }
}
