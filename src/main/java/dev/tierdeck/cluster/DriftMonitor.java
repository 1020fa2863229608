package dev.tierdeck.cluster;

import dev.tierdeck.cluster.Drift.Reason;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Finds drift in the cache and restores it. Two baselines: for objects Tierdeck owns, the content recorded in their
 * {@code tierdeck.dev/last-applied} annotation (it survives restarts); for objects in locked tiers that Tierdeck does
 * not own, the content first seen by this process. Only the fields Tierdeck set are compared, so API-server
 * defaulting is not reported as drift.
 */
final class DriftMonitor implements ClusterDrift {

    private final ClusterReader reader;
    private final ObjectApplier applier;
    private final KubeApi api;
    private final Supplier<Set<String>> lockedTiers;
    private final Clock clock;
    /** Locked-tier objects as first seen (or as last restored), by ref. */
    private final Map<ObjectRef, Map<String, Object>> baseline = new ConcurrentHashMap<>();
    /** Owned objects' last-applied content, to notice when one disappears. */
    private final Map<ObjectRef, Map<String, Object>> ownedSeen = new ConcurrentHashMap<>();

    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();
    private volatile boolean firstScanDone;
    private volatile List<Found> current = List.of();

    /** A drift together with what restoring it needs. */
    private record Found(
            Drift drift,
            @Nullable Map<String, Object> expected,
            @Nullable String resourceVersion) {}

    DriftMonitor(
            ClusterReader reader, ObjectApplier applier, KubeApi api, Supplier<Set<String>> lockedTiers, Clock clock) {
        this.reader = reader;
        this.applier = applier;
        this.api = api;
        this.lockedTiers = lockedTiers;
        this.clock = clock;
    }

    /** Compares the cache with the baselines; skipped while the cache is stale (a partial view is no evidence). */
    void scan() {
        ClusterSnapshot snapshot = reader.snapshot();
        if (snapshot.stale()) {
            return;
        }
        Set<String> locked = lockedTiers.get();
        List<Found> found = new ArrayList<>();
        Map<ObjectRef, Map<String, Object>> present = new HashMap<>();
        for (ClusterKind kind : ClusterKind.values()) {
            if (!kind.policy()) {
                continue;
            }
            for (Map<String, Object> object : snapshot.objects(kind)) {
                ObjectRef ref = ObjectRef.of(object);
                present.put(ref, object);
                String tier = ManifestMaps.tier(kind, object);
                Map<String, Object> applied = Ownership.owned(object) ? Ownership.lastApplied(object) : null;
                if (applied != null) {
                    ownedSeen.put(ref, applied);
                    baseline.remove(ref);
                    ObjectDiff diff = ObjectDiffs.expectedFields(applied, Ownership.content(object));
                    if (!diff.isEmpty()) {
                        found.add(found(ref, Reason.MODIFIED_OUT_OF_BAND, tier, diff, applied, object));
                    }
                } else if (tier != null && !locked.contains(tier)) {
                    // followed while unlocked, so that locking a tier later (or a lookup that answers only once the
                    // database is up) starts from what the tier held then, not from "everything was just created"
                    baseline.put(ref, Ownership.content(object));
                } else if (tier != null) {
                    Map<String, Object> content = Ownership.content(object);
                    Map<String, Object> first = baseline.putIfAbsent(ref, content);
                    if (first == null && !firstScanDone) {
                        continue;
                    }
                    if (first == null) {
                        found.add(found(
                                ref,
                                Reason.CREATED_IN_LOCKED_TIER,
                                tier,
                                ObjectDiffs.full(Map.of(), content),
                                null,
                                object));
                    } else {
                        ObjectDiff diff = ObjectDiffs.expectedFields(first, content);
                        if (!diff.isEmpty()) {
                            found.add(found(ref, Reason.LOCKED_TIER_CHANGED, tier, diff, first, object));
                        }
                    }
                }
            }
        }
        for (var seen : List.copyOf(ownedSeen.entrySet())) {
            addDeleted(seen.getKey(), seen.getValue(), present, found);
        }
        for (var seen : List.copyOf(baseline.entrySet())) {
            String tier = ManifestMaps.tier(seen.getKey().kind(), seen.getValue());
            if (tier != null && locked.contains(tier)) {
                addDeleted(seen.getKey(), seen.getValue(), present, found);
            } else if (!present.containsKey(seen.getKey())) {
                baseline.remove(seen.getKey());
            }
        }
        firstScanDone = true;
        found.sort(Comparator.comparing((Found f) -> f.drift().detectedAt())
                .thenComparing(f -> f.drift().id()));
        current = List.copyOf(found);
        Set<String> ids = new java.util.HashSet<>();
        found.forEach(f -> ids.add(f.drift().id()));
        firstSeen.keySet().retainAll(ids);
    }

