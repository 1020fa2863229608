package dev.tierdeck.cluster;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Identifies one cluster object; {@code namespace} is null for cluster-scoped kinds. */
public record ObjectRef(ClusterKind kind, @Nullable String namespace, String name) {

    public ObjectRef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind.namespaced() && (namespace == null || namespace.isBlank())) {
            throw new IllegalArgumentException(kind.kind() + " '" + name + "' needs a namespace");
        }
        if (!kind.namespaced()) {
            namespace = null;
        }
    }

    /** The reference of a manifest given as a map (apiVersion, kind, metadata.name/namespace). */
    public static ObjectRef of(Map<String, Object> object) {
        Object apiVersion = object.get("apiVersion");
        Object kind = object.get("kind");
        ClusterKind clusterKind = ClusterKind.of(String.valueOf(apiVersion), String.valueOf(kind))
                .orElseThrow(() -> new IllegalArgumentException(
                        "unsupported kind " + apiVersion + "/" + kind + " (Tierdeck manages policy kinds only)"));
        if (!(object.get("metadata") instanceof Map<?, ?> metadata) || !(metadata.get("name") instanceof String name)) {
            throw new IllegalArgumentException(clusterKind.kind() + " without metadata.name");
        }
        Object namespace = metadata.get("namespace");
        return new ObjectRef(clusterKind, namespace == null ? null : namespace.toString(), name);
    }

    @Override
    public String toString() {
        return kind.kind() + " " + (namespace == null ? name : namespace + "/" + name);
    }
}
