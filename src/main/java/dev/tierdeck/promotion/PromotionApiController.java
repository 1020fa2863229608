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
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Stage, promote, roll back and delete for automation, under the same rules as the pages. */
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
    PromotionResponse promote(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @Parameter(description = "Any unique string (a UUID); repeat it to retry safely")
                    @RequestHeader(name = "Idempotency-Key", required = false)
                    @Nullable
                    String key) {
        return PromotionResponse.of(promotions.promote(
                user,
                PolicyPaths.ref(namespace, name),
                key == null ? UUID.randomUUID().toString() : key));
    }

    @PostMapping({NAMESPACED + "/rollback", GLOBAL + "/rollback"})
    @Operation(
            summary = "Roll back to a version",
            description = "Saves version N's content as the draft. Nothing changes in the cluster until it is"
                    + " staged, previewed and promoted like any change.")
    DraftResponse rollback(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name,
            @RequestParam int version) {
        return DraftResponse.of(rollbacks.rollBack(user, PolicyPaths.ref(namespace, name), version));
    }

    @DeleteMapping({NAMESPACED, GLOBAL})
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Delete the policy",
            description = "Removes the staged and the enforced object from the cluster as you, then the draft.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    void delete(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name) {
        removal.delete(user, PolicyPaths.ref(namespace, name));
    }

    @Schema(name = "Draft")
    record DraftResponse(
            @Nullable String namespace,
            String name,
            String state,
            long revision,
            @Nullable Integer enforcedVersion,
            @Nullable String stagedResourceVersion) {

        static DraftResponse of(PolicyDraft draft) {
            PolicyRef ref = draft.ref();
            return new DraftResponse(
                    ref.namespace(),
                    ref.name(),
                    draft.state().name(),
                    draft.revision(),
                    draft.enforcedVersion(),
                    draft.stagedResourceVersion());
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
