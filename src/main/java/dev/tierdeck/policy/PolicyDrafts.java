package dev.tierdeck.policy;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The managed policies and their life cycle, stored in PostgreSQL. Every method that changes something checks on the
 * server that {@code user} may (tier governance, namespace ownership), writes an audit record in the same
 * transaction, and refuses a stale {@code expectedRevision} with {@link PolicyConflictException}.
 */
public interface PolicyDrafts {

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
     * null (the name must be free), otherwise replaces the draft at that revision. A saved change always returns the
     * draft to {@link PolicyState#DRAFT}. Saving content identical to the current draft changes nothing.
     *
     * @throws PolicyRejectedException with every blocking problem; nothing is saved
     */
    PolicyDraft save(CurrentUser user, CalicoPolicy policy, @Nullable Long expectedRevision);

    /** Records that the draft at {@code expectedRevision} now exists in the cluster as a staged policy. */
    PolicyDraft markStaged(CurrentUser user, PolicyRef ref, long expectedRevision, String stagedResourceVersion);

    /** Staged and waiting for an approver. */
    PolicyDraft markAwaitingApproval(CurrentUser user, PolicyRef ref, long expectedRevision);

    /** An approver refused it; {@code comment} is shown to the requester. */
    PolicyDraft markRejected(CurrentUser approver, PolicyRef ref, long expectedRevision, String comment);

    /** Promoted: records the new {@link PolicyVersion} and marks the draft {@link PolicyState#ENFORCED}. */
    PolicyVersion markEnforced(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String promotionId,
            @Nullable String clusterRevision);

    /** Every promoted version, newest first. */
    List<PolicyVersion> versions(PolicyRef ref);

    Optional<PolicyVersion> version(PolicyRef ref, int version);

    /** Forgets the draft (the caller removes any staged or enforced object from the cluster first). */
    void delete(CurrentUser user, PolicyRef ref, long expectedRevision);
}
