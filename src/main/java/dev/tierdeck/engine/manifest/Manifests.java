package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link ManifestReader} decoded: the objects in input order (only from documents without errors), the
 * errors (any error means the input must be rejected) and the warnings (unknown fields and kinds). Immutable; the
 * cluster state is built once, on first use, and shared by every reader.
 */
public final class Manifests {

    private final List<ClusterObject> objects;
    private final List<ManifestProblem> errors;
    private final List<ManifestProblem> warnings;
    private volatile @Nullable ClusterState state;

    public Manifests(List<ClusterObject> objects, List<ManifestProblem> errors, List<ManifestProblem> warnings) {
        this.objects = List.copyOf(objects);
        this.errors = List.copyOf(errors);
        this.warnings = List.copyOf(warnings);
    }

    public List<ClusterObject> objects() {
        return objects;
    }

    public List<ManifestProblem> errors() {
        return errors;
    }

    public List<ManifestProblem> warnings() {
        return warnings;
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The decoded objects as a cluster state (later objects with the same key replace earlier ones). */
    public ClusterState state() {
        ClusterState s = state;
        if (s == null) {
            s = ClusterState.of(objects);
            state = s;
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifests m
                && objects.equals(m.objects)
                && errors.equals(m.errors)
                && warnings.equals(m.warnings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(objects, errors, warnings);
    }

    @Override
    public String toString() {
        return "Manifests[objects=" + objects + ", errors=" + errors + ", warnings=" + warnings + "]";
    }
}
