package dev.tierdeck.cluster;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.Manifests;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One published state of the cache: every object as a manifest map, the same objects decoded, and the cluster
 * compiled from them ({@code null} until the first load is complete). Immutable apart from the snapshots and the
 * on-demand compile it hands out, which are made once.
 */
final class ClusterView {

    static final ClusterView EMPTY =
            new ClusterView(0, Instant.EPOCH, Map.of(), new Manifests(List.of(), List.of(), List.of()), null);

    private final long generation;
    private final Instant takenAt;
    private final Map<ClusterKind, List<Map<String, Object>>> objects;
    private final Manifests decoded;
    private final @Nullable CompiledCluster compiled;
    private volatile @Nullable ClusterSnapshot fresh;
    private volatile @Nullable ClusterSnapshot stale;
    private volatile @Nullable CompiledCluster compiledNow;

    ClusterView(
            long generation,
            Instant takenAt,
            Map<ClusterKind, List<Map<String, Object>>> objects,
            Manifests decoded,
            @Nullable CompiledCluster compiled) {
        this.generation = generation;
        this.takenAt = takenAt;
        this.objects = Map.copyOf(objects);
        this.decoded = decoded;
        this.compiled = compiled;
    }

    long generation() {
        return generation;
    }

    Map<ClusterKind, List<Map<String, Object>>> objects() {
        return objects;
    }

    Manifests decoded() {
        return decoded;
    }

    @Nullable
    CompiledCluster compiled() {
        return compiled;
    }

    /** The snapshot of this view, marked stale or not; the same object for the same answer. */
    ClusterSnapshot snapshot(boolean isStale) {
        ClusterSnapshot s = isStale ? stale : fresh;
        if (s == null) {
            s = new ClusterSnapshot(takenAt, isStale, objects);
            if (isStale) {
                stale = s;
            } else {
                fresh = s;
            }
        }
        return s;
    }

    /** A compile of this view on request, for when the cluster never finished its first list (made once). */
    synchronized CompiledCluster compileNow() {
        if (compiledNow == null) {
            compiledNow = Engine.compile(decoded.state());
        }
        return compiledNow;
    }
}
