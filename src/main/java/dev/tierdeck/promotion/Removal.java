package dev.tierdeck.promotion;

import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.cluster.ClusterWriter;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeKind;
import dev.tierdeck.policy.ChangeReasons;
import dev.tierdeck.policy.DamagedPolicyException;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.preview.ImpactPreview;
import dev.tierdeck.tenancy.Action;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Delete. A policy in force is withdrawn like any other change: the impact of taking it out is restated over the
 * flow history, the loosening guardrail judges what it newly allows, an approver decides when the guardrail asks for
 * one (the policy stays in force until then, and the requester carries the withdrawal out once it is approved, as an
 * approved edit is promoted), and the reason goes into the audit record. The draft stays, withdrawn, with its
 * versions. A draft with nothing in force is simply forgotten. The cluster objects are removed as the user, each
 * guarded by the resourceVersion Tierdeck knows; a cluster refusal stops it before the draft is touched. The removal
 * is recorded as an intent before the cluster is written ({@link ClusterChangeIntents}), so it is audited even when
 * the database fails after the cluster changed.
 */
@Component
class Removal {

    /** What a delete did. */
    sealed interface Outcome permits Removed, AwaitingApproval {}

    /**
     * @param withdrawn true when a policy in force was withdrawn, false when a draft was forgotten
     * @param removed the cluster objects removed, for the message
     */
    record Removed(boolean withdrawn, List<String> removed) implements Outcome {}

    /** The withdrawal waits for an approver; nothing changed in the cluster. */
    record AwaitingApproval(Approval approval) implements Outcome {}

    /**
     * What the confirmation page restates before anything happens.
     *
     * @param withdrawal true when a policy in force would be withdrawn; false when a draft would be forgotten
     * @param impact what the withdrawal would newly allow and deny, null for a draft with nothing in force
     * @param findings the guardrail findings on the withdrawal
     * @param approval the approval that lets the withdrawal be carried out now, null when none was needed yet
     * @param inForce the YAML in force, null when none
     */
    record Proposal(
            PolicyDraft draft,
            boolean withdrawal,
            @Nullable ImpactPreview impact,
            List<PolicyProblem> findings,
            @Nullable Approval approval,
            @Nullable String inForce) {

        public boolean needsApproval() {
            return approval == null && PolicyChecks.needsApproval(findings);
        }

        public boolean blocked() {
            return PolicyChecks.blocks(findings);
        }
    }

    private final PolicyLookup access;
    private final PolicyDrafts drafts;
    private final ClusterWriter writer;
    private final ClusterReader reader;
    private final ApprovalStore approvals;
    private final PromotionAudit audit;
    private final ImpactEvidence evidence;
    private final Loosening loosening;
    private final InForce inForce;
    private final ClusterChangeIntents intents;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Removal(
            PolicyLookup access,
            PolicyDrafts drafts,
            ClusterWriter writer,
            ClusterReader reader,
            ApprovalStore approvals,
            PromotionAudit audit,
            ImpactEvidence evidence,
            Loosening loosening,
            InForce inForce,
            ClusterChangeIntents intents,
            TransactionTemplate transaction,
            ApplicationEventPublisher events) {
        this.access = access;
        this.drafts = drafts;
        this.writer = writer;
        this.reader = reader;
        this.approvals = approvals;
        this.audit = audit;
        this.evidence = evidence;
        this.loosening = loosening;
        this.inForce = inForce;
        this.intents = intents;
        this.transaction = transaction;
        this.events = events;
    }

    /** What deleting would do now; refuses what the draft's life cycle does not allow. */
    Proposal propose(CurrentUser user, PolicyRef ref) {
        PolicyDraft draft = access.require(user, ref, Action.WITHDRAW);
        if (draft.enforcedVersion() == null) {
            refuse(draft, PolicyAction.DISCARD);
            return new Proposal(draft, false, null, List.of(), null, inForce.yaml(draft));
        }
        ImpactPreview impact = evidence.ofWithdrawal(draft.policy());
        if (draft.allows(PolicyAction.REQUEST_WITHDRAWAL)) {
            return new Proposal(draft, true, impact, findings(user, draft, impact), null, inForce.yaml(draft));
        }
        refuse(draft, PolicyAction.WITHDRAW);
        return new Proposal(
                draft, true, impact, List.of(), approvals.concerning(draft).orElse(null), inForce.yaml(draft));
    }

