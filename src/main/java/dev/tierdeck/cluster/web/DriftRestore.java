package dev.tierdeck.cluster.web;

import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditIntent;
import dev.tierdeck.audit.AuditIntents;
import dev.tierdeck.cluster.ActingUser;
import dev.tierdeck.cluster.ClusterDrift;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ClusterNotFoundException;
import dev.tierdeck.cluster.ClusterUnavailableException;
import dev.tierdeck.cluster.Drift;
import dev.tierdeck.cluster.ObjectDiff;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.cluster.WriteOutcome;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.system.CorrelationId;
import dev.tierdeck.tenancy.Action;
import dev.tierdeck.tenancy.Decision;
import dev.tierdeck.tenancy.Permissions;
import dev.tierdeck.tenancy.Resource;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;

/**
 * Restores one drifted object as the signed-in admin. An object of a locked tier is restored by the tier's owners only,
 * checked here, before the cluster's own RBAC is asked (which a cluster without RBAC, like the demo's, never refuses).
 * The restore is recorded as an intent with its audit entry before the cluster is written and settled afterwards
 * (by {@link DriftIntentSweep} when the answer never came), so a restore has its audit record or did not happen.
 */
@Service
class DriftRestore {

    private final ClusterDrift drift;
    private final AuditIntents intents;
    private final Permissions permissions;

    DriftRestore(ClusterDrift drift, AuditIntents intents, Permissions permissions) {
        this.drift = drift;
        this.intents = intents;
        this.permissions = permissions;
    }

    WriteOutcome restore(CurrentUser admin, String driftId) {
        // refused before anything is looked up, so that nobody outside the console learns which drifts exist
        permissions.require(admin, Action.ADMINISTER, Resource.PORTAL);
        Drift found = drift.drift().stream()
                .filter(d -> d.id().equals(driftId))
                .findFirst()
                .orElseThrow(() -> new ClusterNotFoundException(
                        // the gateway names an unknown drift the same way
                        new ObjectRef(ClusterKind.TIER, null, driftId),
                        "There is no drift " + driftId + " (any more): it may have been restored already."));
        requireOwner(admin, found);
        AuditEntry entry = AuditEntry.builder(Actor.of(admin), "drift.restored")
                .target(
                        found.ref().kind().kind(),
                        found.ref().namespace(),
                        found.ref().name())
                .tier(found.tier())
                .reason("Restored after " + describe(found.reason()))
                .change(lines(found.diff(), true), lines(found.diff(), false))
                .correlationId(CorrelationId.current().orElse(null))
                .build();
        AuditIntent intent = intents.intend(entry, payload(driftId));
        // Impersonation is built from the server-side identity only, never from request data.
        ActingUser acting = new ActingUser(admin.username(), List.copyOf(admin.groups()));
        WriteOutcome outcome;
        try {
            outcome = drift.restore(acting, driftId);
        } catch (ClusterUnavailableException unknown) {
            throw unknown; // the sweep reads the cluster back
        } catch (RuntimeException refused) {
            intents.abandon(intent.id());
            throw refused;
        }
        intents.settle(intent.id(), outcome.change().name().toLowerCase(Locale.ROOT));
        return outcome;
    }

    /**
     * Restoring is the console's business, and an object of a locked tier is put back by the tier's owners only, like
     * every other change to it: the same decision as a change to the tier itself.
     */
    private void requireOwner(CurrentUser admin, Drift found) {
        permissions.require(admin, Action.ADMINISTER, Resource.PORTAL);
        String tier = found.tier();
        if (tier == null) {
            return;
        }
        Decision decision = permissions.decide(admin, Action.EDIT, Resource.tier(tier));
        if (!decision.allowed()) {
            throw new AccessDeniedException(
                    decision.reason() + " Its objects are restored by them too; nothing was changed.");
        }
    }

    static String payload(String driftId) {
        return "{\"driftId\":"
                + tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(driftId) + "}";
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
