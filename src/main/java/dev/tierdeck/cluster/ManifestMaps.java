package dev.tierdeck.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Read and copy helpers for manifests held as plain maps. */
final class ManifestMaps {

    private ManifestMaps() {}

    static Map<String, Object> metadata(Map<String, Object> object) {
        return object.get("metadata") instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    static @Nullable String name(Map<String, Object> object) {
        return metadata(object).get("name") instanceof String s ? s : null;
    }

    static @Nullable String namespace(Map<String, Object> object) {
        return metadata(object).get("namespace") instanceof String s ? s : null;
    }

    static @Nullable String resourceVersion(Map<String, Object> object) {
        return metadata(object).get("resourceVersion") instanceof String s ? s : null;
    }

    static Map<String, String> labels(Map<String, Object> object) {
        return strings(metadata(object).get("labels"));
    }

    static Map<String, String> annotations(Map<String, Object> object) {
        return strings(metadata(object).get("annotations"));
    }

    static Map<String, Object> spec(Map<String, Object> object) {
        return object.get("spec") instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    /** The Calico tier of a tiered policy kind; {@code default} when unset (calico-semantics.md §1.3). */
    static @Nullable String tier(ClusterKind kind, Map<String, Object> object) {
        return switch (kind) {
            case CALICO_NETWORK_POLICY, GLOBAL_NETWORK_POLICY, STAGED_NETWORK_POLICY, STAGED_GLOBAL_NETWORK_POLICY ->
                spec(object).get("tier") instanceof String t && !t.isEmpty() ? t : "default";
            case STAGED_KUBERNETES_NETWORK_POLICY, KUBERNETES_NETWORK_POLICY -> "default";
            default -> null;
        };
    }

    private static Map<String, String> strings(@Nullable Object value) {
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> result.put(String.valueOf(k), String.valueOf(v)));
        }
        return result;
    }

    /** A deep, mutable copy of a JSON-like value. */
    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), deepCopy(v)));
            return (T) copy;
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new ArrayList<>(l.size());
            l.forEach(v -> copy.add(deepCopy(v)));
            return (T) copy;
        }
        return value;
    }

    /** A deep copy no one can change (nulls kept, as JSON has them), for maps shared between readers. */
    @SuppressWarnings("unchecked")
    static <T> T frozen(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), frozen(v)));
            return (T) java.util.Collections.unmodifiableMap(copy);
        }
        if (value instanceof List<?> l) {
            List<Object> copy = new java.util.ArrayList<>(l.size());
            l.forEach(v -> copy.add(frozen(v)));
            return (T) java.util.Collections.unmodifiableList(copy);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    /** The metadata map of a mutable object, created when missing. */
    static Map<String, Object> mutableMetadata(Map<String, Object> object) {
        return cast((Map<?, ?>) object.computeIfAbsent("metadata", k -> new LinkedHashMap<String, Object>()));
    }
}