    private void addDeleted(
            ObjectRef ref,
            Map<String, Object> expected,
            Map<ObjectRef, Map<String, Object>> present,
            List<Found> found) {
        if (!present.containsKey(ref) && applier.forgetDeleted(ref)) {
            ownedSeen.remove(ref);
            baseline.remove(ref);
        } else if (!present.containsKey(ref)) {
            found.add(found(
                    ref,
                    Reason.DELETED_OUT_OF_BAND,
                    ManifestMaps.tier(ref.kind(), expected),
                    ObjectDiffs.full(expected, Map.of()),
                    expected,
                    null));
        }
    }

    private Found found(
            ObjectRef ref,
            Reason reason,
            @Nullable String tier,
            ObjectDiff diff,
            @Nullable Map<String, Object> expected,
            @Nullable Map<String, Object> actual) {
        String id = id(ref);
        Instant detected = firstSeen.computeIfAbsent(id + "/" + reason, k -> clock.instant());
        firstSeen.putIfAbsent(id, detected);
        return new Found(
                new Drift(id, ref, reason, tier, diff, detected),
                expected,
                actual == null ? null : ManifestMaps.resourceVersion(actual));
    }

    static String id(ObjectRef ref) {
        return ref.kind().name().toLowerCase(java.util.Locale.ROOT) + "."
                + (ref.namespace() == null ? "" : ref.namespace()) + "." + ref.name();
    }

    @Override
    public List<Drift> drift() {
        return current.stream().map(Found::drift).toList();
    }

    @Override
    public WriteOutcome restore(ActingUser admin, String driftId) {
        Found found = current.stream()
                .filter(f -> f.drift().id().equals(driftId))
                .findFirst()
                .orElseThrow(() -> new ClusterNotFoundException(
                        new ObjectRef(ClusterKind.TIER, null, driftId), "no drift with id " + driftId));
        ObjectRef ref = found.drift().ref();
        String promotionId = "restore-" + java.util.UUID.randomUUID();
        WriteOutcome outcome;
        if (found.drift().reason() == Reason.CREATED_IN_LOCKED_TIER) {
            outcome = applier.delete(admin, ref, String.valueOf(found.resourceVersion()), promotionId);
            baseline.remove(ref);
        } else {
            // a deep copy: the baseline itself must keep its metadata without a resourceVersion
            Map<String, Object> expected = ManifestMaps.deepCopy(java.util.Objects.requireNonNull(found.expected()));
            if (found.resourceVersion() != null) {
                ManifestMaps.mutableMetadata(expected).put("resourceVersion", found.resourceVersion());
            }
            boolean owned = found.drift().reason() == Reason.MODIFIED_OUT_OF_BAND || ownedSeen.containsKey(ref);
            if (owned) {
                outcome = applier.apply(admin, ref, expected, found.resourceVersion(), promotionId, true);
            } else {
                // a locked-tier object Tierdeck does not own: put the first-seen content back as it was, unmarked
                outcome = restoreUnowned(admin, ref, expected, found.resourceVersion());
            }
        }
        current = current.stream().filter(f -> !f.drift().id().equals(driftId)).toList();
        return outcome;
    }

    private WriteOutcome restoreUnowned(
            ActingUser admin, ObjectRef ref, Map<String, Object> expected, @Nullable String resourceVersion) {
        if (resourceVersion == null) {
            ManifestMaps.mutableMetadata(expected).remove("resourceVersion");
            Map<String, Object> created = api.create(admin, ref, expected, false);
            return new WriteOutcome(ref, WriteOutcome.Change.CREATED, ManifestMaps.resourceVersion(created));
        }
        Map<String, Object> live = api.get(ref);
        Map<String, Object> body = live == null ? expected : ManifestMaps.deepCopy(live);
        body.put("spec", ManifestMaps.deepCopy(ManifestMaps.spec(expected)));
        ManifestMaps.mutableMetadata(body).put("resourceVersion", resourceVersion);
        Map<String, Object> replaced = api.replace(admin, ref, body, false);
        return new WriteOutcome(ref, WriteOutcome.Change.REPLACED, ManifestMaps.resourceVersion(replaced));
    }
}
