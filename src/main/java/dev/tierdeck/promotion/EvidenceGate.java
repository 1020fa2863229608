package dev.tierdeck.promotion;

import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tier.PromotionEvidenceGuardrail;
import dev.tierdeck.verification.LiveEvidence;
import dev.tierdeck.verification.StagedEvidence;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code promotion-evidence} guardrail at promotion: a staged policy whose live evidence falls short of the
 * criteria is refused (severity block) or sent to the approval queue (require-approval) instead of being promoted.
 * Like the other guardrails it judges developers' changes: admins pass it, and so does content an approver accepted.
 */
@Component
class EvidenceGate {

    private final LiveEvidence live;
    private final ImpactEvidence impact;
    private final PolicyDrafts drafts;
    private final ApprovalStore approvals;
    private final InForce inForce;
    private final PromotionAudit audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock = Clock.systemUTC();

    EvidenceGate(
            LiveEvidence live,
            ImpactEvidence impact,
            PolicyDrafts drafts,
            ApprovalStore approvals,
            InForce inForce,
            PromotionAudit audit,
            ApplicationEventPublisher events,
            TransactionTemplate transaction) {
        this.live = live;
        this.impact = impact;
        this.drafts = drafts;
        this.approvals = approvals;
        this.inForce = inForce;
        this.audit = audit;
        this.events = events;
        this.transaction = transaction;
    }

    /** The guardrail's finding on promoting {@code draft} now, empty when it has nothing to say. */
    Optional<PolicyProblem> finding(CurrentUser user, PolicyDraft draft) {
        if (user.isAdmin() || draft.approvalCovers()) {
            return Optional.empty();
        }
        StagedEvidence evidence = live.of(draft);
        return PromotionEvidenceGuardrail.check(
                        evidence.criteria(),
                        evidence.stagedFor(),
                        evidence.wouldBeDenied(),
                        evidence.examples().stream()
                                .map(StagedEvidence.Denial::words)
                                .toList())
                .map(v -> new PolicyProblem(
                        v.field(),
                        "Guardrail " + v.guardrail() + ": " + v.message() + " Fix: " + v.fix(),
                        v.guardrail(),
                        v.blocks()));
    }

    /**
     * Sends the staged draft to the approval queue with the finding as its reason, the diff and the impact evidence,
     * audited, instead of promoting it.
     */
    Approval requestApproval(CurrentUser user, PolicyDraft draft, PolicyProblem finding) {
        ImpactPreview preview = impact.of(draft.policy());
        String before = inForce.yaml(draft);
        String after = PolicyManifests.yaml(draft.policy());
        return Objects.requireNonNull(transaction.execute(status -> {
            PolicyDraft waiting = drafts.markAwaitingApproval(user, draft.ref(), draft.revision());
            Approval approval = approvals.open(
                    draft.ref(),
                    draft.tier(),
                    waiting.revision(),
                    user.username(),
                    user.displayName(),
                    clock.instant(),
                    before,
                    after,
                    preview,
                    List.of(new Approval.Reason(finding.field(), finding.message(), finding.guardrail())),
                    waiting.change(),
                    waiting.reason());
            audit.record(
                    user,
                    "approval.requested",
                    draft.ref(),
                    draft.tier(),
                    "request " + approval.id() + " (" + approval.changeWords() + "): " + approval.reasonsText(),
                    before,
                    after,
                    preview);
            events.publishEvent(ApprovalRequested.of(approval));
            return approval;
        }));
    }

    /** The promotion became a request for an approver: the caller says so instead of a promotion result. */
    static final class AwaitingApproval extends RuntimeException {
        private final transient Approval approval;

        AwaitingApproval(Approval approval) {
            super(approval.ref() + " waits for an approver (request " + approval.id() + "): " + approval.reasonsText());
            this.approval = approval;
        }

        Approval approval() {
            return approval;
        }
    }
}
