package dev.tierdeck.policy.store;

import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.policy.DamagedPolicy;
import dev.tierdeck.policy.PolicyChecks;
import dev.tierdeck.policy.PolicyConflictException;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyProblem;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyRejectedException;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.PolicyVersion;
import dev.tierdeck.tenancy.Tenancy;
import dev.tierdeck.tier.TierGovernance;
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
 * {@link PolicyDrafts} on PostgreSQL. Each change locks the draft's row, checks the caller's revision and the state
 * rule of the transition, writes the row and records the audit entry, all in one transaction.
 */
@Component
class JdbcPolicyDrafts implements PolicyDrafts {

    private final DraftRows rows;
    private final PolicyChecks checks;
    private final TierGovernance governance;
    private final Tenancy tenancy;
    private final PolicyAudit audit;
    private final Clock clock;

    JdbcPolicyDrafts(
            DraftRows rows, PolicyChecks checks, TierGovernance governance, Tenancy tenancy, PolicyAudit audit) {
        this.rows = rows;
        this.checks = checks;
        this.governance = governance;
        this.tenancy = tenancy;
        this.audit = audit;
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
        List<PolicyProblem> blocking = checks.check(user, policy).stream()
                .filter(PolicyProblem::blocking)
                .toList();
        if (!blocking.isEmpty()) {
            throw new PolicyRejectedException(blocking);
        }
        PolicyRef ref = new PolicyRef(policy.namespace(), policy.name());
        String yaml = PolicyYaml.write(policy);
        Optional<DraftRows.Row> current = rows.lock(ref);
        if (expectedRevision == null) {
            if (current.isPresent()) {
                throw new PolicyConflictException("A policy named " + ref.name() + " already exists " + scope(ref)
                        + "; open it to change it, or choose another name.");
            }
            PolicyDraft created =
                    new PolicyDraft(ref, policy, PolicyState.DRAFT, 1, user.username(), now(), null, null, null);
            if (!rows.insert(created, yaml)) {
                throw new PolicyConflictException("A policy named " + ref.name() + " was just created " + scope(ref)
                        + "; open it to change it, or choose another name.");
            }
            audit.record(user, "policy.saved", ref, kind(policy), policy.tier(), "created", null, yaml);
            return created;
        }
        DraftRows.Row row = current.orElseThrow(() -> Conflicts.gone(ref));
        if (row.yaml().equals(yaml)) {
            // The same content again (a repeated submit): nothing changes, whatever revision the caller held.
            return row.draft();
        }
        PolicyDraft before = row.draft();
        if (!governance.mayWritePolicies(user, before.tier())) {
            throw new PolicyRejectedException(List.of(new PolicyProblem(
                    "spec.tier",
                    "The policy " + ref + " is in the tier " + before.tier() + ", where you may not change policies.",
                    null,
                    true)));
        }
        Conflicts.checkRevision(before, expectedRevision);
        PolicyDraft saved = new PolicyDraft(
                ref,
                policy,
                PolicyState.DRAFT,
                before.revision() + 1,
                user.username(),
                now(),
                before.enforcedVersion(),
                before.stagedResourceVersion(),
                null);
        rows.update(saved, yaml);
        audit.record(user, "policy.saved", ref, kind(policy), policy.tier(), null, row.yaml(), yaml);
        return saved;
    }

    @Override
    @Transactional
    public PolicyDraft markStaged(
            CurrentUser user, PolicyRef ref, long expectedRevision, String stagedResourceVersion) {
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        Conflicts.requireState(row.draft(), "be staged", PolicyState.DRAFT, PolicyState.REJECTED, PolicyState.STAGED);
        PolicyDraft d = row.draft();
        return transition(
                user,
                row,
                new PolicyDraft(
                        ref,
                        d.policy(),
                        PolicyState.STAGED,
                        d.revision() + 1,
                        user.username(),
                        now(),
                        d.enforcedVersion(),
                        stagedResourceVersion,
                        null),
                "policy.staged",
                null);
    }

