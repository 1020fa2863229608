package dev.tierdeck.cluster;

import dev.tierdeck.cluster.WriteOutcome.Change;
import java.time.Clock;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Creates, replaces or deletes one object idempotently, as a user. An object that already holds the desired content
 * is left alone; a write whose outcome is unknown is recorded in {@link PendingWrites} and read back later instead of
 * being sent twice.
 */
final class ObjectApplier {

    private final KubeApi api;
    private final PendingWrites pending;
    private final Clock clock;
    /** Objects Tierdeck deleted itself, so that drift detection does not report them as deleted out of band. */
    private final java.util.Set<ObjectRef> deleted = java.util.concurrent.ConcurrentHashMap.newKeySet();

    ObjectApplier(KubeApi api, PendingWrites pending, Clock clock) {
        this.api = api;
        this.pending = pending;
        this.clock = clock;
    }

    /**
     * @param desired the object wanted on the cluster (without Tierdeck's markers)
     * @param guard the resourceVersion the user previewed; null when none was previewed
     * @param adoptUnowned whether an existing object Tierdeck does not own may be replaced without a guard
     */
    WriteOutcome apply(
            ActingUser user,
            ObjectRef ref,
            Map<String, Object> desired,
            @Nullable String guard,
            String promotionId,
            boolean adoptUnowned) {
        String hash = Ownership.hash(Ownership.content(desired));
        Map<String, Object> current = api.get(ref);
        if (current != null && Ownership.holds(current, hash)) {
            return new WriteOutcome(ref, Change.UNCHANGED, ManifestMaps.resourceVersion(current));
        }
        if (current == null) {
            if (guard != null) {
                throw conflict(ref, desired, null, "was deleted since it was previewed");
            }
            try {
                Map<String, Object> created =
                        api.create(user, ref, Ownership.marked(desired, promotionId, null), false);
                return new WriteOutcome(ref, Change.CREATED, ManifestMaps.resourceVersion(created));
            } catch (ClusterConflictException e) {
                // a retried create whose first attempt went through: the object is there already
                return readBack(ref, desired, hash, Change.CREATED);
            } catch (ClusterUnavailableException e) {
                return pendingOrThrow(e, user, promotionId, ref, desired, adoptUnowned, null);
            }
        }
        String currentVersion = ManifestMaps.resourceVersion(current);
        if (guard != null && !guard.equals(currentVersion)) {
            throw conflict(ref, desired, current, "was changed since it was previewed");
        }
        if (guard == null && !adoptUnowned && !Ownership.owned(current)) {
            throw conflict(ref, desired, current, "exists and is not managed by Tierdeck; preview it to take it over");
        }
        try {
            Map<String, Object> replaced =
                    api.replace(user, ref, Ownership.marked(desired, promotionId, currentVersion), false);
            return new WriteOutcome(ref, Change.REPLACED, ManifestMaps.resourceVersion(replaced));
        } catch (ClusterConflictException e) {
            return readBack(ref, desired, hash, Change.REPLACED);
        } catch (ClusterUnavailableException e) {
            return pendingOrThrow(e, user, promotionId, ref, desired, adoptUnowned, null);
        }
    }

    /** Deletes the object if it still has {@code resourceVersion}; an object already gone counts as unchanged. */
    WriteOutcome delete(ActingUser user, ObjectRef ref, String resourceVersion, String promotionId) {
        try {
            deleted.add(ref);
            api.delete(user, ref, resourceVersion, false);
            return new WriteOutcome(ref, Change.DELETED, null);
        } catch (ClusterNotFoundException e) {
            return new WriteOutcome(ref, Change.UNCHANGED, null);
        } catch (ClusterConflictException e) {
            Map<String, Object> current = api.get(ref);
            if (current == null) {
                return new WriteOutcome(ref, Change.DELETED, null);
            }
            deleted.remove(ref);
            throw new ClusterConflictException(
                    ref,
                    ref + " was changed since it was previewed; preview again",
                    ManifestMaps.resourceVersion(current),
                    ObjectDiff.none());
        } catch (ClusterUnavailableException e) {
            return pendingOrThrow(e, user, promotionId, ref, null, false, resourceVersion);
        }
    }

    /** Leaves a delete to the reconciler, after the pending writes registered before it. */
    WriteOutcome deleteLater(ActingUser user, ObjectRef ref, String resourceVersion, String promotionId) {
        pending.add(new PendingWrites.Pending(user, promotionId, ref, null, false, resourceVersion, clock.instant()));
        return new WriteOutcome(ref, Change.PENDING, null);
    }

    /** Records a delete made by Tierdeck outside this class. */
    void deletedByTierdeck(ObjectRef ref) {
        deleted.add(ref);
    }

    /** Whether Tierdeck deleted the object itself; forgets it (a later re-creation is tracked afresh). */
    boolean forgetDeleted(ObjectRef ref) {
        return deleted.remove(ref);
    }

    private WriteOutcome readBack(ObjectRef ref, Map<String, Object> desired, String hash, Change change) {
        Map<String, Object> current = api.get(ref);
        if (current != null && Ownership.holds(current, hash)) {
            return new WriteOutcome(ref, change, ManifestMaps.resourceVersion(current));
        }
        throw conflict(ref, desired, current, "was changed by someone else at the same time");
    }

    private WriteOutcome pendingOrThrow(
            ClusterUnavailableException e,
            ActingUser user,
            String promotionId,
            ObjectRef ref,
            @Nullable Map<String, Object> desired,
            boolean adoptUnowned,
            @Nullable String expectedResourceVersion) {
        if (!e.writeMayHaveHappened()) {
            throw e;
        }
        pending.add(new PendingWrites.Pending(
                user, promotionId, ref, desired, adoptUnowned, expectedResourceVersion, clock.instant()));
        return new WriteOutcome(ref, Change.PENDING, null);
    }

    static ClusterConflictException conflict(
            ObjectRef ref, Map<String, Object> desired, @Nullable Map<String, Object> current, String what) {
        ObjectDiff diff =
                ObjectDiffs.full(Ownership.content(desired), current == null ? Map.of() : Ownership.content(current));
        return new ClusterConflictException(
                ref,
                ref + " " + what + "; preview again",
                current == null ? null : ManifestMaps.resourceVersion(current),
                diff);
    }
}
