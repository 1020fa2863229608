package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The portal's working copy of one policy, and the owner of its life cycle: draft, staged, awaiting approval,
 * approved, enforced, withdrawn (or rejected). Each transition checks the current state and returns the next draft
 * (one revision on), or refuses with {@link PolicyTransitionException}; stores save what it returns. Badges, the
 * approval shown with the draft and the problems still open are answered here too, so that every screen agrees.
 *
 * @param ref which policy
 * @param policy the content, always of an enforced kind ({@code NetworkPolicy} or {@code GlobalNetworkPolicy})
 * @param state where it stands
 * @param revision increases on every change; callers pass it back to guard against lost updates
 * @param updatedBy username of whoever changed it last
 * @param updatedAt when
 * @param enforcedVersion the version number currently in force, null when never promoted or withdrawn
 * @param stagedResourceVersion the cluster resourceVersion of the staged object, null when not staged
 * @param note the last approver's or system's comment (why it was rejected, for instance), null when none
 * @param change what the pending change does: an edit, an adoption, a rollback or a withdrawal
 * @param approvalId the approval request that decided this content or withdrawal (accepted it, or turned it down);
 *     null when none did. An approval belongs to the revision it decided: any new content clears it.
 * @param reason why the requester adopts, rolls back or withdraws it, null for a plain edit
 */
