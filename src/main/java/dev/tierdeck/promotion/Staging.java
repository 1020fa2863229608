package dev.tierdeck.promotion;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.WriteOutcome;
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
import dev.tierdeck.tier.LooseningGuardrail;
import dev.tierdeck.verification.LiveEvidence;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stage: the server checks the draft again (the guardrails on its content, and the loosening guardrail on what it
 * newly allows), writes it to the cluster as the staged kind (as the user), and records it; when a guardrail asks for
 * an approver, it also opens an approval request with the diff and the impact evidence. Content an approver already
 * accepted (a rollback to an approved version) needs no second approval while its guardrail findings are unchanged.
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
    private final Loosening loosening;
    private final InForce inForce;
    private final ClusterChangeIntents intents;
    private final TransactionTemplate transaction;
    private final AssertionProblems assertions;
    private final LiveEvidence live;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Staging(
            PolicyLookup access,
            PolicyChecks checks,
            PolicyDrafts drafts,
            ClusterWriter cluster,
            ImpactEvidence evidence,
            ApprovalStore approvals,
            PromotionAudit audit,
            Loosening loosening,
            InForce inForce,
            ClusterChangeIntents intents,
            TransactionTemplate transaction,
            AssertionProblems assertions,
            LiveEvidence live,
            ApplicationEventPublisher events) {
        this.assertions = assertions;
        this.access = access;
        this.checks = checks;
        this.drafts = drafts;
        this.cluster = cluster;
        this.evidence = evidence;
        this.approvals = approvals;
        this.audit = audit;
        this.loosening = loosening;
        this.inForce = inForce;
        this.intents = intents;
        this.transaction = transaction;
        this.live = live;
        this.events = events;
    }

    Staged stage(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft = access.require(user, ref, Action.STAGE);
        draft.refusal(PolicyAction.STAGE).ifPresent(refusal -> {
            throw new PromotionProblem(HttpStatus.CONFLICT, refusal);
        });
        List<PolicyProblem> problems = new ArrayList<>(checks.check(user, draft.policy()));
        refuseBlocking(ref, problems);
        problems.addAll(assertions.of(user, draft));
        refuseBlocking(ref, problems);
        Approval accepted = acceptedBefore(draft, problems).orElse(null);
        // slow work first, outside the transaction: the preview and the cluster write
        boolean measured = accepted == null && loosening.measures(user, draft, draft.change());
        ImpactPreview impact = measured || PolicyChecks.needsApproval(problems) ? evidence.of(draft.policy()) : null;
        if (measured) {
            loosening
                    .finding(user, draft, draft.change(), Objects.requireNonNull(impact))
                    .ifPresent(problems::add);
            refuseBlocking(ref, problems);
        }
        boolean needsApproval = accepted == null && PolicyChecks.needsApproval(problems);
        String before = inForce.yaml(draft);
        String after = PolicyManifests.yaml(draft.policy());
        AuditIntent intent = intents.intend(
                user,
                "promotion.staged",
                ref,
                draft.tier(),
                "staged in the cluster",
                before,
                after,
                List.of(ClusterChangeIntents.Expected.written(
                        PolicyManifests.stagedRef(ref), draft.stagedResourceVersion())));
        WriteOutcome written;
        try {
            written = write(user, draft);
        } catch (RuntimeException e) {
            intents.failed(intent, e, List.of());
            throw e;
        }
        String resourceVersion = Objects.requireNonNull(
                written.resourceVersion(), "the cluster returned no resourceVersion for the staged policy");
        Long carried = accepted == null ? null : accepted.id();
        return Objects.requireNonNull(transaction.execute(status -> {
            PolicyDraft staged = drafts.markStaged(user, ref, draft.revision(), resourceVersion, carried);
            // the live evidence of this content starts now
            live.staged(ref, resourceVersion, clock.instant());
            intents.discharge(intent);
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
                                .toList(),
                        staged.change(),
                        staged.reason());
                // the draft's own record says it was staged; this one keeps the evidence the approver will see
                audit.record(
                        user,
                        "approval.requested",
                        ref,
                        draft.tier(),
                        "request " + approval.id() + " (" + approval.changeWords() + "): " + approval.reasonsText(),
                        before,
                        after,
                        impact);
                events.publishEvent(ApprovalRequested.of(approval));
            }
            return new Staged(staged, approval);
        }));
    }

    private static void refuseBlocking(PolicyRef ref, List<PolicyProblem> problems) {
        if (PolicyChecks.blocks(problems)) {
            List<PolicyProblem> blocking =
                    problems.stream().filter(PolicyProblem::blocking).toList();
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " cannot be staged: "
                            + blocking.stream()
                                    .map(p -> p.field() + ": " + p.message())
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    blocking);
        }
    }

    /**
     * The approval of an earlier version with exactly this content, when the guardrails find today what they found
     * when the approver accepted it (the loosening finding aside: the approver accepted what that content allows).
     */
    private Optional<Approval> acceptedBefore(PolicyDraft draft, List<PolicyProblem> problems) {
        String content = PolicyManifests.yaml(draft.policy());
        Set<String> today = findings(problems.stream()
                .filter(p -> !p.blocking())
                .map(p -> new Approval.Reason(p.field(), p.message(), p.guardrail()))
                .toList());
        return drafts.versions(draft.ref()).stream()
                .filter(PolicyVersion::approved)
                .filter(v -> PolicyManifests.yaml(v.policy()).equals(content))
                .findFirst()
                .flatMap(v -> approvals.find(Objects.requireNonNull(v.approvalId())))
                .filter(a -> findings(a.reasons()).equals(today));
    }

    private static Set<String> findings(List<Approval.Reason> reasons) {
        return reasons.stream()
                .filter(r -> !LooseningGuardrail.ID.equals(r.guardrail()))
                .map(r -> r.guardrail() + " " + r.field() + " " + r.message())
                .collect(Collectors.toSet());
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
}
