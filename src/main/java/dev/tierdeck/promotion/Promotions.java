package dev.tierdeck.promotion;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.PromotionResult;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.verification.PromotionCheck;
import dev.tierdeck.verification.PromotionChecks;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Promote: staged (or approved) → enforced, as the user, at most once per key. Whether the draft may be promoted is
 * its life cycle's answer ({@link PolicyDraft#refusal}): refused while the change waits for an approver or was
 * rejected, allowed once an approver accepted exactly the staged revision. When the live evidence of the staged policy
 * falls short of the promotion-evidence guardrail, promoting asks an approver instead ({@link EvidenceGate}). The
 * promotion, the new version and the key's
 * result commit together, with an audit record that carries the impact evidence.
 */
@Component
class Promotions {

    /** How long a repeated request waits for the first one with the same key. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private final PolicyLookup access;
    private final PolicyChecks checks;
    private final PolicyDrafts drafts;
    private final ClusterWriter cluster;
    private final ImpactEvidence evidence;
    private final ApprovalStore approvals;
    private final PromotionKeys keys;
    private final PromotionAudit audit;
    private final ClusterChangeIntents intents;
    private final TransactionTemplate transaction;
    private final AssertionProblems assertions;
    private final EvidenceGate gate;
    private final PromotionChecks promotionChecks;

    Promotions(
            PolicyLookup access,
            PolicyChecks checks,
            PolicyDrafts drafts,
            ClusterWriter cluster,
            ImpactEvidence evidence,
            ApprovalStore approvals,
            PromotionKeys keys,
            PromotionAudit audit,
            ClusterChangeIntents intents,
            TransactionTemplate transaction,
            AssertionProblems assertions,
            EvidenceGate gate,
            PromotionChecks promotionChecks) {
        this.assertions = assertions;
        this.access = access;
        this.checks = checks;
        this.drafts = drafts;
        this.cluster = cluster;
        this.evidence = evidence;
        this.approvals = approvals;
        this.keys = keys;
        this.audit = audit;
        this.intents = intents;
        this.transaction = transaction;
        this.gate = gate;
        this.promotionChecks = promotionChecks;
    }

    static ActingUser acting(CurrentUser user) {
        return new ActingUser(user.username(), List.copyOf(user.groups()));
    }

    /** Refuses unless the draft may be promoted by {@code user} now; the page asks this before the confirmation. */
    PolicyDraft promotable(CurrentUser user, PolicyRef ref) {
        return check(user, ref).draft();
    }

    /**
     * What promoting would meet: the draft, and the promotion-evidence guardrail's finding when it asks for an approver
     * (one that blocks refuses here).
     */
    record Check(PolicyDraft draft, Optional<PolicyProblem> asksApprover) {}

