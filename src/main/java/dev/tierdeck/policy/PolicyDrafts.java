package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The managed policies, stored in PostgreSQL. Every method that changes something checks on the server that
 * {@code user} may (tier governance, namespace ownership), lets the draft decide the transition ({@link PolicyDraft},
 * refusing with {@link PolicyTransitionException}), writes an audit record in the same transaction, and refuses a
 * stale {@code expectedRevision} with {@link PolicyConflictException}.
 */
public interface PolicyDrafts {

    /** The longest reason a requester may give for an adoption, a rollback or a withdrawal. */
    int REASON_LIMIT = 2000;

    Optional<PolicyDraft> find(PolicyRef ref);

    /**
     * The managed policies of a namespace, or the global ones when {@code namespace} is null, sorted by name. A policy
     * whose stored copy does not decode is left out (see {@link #damaged}); {@link #find} refuses it with
     * {@link DamagedPolicyException} and {@link #delete} deletes it.
     */
    List<PolicyDraft> list(@Nullable String namespace);

    /** The namespace's (or the global) managed policies whose stored copy no longer decodes, sorted by name. */
    List<DamagedPolicy> damaged(@Nullable String namespace);

    /**
     * Validates ({@link PolicyChecks}) and saves {@code policy} as a draft: creates it when {@code expectedRevision} is
     * null (the name must be free, and no policy of that name may be in force in the cluster: taking one over is
     * {@link #adopt}), otherwise replaces the draft at that revision. A saved change always returns the draft to
     * {@link PolicyState#DRAFT}. Saving content identical to the current draft changes nothing.
     *
     * @throws PolicyRejectedException with every blocking problem; nothing is saved
     */
    PolicyDraft save(CurrentUser user, CalicoPolicy policy, @Nullable Long expectedRevision);

    /**
     * Takes over a policy in force in the cluster that Tierdeck did not write: a new draft (audited with the
     * cluster's version as before and {@code reason}), promoted over the cluster's object like any change.
     *
     * @throws PolicyRejectedException when the reason is missing or too long, nothing of that name is in force, or
     *     the policy has blocking problems; nothing is saved
     */
    PolicyDraft adopt(CurrentUser user, CalicoPolicy policy, String reason);

    /**
     * Saves version {@code version}'s content as the draft, audited as a rollback with {@code reason}. Nothing
     * changes in the cluster until it is staged and promoted.
     *
     * @throws PolicyRejectedException when the reason is missing or too long, or the version no longer passes the
     *     checks
     */
    PolicyDraft rollBack(CurrentUser user, PolicyRef ref, int version, long expectedRevision, String reason);

    /**
     * Records that the draft at {@code expectedRevision} now exists in the cluster as a staged policy.
     *
     * @param carriedApproval an earlier approval that still covers the content, null when none
     */
    PolicyDraft markStaged(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String stagedResourceVersion,
            @Nullable Long carriedApproval);

    /** Records that the draft at {@code expectedRevision} now exists in the cluster as a staged policy. */
    default PolicyDraft markStaged(
            CurrentUser user, PolicyRef ref, long expectedRevision, String stagedResourceVersion) {
        return markStaged(user, ref, expectedRevision, stagedResourceVersion, null);
    }

    /** Staged and waiting for an approver. */
    PolicyDraft markAwaitingApproval(CurrentUser user, PolicyRef ref, long expectedRevision);

    /** The withdrawal of the enforced policy waits for an approver; {@code reason} says why it is withdrawn. */
    PolicyDraft markWithdrawalRequested(CurrentUser user, PolicyRef ref, long expectedRevision, String reason);

    /** An approver accepted the revision {@code expectedRevision} through request {@code approvalId}. */
    PolicyDraft markApproved(
            CurrentUser approver, PolicyRef ref, long expectedRevision, long approvalId, @Nullable String comment);

    /** An approver refused it; {@code comment} is shown to the requester. */
    PolicyDraft markRejected(
            CurrentUser approver, PolicyRef ref, long expectedRevision, long approvalId, String comment);

    /** Promoted: records the new {@link PolicyVersion} and marks the draft {@link PolicyState#ENFORCED}. */
    PolicyVersion markEnforced(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String promotionId,
            @Nullable String clusterRevision);

    /**
     * Withdrawn: the caller removed the staged and enforced objects from the cluster first.
     *
     * @param reason why, for a withdrawal carried out without approval; null keeps the reason it was approved for
     */
    PolicyDraft markWithdrawn(CurrentUser user, PolicyRef ref, long expectedRevision, @Nullable String reason);

    /** Every promoted version, newest first. */
    List<PolicyVersion> versions(PolicyRef ref);

    Optional<PolicyVersion> version(PolicyRef ref, int version);

    /**
     * Forgets a draft with nothing in force (the caller removes any staged object from the cluster first); an
     * enforced policy is withdrawn instead.
     */
    void delete(CurrentUser user, PolicyRef ref, long expectedRevision, @Nullable String reason);
}
