package dev.tierdeck.promotion;

import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tenancy.Action;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage: the server checks the draft again, writes it to the cluster as the staged kind (as the user), and records it;
 * when a guardrail asks for an approver, it also opens an approval request with the diff and the impact evidence.
 */
@Component
class Staging {

    /** What staging did. */
    record Staged(PolicyDraft draft, @Nullable Approval approval) {}

    private final PolicyLookup access;
    private final PolicyChecks checks;
    private final PolicyDrafts drafts;
    private final ClusterWriter cluster;
    private final ImpactEvidence evidence;
    private final ApprovalStore approvals;
    private final PromotionAudit audit;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    Staging(
            PolicyLookup access,
            PolicyChecks checks,
            PolicyDrafts drafts,
            ClusterWriter cluster,
            ImpactEvidence evidence,
            ApprovalStore approvals,
            PromotionAudit audit,
            TransactionTemplate transaction) {
        this.access = access;
        this.checks = checks;
        this.drafts = drafts;
        this.cluster = cluster;
        this.evidence = evidence;
        this.approvals = approvals;
        this.audit = audit;
        this.transaction = transaction;
    }

    Staged stage(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft = access.require(user, ref, Action.STAGE);
        if (draft.state() == PolicyState.ENFORCED) {
            throw new PromotionProblem(
                    HttpStatus.CONFLICT, ref + " is in force as it is; edit it before staging a change.");
        }
        if (draft.state() == PolicyState.AWAITING_APPROVAL) {
            throw new PromotionProblem(
                    HttpStatus.CONFLICT,
                    ref + " is staged and waits for an approver; edit it to stage a different change.");
        }
        List<PolicyProblem> problems = checks.check(user, draft.policy());
        if (PolicyChecks.blocks(problems)) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " cannot be staged: "
                            + problems.stream()
                                    .filter(PolicyProblem::blocking)
                                    .map(p -> p.field() + ": " + p.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    problems.stream().filter(PolicyProblem::blocking).toList());
        }
        boolean needsApproval = PolicyChecks.needsApproval(problems);
        // slow work first, outside the transaction: the preview and the cluster write
        ImpactPreview impact = needsApproval ? evidence.of(draft.policy()) : null;
        String before = enforcedYaml(draft);
        WriteOutcome written = write(user, draft);
        String resourceVersion = Objects.requireNonNull(
                written.resourceVersion(), "the cluster returned no resourceVersion for the staged policy");
        String after = PolicyManifests.yaml(draft.policy());
        return Objects.requireNonNull(transaction.execute(status -> {
            PolicyDraft staged = drafts.markStaged(user, ref, draft.revision(), resourceVersion);
            approvals.supersede(ref);
            Approval approval = null;
            if (needsApproval) {
                staged = drafts.markAwaitingApproval(user, ref, staged.revision());
                approval = approvals.open(
                        ref,
                        draft.tier(),
                        staged.revision(),
                        user.username(),
                        user.displayName(),
                        clock.instant(),
                        before,
                        after,
                        Objects.requireNonNull(impact),
                        problems.stream()
                                .map(p -> new Approval.Reason(p.field(), p.message(), p.guardrail()))
                                .toList());
                // the draft's own record says it was staged; this one keeps the evidence the approver will see
                audit.record(
                        user,
                        "approval.requested",
                        ref,
                        draft.tier(),
                        "request " + approval.id() + ": "
                                + approval.reasons().stream()
                                        .map(r -> r.guardrail() == null
                                                ? r.message()
                                                : r.guardrail() + ": " + r.message())
                                        .reduce((a, b) -> a + "; " + b)
                                        .orElse(""),
                        before,
                        after,
                        impact);
            }
            return new Staged(staged, approval);
        }));
    }

    private WriteOutcome write(CurrentUser user, PolicyDraft draft) {
        ActingUser acting = Promotions.acting(user);
        String guard = draft.stagedResourceVersion();
        try {
            return cluster.putStaged(acting, PolicyManifests.staged(draft.policy()), guard);
        } catch (ClusterNotFoundException e) {
            if (guard == null) {
                throw e;
            }
            // the staged object the draft remembers is gone (promoted or removed): stage afresh
            return cluster.putStaged(acting, PolicyManifests.staged(draft.policy()), null);
        }
    }

    private @Nullable String enforcedYaml(PolicyDraft draft) {
        if (draft.enforcedVersion() == null) {
            return null;
        }
        return drafts.version(draft.ref(), draft.enforcedVersion())
                .map(v -> PolicyManifests.yaml(v.policy()))
                .orElse(null);
    }
}