public record PolicyDraft(
        PolicyRef ref,
        CalicoPolicy policy,
        PolicyState state,
        long revision,
        String updatedBy,
        Instant updatedAt,
        @Nullable Integer enforcedVersion,
        @Nullable String stagedResourceVersion,
        @Nullable String note,
        ChangeKind change,
        @Nullable Long approvalId,
        @Nullable String reason) {

    /** A new draft, revision 1. */
    public static PolicyDraft created(PolicyRef ref, CalicoPolicy policy, String by, Instant at) {
        return new PolicyDraft(
                ref, policy, PolicyState.DRAFT, 1, by, at, null, null, null, ChangeKind.EDIT, null, null);
    }

    /** A new draft of a policy in force that Tierdeck did not write; promoting it replaces the cluster's version. */
    public static PolicyDraft adopted(PolicyRef ref, CalicoPolicy policy, String by, Instant at, String reason) {
        return new PolicyDraft(
                ref, policy, PolicyState.DRAFT, 1, by, at, null, null, null, ChangeKind.ADOPTION, null, reason);
    }

    public String tier() {
        return policy.tier();
    }

    // ---- the rule: which action applies in which state ------------------------------------------------------------

    /** Why {@code action} does not apply now, in words for the user; empty when it does. */
    public Optional<String> refusal(PolicyAction action) {
        return Optional.ofNullable(LifecycleRules.refusal(this, action));
    }

    public boolean allows(PolicyAction action) {
        return refusal(action).isEmpty();
    }

    /** @throws PolicyTransitionException with {@link #refusal} when the action does not apply now */
    public void require(PolicyAction action) {
        Optional<String> refusal = refusal(action);
        if (refusal.isPresent()) {
            throw new PolicyTransitionException(action, state, refusal.get());
        }
    }

    // ---- transitions ------------------------------------------------------------------------------------------------

    /** New content: back to a draft, whatever was pending (a request for it no longer applies). */
    public PolicyDraft edited(CalicoPolicy content, String by, Instant at) {
        require(PolicyAction.SAVE);
        // an adopted policy stays an adoption until it is promoted: its first version replaces the cluster's
        boolean adopting = change == ChangeKind.ADOPTION && enforcedVersion == null;
        return next(
                content,
                PolicyState.DRAFT,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                null,
                adopting ? ChangeKind.ADOPTION : ChangeKind.EDIT,
                null,
                adopting ? reason : null);
    }

    /** An earlier version's content as the draft; nothing changes in the cluster until it is staged and promoted. */
    public PolicyDraft rolledBack(PolicyVersion version, String why, String by, Instant at) {
        require(PolicyAction.ROLL_BACK);
        return next(
                version.policy(),
                PolicyState.DRAFT,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                null,
                ChangeKind.ROLLBACK,
                null,
                why);
    }

    /**
     * Written to the cluster as the staged kind.
     *
     * @param carriedApproval an earlier approval that still covers this content (a rollback to a version an approver
     *     accepted, whose guardrail findings are unchanged), null when none
     */
    public PolicyDraft staged(String resourceVersion, @Nullable Long carriedApproval, String by, Instant at) {
        require(PolicyAction.STAGE);
        return next(
                policy,
                PolicyState.STAGED,
                by,
                at,
                enforcedVersion,
                resourceVersion,
                null,
                change == ChangeKind.WITHDRAWAL ? ChangeKind.EDIT : change,
                carriedApproval,
                change == ChangeKind.WITHDRAWAL ? null : reason);
    }

    /** The staged change waits for an approver. */
    public PolicyDraft submitted(String by, Instant at) {
        require(PolicyAction.REQUEST_APPROVAL);
        return next(
                policy,
                PolicyState.AWAITING_APPROVAL,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                null,
                change,
                null,
                reason);
    }

    /** The withdrawal of the enforced policy waits for an approver; the policy stays in force meanwhile. */
    public PolicyDraft withdrawalRequested(String why, String by, Instant at) {
        require(PolicyAction.REQUEST_WITHDRAWAL);
        return next(
                policy,
                PolicyState.AWAITING_APPROVAL,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                null,
                ChangeKind.WITHDRAWAL,
                null,
                why);
    }

    /** An approver accepted exactly this revision (request {@code approval}). */
    public PolicyDraft approved(long approval, @Nullable String comment, String by, Instant at) {
        require(PolicyAction.APPROVE);
        return next(
                policy,
                PolicyState.APPROVED,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                comment,
                change,
                approval,
                reason);
    }

    /** An approver turned it down; a rejected withdrawal leaves the policy in force. */
    public PolicyDraft rejected(long approval, String comment, String by, Instant at) {
        require(PolicyAction.REJECT);
        return next(
                policy,
                PolicyState.REJECTED,
                by,
                at,
                enforcedVersion,
                stagedResourceVersion,
                comment,
                change,
                approval,
                reason);
    }

    /** Promoted as {@code version}; the approval that accepted the content stays with it. */
    public PolicyDraft enforced(int version, String by, Instant at) {
        require(PolicyAction.PROMOTE);
        return next(policy, PolicyState.ENFORCED, by, at, version, null, null, ChangeKind.EDIT, approvalId, null);
    }

    /**
     * Taken out of the cluster, the staged object with it.
     *
     * @param why the reason of a withdrawal that needed no approval; null keeps the reason it was approved for
     */
    public PolicyDraft withdrawn(@Nullable String why, String by, Instant at) {
        require(PolicyAction.WITHDRAW);
        // only an approved withdrawal brings its reason along; any other needs one now
        boolean approvedWithdrawal = state == PolicyState.APPROVED;
        String because =
                approvedWithdrawal && why == null ? reason : ChangeReasons.required(why, "why the policy is withdrawn");
        return next(
                policy,
                PolicyState.WITHDRAWN,
                by,
                at,
                null,
                null,
                null,
                ChangeKind.WITHDRAWAL,
                approvedWithdrawal ? approvalId : null,
                because);
    }

    private PolicyDraft next(
            CalicoPolicy content,
            PolicyState nextState,
            String by,
            Instant at,
            @Nullable Integer enforced,
            @Nullable String staged,
            @Nullable String nextNote,
            ChangeKind nextChange,
            @Nullable Long approval,
            @Nullable String why) {
        return new PolicyDraft(
                ref, content, nextState, revision + 1, by, at, enforced, staged, nextNote, nextChange, approval, why);
    }

    // ---- what the screens show --------------------------------------------------------------------------------------

    /** The badge: the state in words, naming a withdrawal where one is pending or was decided. */
    public String badge() {
        boolean withdrawal = change == ChangeKind.WITHDRAWAL;
        return switch (state) {
            case AWAITING_APPROVAL -> withdrawal ? "withdrawal awaiting approval" : state.words();
            case APPROVED -> withdrawal ? "withdrawal approved" : state.words();
            case REJECTED -> withdrawal ? "withdrawal rejected" : state.words();
            default -> state.words();
        };
    }

    /** The badge's style: {@code state-approved}. */
    public String badgeClass() {
        return "state-" + state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether an approval request is the one that belongs with this draft: the request waiting for exactly this
     * revision, or the request that decided this content or withdrawal. An older request (of content since changed)
     * is history, never shown as the draft's.
     */
    public boolean concerns(long approval, long approvalRevision) {
        if (state == PolicyState.AWAITING_APPROVAL) {
            return approvalRevision == revision;
        }
        return approvalId != null && approvalId == approval;
    }

    public boolean isWithdrawn() {
        return state == PolicyState.WITHDRAWN;
    }

    /** Whether it is staged with the approval an approver gave this very content before (a rollback, say). */
    public boolean approvalCarried() {
        return state == PolicyState.STAGED && approvalId != null;
    }

    /** Whether the staged object in the cluster is this draft's content, so Calico's pending verdicts are about it. */
    public boolean stagedAsItIs() {
        return stagedResourceVersion != null
                && change != ChangeKind.WITHDRAWAL
                && (state == PolicyState.STAGED
                        || state == PolicyState.AWAITING_APPROVAL
                        || state == PolicyState.APPROVED
                        || state == PolicyState.REJECTED);
    }

    /** Whether an approver's acceptance covers the content as it stands, so its findings need nobody else. */
    public boolean approvalCovers() {
        return approvalId != null
                && (state == PolicyState.STAGED || state == PolicyState.APPROVED || state == PolicyState.ENFORCED);
    }

    /**
     * The problems still open for the content: blocking ones always; those that ask for an approver only while the
     * change is still to be approved (an enforced policy, or one an approver accepted, needs nobody).
     */
    public List<PolicyProblem> openProblems(List<PolicyProblem> findings) {
        boolean toApprove = !approvalCovers()
                && (state == PolicyState.DRAFT
                        || state == PolicyState.STAGED
                        || state == PolicyState.REJECTED
                        || state == PolicyState.WITHDRAWN);
        return findings.stream().filter(p -> p.blocking() || toApprove).toList();
    }
}
