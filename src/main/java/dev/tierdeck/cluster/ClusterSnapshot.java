package dev.tierdeck.cluster;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A consistent copy of every watched object, as plain manifest maps (the shape {@code kubectl get -o yaml} prints).
 * The maps are copies taken from the cache (never live objects) and shared by every reader of the same snapshot: treat
 * them as read-only and copy before changing one. Objects are sorted by kind, namespace and name.
 *
 * @param takenAt when the copy was made
 * @param stale whether the cache was stale at that moment (see {@link ClusterStatus#stale()})
 * @param objects the objects, grouped by kind
 */
public record ClusterSnapshot(Instant takenAt, boolean stale, Map<ClusterKind, List<Map<String, Object>>> objects) {

    public ClusterSnapshot {
        objects = Map.copyOf(objects);
    }

    public List<Map<String, Object>> objects(ClusterKind kind) {
        return objects.getOrDefault(kind, List.of());
    }

    /** Every object as one list, in {@link ClusterKind} order, for manifest decoding. */
    public List<Map<String, Object>> documents() {
        return objects.entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.naturalOrder()))
                .flatMap(e -> e.getValue().stream())
                .toList();
    }

    public Optional<Map<String, Object>> find(ObjectRef ref) {
        return objects(ref.kind()).stream()
                .filter(o -> ref.name().equals(ManifestMaps.name(o))
                        && java.util.Objects.equals(ref.namespace(), ManifestMaps.namespace(o)))
                .findFirst();
    }
}
