package dev.tierdeck.cluster;

import dev.tierdeck.engine.eval.CompiledCluster;
import dev.tierdeck.engine.eval.Engine;
import dev.tierdeck.engine.manifest.ManifestProblem;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.ClusterObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The cache's update of its view, used by one thread only: each changed object is decoded once (unchanged objects
 * keep their decoded form, and so their identity, which lets the engine tell what changed), the objects are put
 * back together in snapshot order, and the compiled cluster is derived from the previous one.
 */
final class ViewBuilder {

    private record Decoded(
            @Nullable ClusterObject object, List<ManifestProblem> errors, List<ManifestProblem> warnings) {

        static Decoded of(Map<String, Object> manifest) {
            Manifests m = ManifestReader.fromMaps("cluster", List.of(manifest));
            return new Decoded(m.objects().isEmpty() ? null : m.objects().getFirst(), m.errors(), m.warnings());
        }
    }

    private final Map<ClusterKind, TreeMap<String, Decoded>> decoded = new EnumMap<>(ClusterKind.class);
    private @Nullable CompiledCluster compiled;
    private @Nullable Manifests compiledFrom;
    private long newestResourceVersion = -1;

    /** The objects after {@code changed} (a key mapped to null is gone), or {@code previous} when nothing changed. */
    Manifests decode(Map<ClusterKind, Map<String, Map<String, Object>>> changed, Manifests previous) {
        if (changed.isEmpty()) {
            return previous;
        }
        changed.forEach((kind, byKey) -> {
            TreeMap<String, Decoded> forKind = decoded.computeIfAbsent(kind, k -> new TreeMap<>());
            byKey.forEach((key, manifest) -> {
                if (manifest == null) {
                    forKind.remove(key);
                } else {
                    forKind.put(key, Decoded.of(manifest));
                    noteResourceVersion(manifest);
                }
            });
        });
        List<ClusterObject> objects = new ArrayList<>();
        List<ManifestProblem> errors = new ArrayList<>();
        List<ManifestProblem> warnings = new ArrayList<>();
        int document = 0;
        // the order of ClusterSnapshot.documents(): by kind, then namespace and name
        for (TreeMap<String, Decoded> forKind : decoded.values()) {
            for (Decoded d : forKind.values()) {
                document++;
                if (d.object() != null) {
                    objects.add(d.object());
                }
                renumbered(d.errors(), document, errors);
                renumbered(d.warnings(), document, warnings);
            }
        }
        return new Manifests(objects, errors, warnings);
    }

    private static void renumbered(List<ManifestProblem> problems, int document, List<ManifestProblem> out) {
        for (ManifestProblem p : problems) {
            out.add(new ManifestProblem(p.source(), document, p.path(), p.message()));
        }
    }

    /** The compiled form of {@code objects}, derived from the last one (the same object when nothing changed). */
    CompiledCluster compile(Manifests objects) {
        CompiledCluster last = compiled;
        if (last != null && compiledFrom == objects) {
            return last;
        }
        CompiledCluster next = last == null ? Engine.compile(objects.state()) : Engine.update(last, objects.state());
        compiled = next;
        compiledFrom = objects;
        return next;
    }

    private void noteResourceVersion(Map<String, Object> manifest) {
        String version = ManifestMaps.resourceVersion(manifest);
        if (version != null && version.chars().allMatch(Character::isDigit) && version.length() < 19) {
            newestResourceVersion = Math.max(newestResourceVersion, Long.parseLong(version));
        }
    }

    /** The highest numeric resourceVersion decoded so far, or null (API servers promise no order; for tests). */
    @Nullable
    Long newestResourceVersion() {
        return newestResourceVersion < 0 ? null : newestResourceVersion;
    }
}
