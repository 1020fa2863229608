package dev.tierdeck.cluster.web;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.ObjectDiff;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Restores one drifted object as the signed-in admin and records it in the audit trail in the same transaction: when
 * the cluster refuses, nothing is recorded; when recording fails, the caller sees the failure.
 */
@Service
class DriftRestore {

    private final ClusterDrift drift;
    private final AuditLog audit;
    private final Permissions permissions;

    DriftRestore(ClusterDrift drift, AuditLog audit, Permissions permissions) {
        this.drift = drift;
        this.audit = audit;
        this.permissions = permissions;
    }

    @Transactional
    WriteOutcome restore(CurrentUser admin, String driftId) {
        // putting an object back as its owners last approved it is the console's business, locked tier or not: any
        // admin may (as themselves, so the cluster's tier RBAC still has the last word)
        permissions.require(admin, Action.ADMINISTER, Resource.PORTAL);
        Drift found = drift.drift().stream()
                .filter(d -> d.id().equals(driftId))
                .findFirst()
                .orElseThrow(() -> new ClusterNotFoundException(
                        // the gateway names an unknown drift the same way
                        new ObjectRef(ClusterKind.TIER, null, driftId),
                        "There is no drift " + driftId + " (any more): it may have been restored already."));
        // Impersonation is built from the server-side identity only, never from request data.
        ActingUser acting = new ActingUser(admin.username(), List.copyOf(admin.groups()));
        WriteOutcome outcome = drift.restore(acting, driftId);
        audit.record(AuditEntry.builder(Actor.of(admin), "drift.restored")
                .target(
                        found.ref().kind().kind(),
                        found.ref().namespace(),
                        found.ref().name())
                .tier(found.tier())
                .reason("Restored after " + describe(found.reason()) + " ("
                        + outcome.change().name().toLowerCase(Locale.ROOT) + ")")
                .change(lines(found.diff(), true), lines(found.diff(), false))
                .correlationId(CorrelationId.current().orElse(null))
                .build());
        return outcome;
    }

    static String describe(Drift.Reason reason) {
        return switch (reason) {
            case MODIFIED_OUT_OF_BAND -> "a change outside Tierdeck to an object it owns";
            case LOCKED_TIER_CHANGED -> "a change outside Tierdeck in a locked tier";
            case CREATED_IN_LOCKED_TIER -> "an object created outside Tierdeck in a locked tier";
            case DELETED_OUT_OF_BAND -> "a deletion outside Tierdeck";
        };
    }

    /** The diff as "path: value" lines: the cluster's state before the restore (actual) and after it (expected). */
    private static String lines(ObjectDiff diff, boolean actual) {
        return diff.changes().stream()
                .map(c -> c.path() + ": " + (actual ? c.actual() : c.expected()))
                .collect(Collectors.joining("\n"));
    }
}