    /**
     * Deletes: forgets a draft with nothing in force; withdraws a policy in force, directly or, when a guardrail asks
     * for an approver, by opening an approval request; carries out a withdrawal that was approved.
     *
     * @param reason why; required to withdraw a policy in force (an approved withdrawal keeps its request's reason)
     */
    Outcome delete(CurrentUser user, PolicyRef ref, @Nullable String reason) {
        PolicyDraft draft;
        try {
            draft = access.require(user, ref, Action.WITHDRAW);
        } catch (DamagedPolicyException e) {
            // Its stored copy no longer decodes, so nothing says what it put in the cluster: the draft is forgotten
            // (the store checks the caller may change it, from its stored tier) and any object it left in the cluster
            // is listed as unmanaged.
            transaction.executeWithoutResult(status -> {
                drafts.delete(user, ref, e.damaged().revision(), reason);
                approvals.supersede(ref);
            });
            return new Removed(false, List.of());
        }
        if (draft.enforcedVersion() == null) {
            return forget(user, draft, reason);
        }
        if (!draft.allows(PolicyAction.REQUEST_WITHDRAWAL)) {
            // the withdrawal was approved: carry it out, with the reason it was requested for
            refuse(draft, PolicyAction.WITHDRAW);
            return withdraw(user, draft, null, evidence.ofWithdrawal(draft.policy()));
        }
        String why = ChangeReasons.required(reason, "why the policy is withdrawn");
        ImpactPreview impact = evidence.ofWithdrawal(draft.policy());
        List<PolicyProblem> findings = findings(user, draft, impact);
        if (PolicyChecks.blocks(findings)) {
            throw new PromotionProblem(
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    ref + " cannot be withdrawn: "
                            + findings.stream()
                                    .filter(PolicyProblem::blocking)
                                    .map(PolicyProblem::message)
                                    .reduce((a, b) -> a + "; " + b)
                                    .orElse(""),
                    findings.stream().filter(PolicyProblem::blocking).toList());
        }
        if (PolicyChecks.needsApproval(findings)) {
            return new AwaitingApproval(requestApproval(user, draft, why, impact, findings));
        }
        return withdraw(user, draft, why, impact);
    }

    private List<PolicyProblem> findings(CurrentUser user, PolicyDraft draft, ImpactPreview impact) {
        return loosening.finding(user, draft, ChangeKind.WITHDRAWAL, impact).stream()
                .toList();
    }

    private Approval requestApproval(
            CurrentUser user, PolicyDraft draft, String why, ImpactPreview impact, List<PolicyProblem> findings) {
        PolicyRef ref = draft.ref();
        String before = inForce.yaml(draft);
        return Objects.requireNonNull(transaction.execute(status -> {
            PolicyDraft requested = drafts.markWithdrawalRequested(user, ref, draft.revision(), why);
            Approval approval = approvals.open(
                    ref,
                    draft.tier(),
                    requested.revision(),
                    user.username(),
                    user.displayName(),
                    clock.instant(),
                    before,
                    null,
                    impact,
                    findings.stream()
                            .map(p -> new Approval.Reason(p.field(), p.message(), p.guardrail()))
                            .toList(),
                    ChangeKind.WITHDRAWAL,
                    why);
            audit.record(
                    user,
                    "approval.requested",
                    ref,
                    draft.tier(),
                    "request " + approval.id() + " (withdrawal): " + why + " — " + approval.reasonsText(),
                    before,
                    null,
                    impact);
            events.publishEvent(ApprovalRequested.of(approval));
            return approval;
        }));
    }

    private Removed withdraw(CurrentUser user, PolicyDraft draft, @Nullable String why, ImpactPreview impact) {
        PolicyRef ref = draft.ref();
        String before = inForce.yaml(draft);
        List<Target> targets = targets(draft, true);
        AuditIntent intent = intend(user, draft, "promotion.withdrawn", "withdrawn", before, targets);
        List<String> removed = removeFromCluster(user, targets, intent);
        transaction.executeWithoutResult(status -> {
            PolicyDraft withdrawn = drafts.markWithdrawn(user, ref, draft.revision(), why);
            discharge(intent);
            approvals.supersede(ref);
            audit.record(
                    user,
                    "promotion.withdrawn",
                    ref,
                    draft.tier(),
                    (withdrawn.reason() == null ? "" : withdrawn.reason() + " — ")
                            + (withdrawn.approvalId() == null
                                    ? ""
                                    : "approved in request " + withdrawn.approvalId() + "; ")
                            + (removed.isEmpty()
                                    ? "nothing was in the cluster"
                                    : "removed from the cluster: " + String.join(", ", removed)),
                    before,
                    null,
                    impact);
        });
        return new Removed(true, removed);
    }

