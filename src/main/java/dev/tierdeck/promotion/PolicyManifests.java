package dev.tierdeck.promotion;

import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.cluster.ObjectRef;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.policy.PolicyRef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A managed policy as the cluster sees it: its canonical YAML, its staged twin, and the objects it stands for. */
final class PolicyManifests {

    private PolicyManifests() {}

    /** The canonical YAML of one policy (the form every diff and audit record compares). */
    static String yaml(CalicoPolicy policy) {
        String yaml = ManifestWriter.toYaml(List.of(policy));
        return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
    }

    /**
     * The draft written as its staged kind (calico-semantics.md §4.2: a StagedNetworkPolicy carries the same spec
     * as the NetworkPolicy it would become; {@code stagedAction} omitted means Set).
     */
    static Map<String, Object> staged(CalicoPolicy policy) {
        Map<String, Object> map = new LinkedHashMap<>(ManifestWriter.toMap(policy));
        map.put("kind", stagedKind(policy.namespace() == null).kind());
        return map;
    }

    /**
     * The staged object as it was staged, for {@code ClusterWriter.promote}: its resourceVersion guards the promotion,
     * and its content is what a conflict is compared with.
     */
    static Map<String, Object> stagedAt(CalicoPolicy policy, String resourceVersion) {
        Map<String, Object> staged = staged(policy);
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = new LinkedHashMap<>((Map<String, Object>) staged.get("metadata"));
        metadata.put("resourceVersion", resourceVersion);
        staged.put("metadata", metadata);
        return staged;
    }

    static ObjectRef stagedRef(PolicyRef ref) {
        return new ObjectRef(stagedKind(ref.isGlobal()), ref.namespace(), ref.name());
    }

    static ObjectRef enforcedRef(PolicyRef ref) {
        return new ObjectRef(
                ref.isGlobal() ? ClusterKind.GLOBAL_NETWORK_POLICY : ClusterKind.CALICO_NETWORK_POLICY,
                ref.namespace(),
                ref.name());
    }

    static String kindName(PolicyRef ref) {
        return ref.isGlobal() ? "GlobalNetworkPolicy" : "NetworkPolicy";
    }

    private static ClusterKind stagedKind(boolean global) {
        return global ? ClusterKind.STAGED_GLOBAL_NETWORK_POLICY : ClusterKind.STAGED_NETWORK_POLICY;
    }
}
