package dev.tierdeck.cluster;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Field-level differences between the object the portal expected and the one on the cluster. Paths use dots and
 * list indexes ({@code spec.ingress[1].action}); a null value means the field is absent on that side.
 */
public record ObjectDiff(List<FieldChange> changes) {

    public ObjectDiff {
        changes = List.copyOf(changes);
    }

    public static ObjectDiff none() {
        return new ObjectDiff(List.of());
    }

    public boolean isEmpty() {
        return changes.isEmpty();
    }

    public record FieldChange(
            String path,
            @Nullable Object expected,
            @Nullable Object actual) {}
}