    Check check(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft = access.require(user, ref, Action.PROMOTE);
        draft.refusal(PolicyAction.PROMOTE).ifPresent(refusal -> {
            throw new PromotionProblem(HttpStatus.CONFLICT, refusal);
        });
        if (draft.stagedResourceVersion() == null) {
            throw new PromotionProblem(
                    HttpStatus.CONFLICT, ref + " has no staged object in the cluster: stage it again.");
        }
        List<PolicyProblem> problems = checks.check(user, draft.policy());
        if (PolicyChecks.blocks(problems)) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " no longer passes the checks; change it and stage it again.",
                    problems.stream().filter(PolicyProblem::blocking).toList());
        }
        List<PolicyProblem> violated = assertions.of(user, draft);
        if (!violated.isEmpty()) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " would violate " + (violated.size() == 1 ? "an assertion" : violated.size() + " assertions")
                            + ": "
                            + violated.stream()
                                    .map(p -> p.field() + ": " + p.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    violated);
        }
        if (PolicyChecks.needsApproval(problems) && !draft.approvalCovers()) {
            throw new PromotionProblem(
                    HttpStatus.CONFLICT,
                    ref + " now needs an approver (a guardrail changed since it was staged): stage it again.");
        }
        Optional<PolicyProblem> evidence = gate.finding(user, draft);
        if (evidence.isPresent() && evidence.get().blocking()) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " cannot be promoted yet: " + evidence.get().message(),
                    List.of(evidence.get()));
        }
        return new Check(draft, evidence);
    }

    /**
     * Promotes the staged draft. The same {@code key} always answers with the first request's result, never promoting
     * twice, even for concurrent requests.
     *
     * @throws dev.tierdeck.cluster.ClusterConflictException when someone changed the staged or enforced object since
     *     it was previewed; nothing was changed
     */
    Promotion promote(CurrentUser user, PolicyRef ref, String key) {
        access.require(user, ref, Action.PROMOTE); // 403 before anything is stored, even a key
        PromotionKeys.Claim claim = keys.claim(key, ref, user.username(), PATIENCE);
        if (claim instanceof PromotionKeys.Claim.Done done) {
            return Promotion.fromJson(done.resultJson());
        }
        try {
            return promoteOnce(user, ref, key);
        } catch (RuntimeException e) {
            keys.release(key);
            throw e;
        }
    }

    private Promotion promoteOnce(CurrentUser user, PolicyRef ref, String key) {
        Check check = check(user, ref);
        PolicyDraft draft = check.draft();
        if (check.asksApprover().isPresent()) {
            throw new EvidenceGate.AwaitingApproval(
                    gate.requestApproval(user, draft, check.asksApprover().get()));
        }
        ImpactPreview impact = evidence.of(draft.policy());
        Optional<PolicyVersion> enforced =
                draft.enforcedVersion() == null ? Optional.empty() : drafts.version(ref, draft.enforcedVersion());
        String promotionId = UUID.randomUUID().toString();
        String before = enforced.map(v -> PolicyManifests.yaml(v.policy())).orElse(null);
        AuditIntent intent = intents.intend(
                user,
                "promotion.completed",
                ref,
                draft.tier(),
                "promotion " + promotionId,
                before,
                PolicyManifests.yaml(draft.policy()),
                List.of(ClusterChangeIntents.Expected.promoted(PolicyManifests.enforcedRef(ref), promotionId)));
        PromotionResult result;
        try {
            result = cluster.promote(
                    acting(user),
                    promotionId,
                    PolicyManifests.stagedAt(draft.policy(), Objects.requireNonNull(draft.stagedResourceVersion())),
                    enforced.map(PolicyVersion::clusterRevision).orElse(null));
        } catch (RuntimeException e) {
            intents.failed(intent, e, List.of());
            throw e;
        }
        @Nullable String revision = result.enforced().resourceVersion();
        return Objects.requireNonNull(transaction.execute(status -> {
            PolicyVersion version = drafts.markEnforced(user, ref, draft.revision(), promotionId, revision);
            intents.discharge(intent);
            approvals.supersede(ref);
            Promotion promotion = new Promotion(
                    ref.toString(),
                    promotionId,
                    version.version(),
                    version.clusterRevision(),
                    version.promotedAt(),
                    user.displayName(),
                    impact.newlyDenied(),
                    impact.newlyAllowed(),
                    result.settled());
            audit.record(
                    user,
                    "promotion.completed",
                    ref,
                    draft.tier(),
                    "version " + version.version() + ", promotion " + promotionId
                            + (result.settled() ? "" : " (the cluster has yet to confirm it)"),
                    before,
                    PolicyManifests.yaml(draft.policy()),
                    impact);
            // what the preview predicted, to be compared with what the cluster denies from now on
            promotionChecks.promoted(
                    ref,
                    draft.tier(),
                    version.version(),
                    promotionId,
                    version.promotedAt(),
                    user.displayName(),
                    draft.approvalId() == null
                            ? null
                            : approvals
                                    .find(draft.approvalId())
                                    .map(Approval::deciderName)
                                    .orElse(null),
                    impact.changes().stream()
                            .filter(c -> "Deny".equals(c.after()))
                            .map(c -> new PromotionCheck.Flow(
                                    c.source(), c.destination(), c.protocol(), c.port(), c.count()))
                            .toList(),
                    impact.newlyDenied());
            keys.complete(key, promotion.json());
            return promotion;
        }));
    }
}