    @Override
    @Transactional
    public PolicyDraft markAwaitingApproval(CurrentUser user, PolicyRef ref, long expectedRevision) {
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        Conflicts.requireState(row.draft(), "be sent for approval", PolicyState.STAGED);
        return transition(
                user, row, changed(row.draft(), PolicyState.AWAITING_APPROVAL, user, null), "policy.submitted", null);
    }

    @Override
    @Transactional
    public PolicyDraft markRejected(CurrentUser approver, PolicyRef ref, long expectedRevision, String comment) {
        DraftRows.Row row = rows.lock(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (!tenancy.mayApprove(approver, ref.namespace())) {
            throw new AccessDeniedException("You may not approve or reject changes to policies " + scope(ref) + ".");
        }
        Conflicts.checkRevision(row.draft(), expectedRevision);
        Conflicts.requireState(row.draft(), "be rejected", PolicyState.AWAITING_APPROVAL);
        return transition(
                approver,
                row,
                changed(row.draft(), PolicyState.REJECTED, approver, comment),
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
        if (!mayWrite(user, row.draft()) && !tenancy.mayApprove(user, ref.namespace())) {
            throw new AccessDeniedException("You may not promote policies " + scope(ref) + ".");
        }
        Conflicts.checkRevision(row.draft(), expectedRevision);
        Conflicts.requireState(row.draft(), "be promoted", PolicyState.STAGED, PolicyState.AWAITING_APPROVAL);
        PolicyDraft d = row.draft();
        Optional<PolicyVersion> previous =
                d.enforcedVersion() == null ? Optional.empty() : rows.version(ref, d.enforcedVersion());
        PolicyVersion version = new PolicyVersion(
                ref, rows.nextVersion(ref), d.policy(), user.username(), now(), promotionId, clusterRevision);
        rows.insertVersion(version, row.yaml());
        PolicyDraft enforced = new PolicyDraft(
                ref,
                d.policy(),
                PolicyState.ENFORCED,
                d.revision() + 1,
                user.username(),
                version.promotedAt(),
                version.version(),
                null,
                null);
        rows.update(enforced, row.yaml());
        audit.record(
                user,
                "policy.promoted",
                ref,
                kind(d.policy()),
                d.tier(),
                "version " + version.version() + ", promotion " + promotionId,
                previous.map(v -> PolicyYaml.write(v.policy())).orElse(null),
                row.yaml());
        return version;
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
    public void delete(CurrentUser user, PolicyRef ref, long expectedRevision) {
        DraftRows.Stored stored = rows.lockAny(ref).orElseThrow(() -> Conflicts.gone(ref));
        if (stored.damaged() != null) {
            forgetDamaged(user, stored.damaged(), stored.yaml(), expectedRevision);
            return;
        }
        DraftRows.Row row = lockForChange(user, ref, expectedRevision);
        rows.delete(ref);
        audit.record(
                user,
                "policy.deleted",
                ref,
                kind(row.draft().policy()),
                row.draft().tier(),
                null,
                row.yaml(),
                null);
    }

    /** A damaged draft is deleted under the same rules as any other, judged by its stored columns. */
    private void forgetDamaged(CurrentUser user, DamagedPolicy damaged, String yaml, long expectedRevision) {
        PolicyRef ref = damaged.ref();
        boolean scope = user.isAdmin() || (ref.namespace() != null && tenancy.mayUse(user, ref.namespace()));
        if (!scope || !governance.mayWritePolicies(user, damaged.tier())) {
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
                "its stored copy could not be read: " + damaged.problem(),
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

    private boolean mayWrite(CurrentUser user, PolicyDraft draft) {
        if (!governance.mayWritePolicies(user, draft.tier())) {
            return false;
        }
        String namespace = draft.ref().namespace();
        return user.isAdmin() || (namespace != null && tenancy.mayUse(user, namespace));
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

    private PolicyDraft changed(PolicyDraft d, PolicyState state, CurrentUser user, @Nullable String note) {
        return new PolicyDraft(
                d.ref(),
                d.policy(),
                state,
                d.revision() + 1,
                user.username(),
                now(),
                d.enforcedVersion(),
                d.stagedResourceVersion(),
                note);
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
