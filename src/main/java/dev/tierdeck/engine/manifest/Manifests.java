package dev.tierdeck.engine.manifest;

import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.model.ClusterState;
import java.util.List;

/**
 * What a {@link ManifestReader} decoded: the objects in input order (only from documents without errors), the
 * errors (any error means the input must be rejected) and the warnings (unknown fields and kinds).
 */
public record Manifests(List<ClusterObject> objects, List<ManifestProblem> errors, List<ManifestProblem> warnings) {

    public Manifests {
        objects = List.copyOf(objects);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return errors.isEmpty();
    }

    /** The decoded objects as a cluster state (later objects with the same key replace earlier ones). */
    public ClusterState state() {
        return ClusterState.of(objects);
    }
}
