package dev.tierdeck.policy.store;

import dev.tierdeck.cluster.ClusterReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.ChangeReasons;
import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.PolicyAction;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@link PolicyDrafts} on PostgreSQL. Each change locks the draft's row, checks the caller's permission and revision,
 * asks the draft for the transition (which refuses what its state does not allow), writes the row and records the
 * audit entry, all in one transaction. The store decides no state of its own.
 */
@Component
class JdbcPolicyDrafts implements PolicyDrafts {

    private final DraftRows rows;
    private final PolicyChecks checks;
    private final Permissions permissions;
    private final PolicyAudit audit;
    private final ClusterReader cluster;
    private final Clock clock;

    JdbcPolicyDrafts(
            DraftRows rows, PolicyChecks checks, Permissions permissions, PolicyAudit audit, ClusterReader cluster) {
        this.rows = rows;
        this.checks = checks;
        this.permissions = permissions;
        this.audit = audit;
        this.cluster = cluster;
        this.clock = Clock.systemUTC();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PolicyDraft> find(PolicyRef ref) {
        return rows.find(ref).map(DraftRows.Row::draft);
    }

    @Override
    @Transactional(readOnly = true)
    public List<PolicyDraft> list(@Nullable String namespace) {
        return rows.list(namespace);
    }

    @Override
    @Transactional(readOnly = true)
    public List<DamagedPolicy> damaged(@Nullable String namespace) {
        return rows.damaged(namespace);
    }

    @Override
    @Transactional
    public PolicyDraft save(CurrentUser user, CalicoPolicy policy, @Nullable Long expectedRevision) {
        refuseBlocking(user, policy);
        PolicyRef ref = new PolicyRef(policy.namespace(), policy.name());
        String yaml = PolicyYaml.write(policy);
        Optional<DraftRows.Row> current = rows.lock(ref);
        if (expectedRevision == null) {
            requireFree(ref, current);
            if (inForceOutside(policy) != null) {
                throw new PolicyRejectedException(List.of(new PolicyProblem(
                        "metadata.name",
                        "A " + kind(policy) + " named " + ref.name() + " is already in force " + scope(ref)
                                + ", written outside Tierdeck. Taking it over is an adoption: open it from the"
                                + " namespace page (or send it with a reason) and say why Tierdeck should manage it.",
                        null,
                        true)));
            }
            PolicyDraft created = PolicyDraft.created(ref, policy, user.username(), now());
            insert(ref, created, yaml);
            audit.record(user, "policy.saved", ref, kind(policy), policy.tier(), "created", null, yaml);
            return created;
        }
        DraftRows.Row row = current.orElseThrow(() -> Conflicts.gone(ref));
        if (row.yaml().equals(yaml)) {
            // The same content again (a repeated submit): nothing changes, whatever revision the caller held.
            return row.draft();
        }
        PolicyDraft before = row.draft();
        if (!permissions.allows(user, Action.EDIT, Resource.policy(ref.namespace(), before.tier()))) {
            throw new PolicyRejectedException(List.of(new PolicyProblem(
                    "spec.tier",
                    "The policy " + ref + " is in the tier " + before.tier() + ", where you may not change policies.",
                    null,
                    true)));
        }
        Conflicts.checkRevision(before, expectedRevision);
        PolicyDraft saved = before.edited(policy, user.username(), now());
        rows.update(saved, yaml);
        audit.record(user, "policy.saved", ref, kind(policy), policy.tier(), null, row.yaml(), yaml);
        return saved;
    }

    @Override
    @Transactional
    public PolicyDraft adopt(CurrentUser user, CalicoPolicy policy, String reason) {
        String why = ChangeReasons.required(reason, "why Tierdeck takes this policy over");
        refuseBlocking(user, policy);
        PolicyRef ref = new PolicyRef(policy.namespace(), policy.name());
        requireFree(ref, rows.lock(ref));
        CalicoPolicy outside = inForceOutside(policy);
        if (outside == null) {
            throw new PolicyRejectedException(List.of(new PolicyProblem(
                    "metadata.name",
                    "No " + kind(policy) + " named " + ref.name() + " is in force " + scope(ref)
                            + ": there is nothing to adopt; create it as a new policy.",
                    null,
                    true)));
        }
        PolicyDraft adopted = PolicyDraft.adopted(ref, policy, user.username(), now(), why);
        String yaml = PolicyYaml.write(policy);
        insert(ref, adopted, yaml);
        audit.record(user, "policy.adopted", ref, kind(policy), policy.tier(), why, PolicyYaml.write(outside), yaml);
        return adopted;
    }

    @Override
    @Transactional
    public PolicyDraft rollBack(CurrentUser user, PolicyRef ref, int version, long expectedRevision, String reason) {
        String why = ChangeReasons.required(reason, "why the policy goes back to version " + version);
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        PolicyVersion target = rows.version(ref, version)
                .orElseThrow(() -> new PolicyConflictException(ref + " has no version " + version + "."));
        refuseBlocking(user, target.policy());
        PolicyDraft next = row.draft().rolledBack(target, why, user.username(), now());
        String yaml = PolicyYaml.write(target.policy());
        rows.update(next, yaml);
        audit.record(
                user,
                "policy.rolled-back",
                ref,
                kind(target.policy()),
                target.policy().tier(),
                "to version " + version + ": " + why,
                row.yaml(),
                yaml);
        return next;
    }

    @Override
    @Transactional
    public PolicyDraft markStaged(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String stagedResourceVersion,
            @Nullable Long carriedApproval) {
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        PolicyDraft next = row.draft().staged(stagedResourceVersion, carriedApproval, user.username(), now());
        return transition(
                user,
                row,
                next,
                "policy.staged",
                carriedApproval == null ? null : "the content an approver accepted in request " + carriedApproval);
    }

    @Override
    @Transactional
    public PolicyDraft markAwaitingApproval(CurrentUser user, PolicyRef ref, long expectedRevision) {
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        return transition(user, row, row.draft().submitted(user.username(), now()), "policy.submitted", null);
    }

    @Override
    @Transactional
    public PolicyDraft markWithdrawalRequested(CurrentUser user, PolicyRef ref, long expectedRevision, String reason) {
        String why = ChangeReasons.required(reason, "why the policy is withdrawn");
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        return transition(
                user,
                row,
                row.draft().withdrawalRequested(why, user.username(), now()),
                "policy.withdrawal-requested",
                why);
    }

    @Override
    @Transactional
    public PolicyDraft markApproved(
            CurrentUser approver, PolicyRef ref, long expectedRevision, long approvalId, @Nullable String comment) {
        DraftRows.Row row = lockForDecision(approver, ref, expectedRevision);
        return transition(
                approver,
                row,
                row.draft().approved(approvalId, comment, approver.username(), now()),
                "policy.approved",
                "request " + approvalId + (comment == null ? "" : ": " + comment));
    }

    @Override
    @Transactional
    public PolicyDraft markRejected(
            CurrentUser approver, PolicyRef ref, long expectedRevision, long approvalId, String comment) {
        DraftRows.Row row = lockForDecision(approver, ref, expectedRevision);
        return transition(
                approver,
                row,
                row.draft().rejected(approvalId, comment, approver.username(), now()),
                "policy.rejected",
                comment);
    }

    @Override
    @Transactional
    public PolicyVersion markEnforced(
            CurrentUser user,
            PolicyRef ref,
            long expectedRevision,
            String promotionId,
            @Nullable String clusterRevision) {
        Optional<PolicyVersion> done = rows.versionOfPromotion(ref, promotionId);
        if (done.isPresent()) {
            // The same promotion reported twice (a retry after a lost answer): one version only.
            return done.get();
        }
        DraftRows.Row row = rows.lock(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (!permissions.allows(
                user,
                Action.PROMOTE,
                Resource.policy(ref.namespace(), row.draft().tier()))) {
            throw new AccessDeniedException("You may not promote policies " + scope(ref) + ".");
        }
        Conflicts.checkRevision(row.draft(), expectedRevision);
        PolicyDraft d = row.draft();
        d.require(PolicyAction.PROMOTE);
        Optional<PolicyVersion> previous =
                d.enforcedVersion() == null ? Optional.empty() : rows.version(ref, d.enforcedVersion());
        PolicyVersion version = new PolicyVersion(
                ref,
                rows.nextVersion(ref),
                d.policy(),
                user.username(),
                now(),
                promotionId,
                clusterRevision,
                d.approvalId());
        rows.insertVersion(version, row.yaml());
        rows.update(d.enforced(version.version(), user.username(), version.promotedAt()), row.yaml());
        audit.record(
                user,
                "policy.promoted",
                ref,
                kind(d.policy()),
                d.tier(),
                "version " + version.version() + ", promotion " + promotionId
                        + (d.approvalId() == null ? "" : ", approved in request " + d.approvalId()),
                previous.map(v -> PolicyYaml.write(v.policy())).orElse(null),
                row.yaml());
        return version;
    }

    @Override
    @Transactional
    public PolicyDraft markWithdrawn(CurrentUser user, PolicyRef ref, long expectedRevision, @Nullable String reason) {
        String why = ChangeReasons.optional(reason);
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        PolicyDraft d = row.draft();
        PolicyDraft next = d.withdrawn(why, user.username(), now());
        String enforced = d.enforcedVersion() == null
                ? null
                : rows.version(ref, d.enforcedVersion())
                        .map(v -> PolicyYaml.write(v.policy()))
                        .orElse(null);
        rows.update(next, row.yaml());
        audit.record(
                user,
                "policy.withdrawn",
                ref,
                kind(d.policy()),
                d.tier(),
                (next.approvalId() == null ? "" : "approved in request " + next.approvalId() + ": ") + next.reason(),
                enforced,
                null);
        return next;
    }

    @Override
    @Transactional(readOnly = true)
    public List<PolicyVersion> versions(PolicyRef ref) {
        return rows.versions(ref);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<PolicyVersion> version(PolicyRef ref, int version) {
        return rows.version(ref, version);
    }

    @Override
    @Transactional
    public void delete(CurrentUser user, PolicyRef ref, long expectedRevision, @Nullable String reason) {
        DraftRows.Stored stored = rows.lockAny(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (stored.damaged() != null) {
            forgetDamaged(user, stored.damaged(), stored.yaml(), expectedRevision, reason);
            return;
        }
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        row.draft().require(PolicyAction.DISCARD);
        rows.delete(ref);
        audit.record(
                user,
                "policy.deleted",
                ref,
                kind(row.draft().policy()),
                row.draft().tier(),
                ChangeReasons.optional(reason),
                row.yaml(),
                null);
    }

    private void refuseBlocking(CurrentUser user, CalicoPolicy policy) {
        List<PolicyProblem> blocking = checks.check(user, policy).stream()
                .filter(PolicyProblem::blocking)
                .toList();
        if (!blocking.isEmpty()) {
            throw new PolicyRejectedException(blocking);
        }
    }

    private static void requireFree(PolicyRef ref, Optional<DraftRows.Row> current) {
        if (current.isPresent()) {
            throw new PolicyConflictException("A policy named " + ref.name() + " already exists " + scope(ref)
                    + "; open it to change it, or choose another name.");
        }
    }

    private void insert(PolicyRef ref, PolicyDraft draft, String yaml) {
        if (!rows.insert(draft, yaml)) {
            throw new PolicyConflictException("A policy named " + ref.name() + " was just created " + scope(ref)
                    + "; open it to change it, or choose another name.");
        }
    }

    /** The enforced policy of the same kind and name in the cluster, when Tierdeck does not manage it yet. */
    private @Nullable CalicoPolicy inForceOutside(CalicoPolicy policy) {
        return cluster.decoded().state().get(policy.key()) instanceof CalicoPolicy inForce ? inForce : null;
    }

    /** A damaged draft is deleted under the same rules as any other, judged by its stored columns. */
    private void forgetDamaged(
            CurrentUser user, DamagedPolicy damaged, String yaml, long expectedRevision, @Nullable String reason) {
        String why = ChangeReasons.optional(reason);
        PolicyRef ref = damaged.ref();
        if (!permissions.allows(user, Action.EDIT, Resource.policy(ref.namespace(), damaged.tier()))) {
            throw new AccessDeniedException("You may not change the policy " + ref + " (tier " + damaged.tier() + ").");
        }
        if (damaged.revision() != expectedRevision) {
            throw new PolicyConflictException("The policy " + ref + " changed since you read it (you had revision "
                    + expectedRevision + ", it is now at " + damaged.revision() + "); reload it and try again.");
        }
        rows.delete(ref);
        audit.record(
                user,
                "policy.deleted",
                ref,
                damaged.kind(),
                damaged.tier(),
                (why == null ? "" : why + " — ") + "its stored copy could not be read: " + damaged.problem(),
                yaml,
                null);
    }

    /** Locks the row, then refuses a caller who may not write it or holds a stale revision. */
    private DraftRows.Row lockForChange(CurrentUser user, PolicyRef ref, long expectedRevision) {
        DraftRows.Row row = rows.lock(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (!mayWrite(user, row.draft())) {
            throw new AccessDeniedException("You may not change the policy " + ref + " (tier "
                    + row.draft().tier() + ").");
        }
        Conflicts.checkRevision(row.draft(), expectedRevision);
        return row;
    }

    /** Locks the row for an approver's decision: approvers decide for namespaces they need not own. */
    private DraftRows.Row lockForDecision(CurrentUser approver, PolicyRef ref, long expectedRevision) {
        DraftRows.Row row = rows.lock(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (!permissions.allows(
                approver,
                Action.APPROVE,
                Resource.policy(ref.namespace(), row.draft().tier()))) {
            throw new AccessDeniedException("You may not approve or reject changes to policies " + scope(ref) + ".");
        }
        Conflicts.checkRevision(row.draft(), expectedRevision);
        return row;
    }

    private boolean mayWrite(CurrentUser user, PolicyDraft draft) {
        return permissions.allows(user, Action.EDIT, Resource.policy(draft.ref().namespace(), draft.tier()));
    }

    private PolicyDraft transition(
            CurrentUser user, DraftRows.Row row, PolicyDraft next, String action, @Nullable String reason) {
        rows.update(next, row.yaml());
        audit.record(
                user,
                action,
                next.ref(),
                kind(next.policy()),
                next.tier(),
                reason == null ? row.draft().state() + " -> " + next.state() : reason,
                row.yaml(),
                row.yaml());
        return next;
    }

    private static String scope(PolicyRef ref) {
        return ref.isGlobal() ? "among the global policies" : "in namespace " + ref.namespace();
    }

    private static String kind(CalicoPolicy policy) {
        return policy.kind().name();
    }

    private Instant now() {
        // PostgreSQL keeps microseconds: the returned draft equals the stored one.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