    private Removed forget(CurrentUser user, PolicyDraft draft, @Nullable String reason) {
        refuse(draft, PolicyAction.DISCARD);
        String why = ChangeReasons.optional(reason);
        List<Target> targets = targets(draft, false);
        AuditIntent intent = intend(
                user,
                draft,
                "promotion.discarded",
                "its draft forgotten",
                PolicyManifests.yaml(draft.policy()),
                targets);
        List<String> removed = removeFromCluster(user, targets, intent);
        transaction.executeWithoutResult(status -> {
            discharge(intent);
            drafts.delete(
                    user,
                    draft.ref(),
                    draft.revision(),
                    removed.isEmpty()
                            ? why
                            : (why == null ? "" : why + " — ") + "removed from the cluster: "
                                    + String.join(", ", removed));
            approvals.supersede(draft.ref());
        });
        return new Removed(false, removed);
    }

    /** An object to remove, guarded by the resourceVersion Tierdeck knows. */
    private record Target(ObjectRef ref, String resourceVersion) {}

    private List<Target> targets(PolicyDraft draft, boolean enforcedToo) {
        PolicyRef ref = draft.ref();
        List<Target> targets = new ArrayList<>();
        ObjectRef staged = PolicyManifests.stagedRef(ref);
        String stagedVersion =
                draft.stagedResourceVersion() != null ? draft.stagedResourceVersion() : liveVersion(staged);
        if (stagedVersion != null) {
            targets.add(new Target(staged, stagedVersion));
        }
        if (!enforcedToo) {
            return targets;
        }
        ObjectRef enforced = PolicyManifests.enforcedRef(ref);
        String enforcedVersion =
                inForce.version(draft).map(PolicyVersion::clusterRevision).orElse(null);
        if (enforcedVersion == null) {
            enforcedVersion = liveVersion(enforced);
        }
        if (enforcedVersion != null) {
            targets.add(new Target(enforced, enforcedVersion));
        }
        return targets;
    }

    /** The intent of removing {@code targets}; null when there is nothing to remove, so the cluster is not written. */
    private @Nullable AuditIntent intend(
            CurrentUser user,
            PolicyDraft draft,
            String action,
            String what,
            @Nullable String before,
            List<Target> targets) {
        if (targets.isEmpty()) {
            return null;
        }
        return intents.intend(
                user,
                action,
                draft.ref(),
                draft.tier(),
                what + ": removed from the cluster: "
                        + String.join(
                                ", ",
                                targets.stream().map(t -> t.ref().toString()).toList()),
                before,
                null,
                targets.stream()
                        .map(t -> ClusterChangeIntents.Expected.removed(t.ref()))
                        .toList());
    }

    private void discharge(@Nullable AuditIntent intent) {
        if (intent != null) {
            intents.discharge(intent);
        }
    }

    private List<String> removeFromCluster(CurrentUser user, List<Target> targets, @Nullable AuditIntent intent) {
        ActingUser acting = Promotions.acting(user);
        List<String> removed = new ArrayList<>();
        try {
            for (Target target : targets) {
                if (remove(acting, target.ref(), target.resourceVersion())) {
                    removed.add(target.ref().toString());
                }
            }
        } catch (RuntimeException e) {
            if (intent != null) {
                intents.failed(
                        intent, e, removed.stream().map(r -> r + " removed").toList());
            }
            throw e;
        }
        return removed;
    }

    private static void refuse(PolicyDraft draft, PolicyAction action) {
        draft.refusal(action).ifPresent(refusal -> {
            throw new PromotionProblem(HttpStatus.CONFLICT, refusal);
        });
    }

    private boolean remove(ActingUser acting, ObjectRef ref, String resourceVersion) {
        try {
            return writer.delete(acting, ref, resourceVersion).changed();
        } catch (ClusterNotFoundException e) {
            return false; // already gone
        }
    }

    private @Nullable String liveVersion(ObjectRef ref) {
        return reader.snapshot()
                .find(ref)
                .map(o -> o.get("metadata") instanceof Map<?, ?> m && m.get("resourceVersion") instanceof String v
                        ? v
                        : null)
                .orElse(null);
    }
}
