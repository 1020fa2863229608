package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.verification.LiveEvidence;
import dev.tierdeck.verification.PromotionCheck;
import dev.tierdeck.verification.PromotionChecks;
import dev.tierdeck.verification.StagedEvidence;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The live evidence of a staged policy beside the offline prediction, as the policy page shows it. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Promotion")
@ApiResponse(responseCode = "403", description = "Not a reader of the policy")
@ApiResponse(responseCode = "404", description = "No such managed policy")
class EvidenceApiController {

    private final PolicyLookup access;
    private final LiveEvidence live;
    private final ImpactEvidence impact;
    private final PromotionChecks checks;

    EvidenceApiController(PolicyLookup access, LiveEvidence live, ImpactEvidence impact, PromotionChecks checks) {
        this.access = access;
        this.live = live;
        this.impact = impact;
        this.checks = checks;
    }

    @GetMapping({"/namespaces/{namespace}/policies/{name}/promotion-checks", "/global-policies/{name}/promotion-checks"
    })
    @Operation(
            summary = "Each version's prediction beside what the cluster denied after its promotion",
            description = "Newest first. outcome: watching (within the watch after the promotion, nothing"
                    + " unexpected so far), as-predicted (the watch ended without a denial the prediction did not"
                    + " name) or unexpected-denials (with examples; roll back through the rollback route).")
    List<CheckResponse> promotionChecks(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        access.require(user, ref, Action.READ);
        return checks.of(ref).stream()
                .map(c -> new CheckResponse(
                        c.version(),
                        c.promotedAt(),
                        c.promotedBy(),
                        c.approvedBy(),
                        c.watchUntil(),
                        c.outcome(),
                        c.predictedCount(),
                        c.seenDenied(),
                        c.unexpectedCount(),
                        c.unexpected(),
                        c.checkedAt()))
                .toList();
    }

    /**
     * @param predictedDenied flows the preview said it would newly deny
     * @param seenDenied distinct flows it denied since the promotion
     * @param unexpectedDenied of those, the flows the prediction did not name
     */
    @Schema(name = "PromotionCheck")
    record CheckResponse(
            int version,
            Instant promotedAt,
            String promotedBy,
            @Nullable String approvedBy,
            Instant watchUntil,
            String outcome,
            long predictedDenied,
            long seenDenied,
            long unexpectedDenied,
            List<PromotionCheck.Flow> unexpected,
            @Nullable Instant checkedAt) {}

    @GetMapping({"/namespaces/{namespace}/policies/{name}/evidence", "/global-policies/{name}/evidence"})
    @Operation(
            summary = "The live evidence of the staged policy",
            description = "Since the staged content was written: how long ago, the distinct flows Calico evaluated"
                    + " against it, the observed flows allowed today that it would deny (with examples), whether"
                    + " the promotion-evidence guardrail's criteria hold (ready), and the offline prediction over"
                    + " the last 24 hours. A policy not staged as it is has no evidence (staged false).")
    EvidenceResponse evidence(
            CurrentUser user,
            @PathVariable(name = "namespace", required = false) @Nullable String namespace,
            @PathVariable String name) {
        PolicyRef ref = PolicyPaths.ref(namespace, name);
        PolicyDraft draft = access.require(user, ref, Action.READ);
        StagedEvidence e = live.of(draft);
        Prediction prediction = null;
        if (draft.stagedAsItIs()) {
            ImpactPreview p = impact.of(draft.policy());
            prediction = new Prediction(p.from(), p.to(), p.flows(), p.newlyDenied(), p.newlyAllowed());
        }
        return new EvidenceResponse(
                ref.toString(),
                e.stagedAt() != null,
                e.stagedAt(),
                e.stagedFor().toMinutes(),
                e.flowsSeen(),
                e.wouldBeDenied(),
                e.examples(),
                e.partial(),
                new Criteria(
                        e.criteria().enabled(),
                        e.criteria().severity().id(),
                        e.criteria().minStagedMinutes(),
                        e.criteria().maxNewDenials()),
                e.ready(),
                e.shortfalls(),
                prediction);
    }

    /**
     * @param stagedMinutes whole minutes since it was staged
     * @param partial true when more flow records matched than were read: the counts are lower bounds
     * @param ready whether the criteria hold
     * @param shortfalls what the criteria still lack, in words
     * @param prediction the offline preview over the last 24 hours, null when not staged
     */
    @Schema(name = "StagedEvidence")
    record EvidenceResponse(
            String policy,
            boolean staged,
            @Nullable Instant stagedAt,
            long stagedMinutes,
            long flowsSeen,
            long wouldBeDenied,
            List<StagedEvidence.Denial> examples,
            boolean partial,
            Criteria criteria,
            boolean ready,
            List<String> shortfalls,
            @Nullable Prediction prediction) {}

    /** The promotion-evidence guardrail's settings in force. */
    record Criteria(boolean enabled, String severity, int minStagedMinutes, int maxNewDenials) {}

    /** The offline prediction: over which window, how many distinct flows, what it newly denies and allows. */
    record Prediction(Instant from, Instant to, long flows, long newlyDenied, long newlyAllowed) {}
}
