package dev.tierdeck.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Staged → enforced, exactly as Calico's {@code ConvertStaged*ToEnforced} helpers (calico-semantics.md §4.2): copy
 * metadata and spec into the enforced kind, clear {@code resourceVersion} and {@code uid}, drop {@code stagedAction}.
 * A staged {@code Delete} promotes to deleting the enforced object of the same name.
 */
final class StagedConversion {

    /**
     * @param enforced the enforced object to create or replace; null when {@code delete}
     */
    record Result(ObjectRef target, @Nullable Map<String, Object> enforced, boolean delete) {}

    private StagedConversion() {}

    static ClusterKind enforcedKind(ClusterKind staged) {
        return switch (staged) {
            case STAGED_NETWORK_POLICY -> ClusterKind.CALICO_NETWORK_POLICY;
            case STAGED_GLOBAL_NETWORK_POLICY -> ClusterKind.GLOBAL_NETWORK_POLICY;
            case STAGED_KUBERNETES_NETWORK_POLICY -> ClusterKind.KUBERNETES_NETWORK_POLICY;
            default -> throw new IllegalArgumentException(staged.kind() + " is not a staged policy kind");
        };
    }

    static Result toEnforced(Map<String, Object> staged) {
        ObjectRef stagedRef = ObjectRef.of(staged);
        ClusterKind kind = enforcedKind(stagedRef.kind());
        ObjectRef target = new ObjectRef(kind, stagedRef.namespace(), stagedRef.name());
        Map<String, Object> spec = ManifestMaps.deepCopy(ManifestMaps.spec(staged));
        Object action = spec.remove("stagedAction");
        if ("Delete".equals(action)) {
            return new Result(target, null, true);
        }
        Map<String, Object> metadata = ManifestMaps.deepCopy(ManifestMaps.metadata(staged));
        metadata.remove("resourceVersion");
        metadata.remove("uid");
        // set by the API server on every create; copying them would only be ignored or rejected
        metadata.remove("creationTimestamp");
        metadata.remove("generation");
        metadata.remove("managedFields");
        metadata.remove("deletionTimestamp");
        metadata.remove("deletionGracePeriodSeconds");
        Map<String, Object> enforced = new LinkedHashMap<>();
        enforced.put("apiVersion", kind.apiVersion());
        enforced.put("kind", kind.kind());
        enforced.put("metadata", metadata);
        enforced.put("spec", spec);
        return new Result(target, enforced, false);
    }
}
