package dev.tierdeck.cluster;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The complete set of policy objects Tierdeck wants in one namespace. Applying it creates or replaces each object
 * (guarded by {@code metadata.resourceVersion} when the caller previewed one) and removes the objects Tierdeck owns
 * in that namespace that are no longer in the set.
 *
 * @param namespace the namespace; every object must be a namespaced policy kind in it
 * @param promotionId recorded on every object written (annotation {@code tierdeck.dev/promotion-id})
 * @param objects manifests as maps
 */
public record DesiredSet(String namespace, String promotionId, List<Map<String, Object>> objects) {

    public DesiredSet {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(promotionId, "promotionId");
        objects = List.copyOf(objects);
    }
}
