package dev.tierdeck.cluster.demo;

import dev.tierdeck.cluster.ClusterKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Calico's published {@code projectcalico.org/v3} CRD schemas (kept in the jar under {@value #LOCATION}, with their
 * licence and source), for the kinds Tierdeck writes: what a real Calico 3.33 cluster accepts.
 */
final class CalicoSchemas {

    static final String VERSION = "v3.33";
    static final String LOCATION = "calico/crds/" + VERSION + "/";

    private static final Map<ClusterKind, String> FILES = Map.of(
            ClusterKind.TIER, "tiers",
            ClusterKind.CALICO_NETWORK_POLICY, "networkpolicies",
            ClusterKind.GLOBAL_NETWORK_POLICY, "globalnetworkpolicies",
            ClusterKind.STAGED_NETWORK_POLICY, "stagednetworkpolicies",
            ClusterKind.STAGED_GLOBAL_NETWORK_POLICY, "stagedglobalnetworkpolicies",
            ClusterKind.STAGED_KUBERNETES_NETWORK_POLICY, "stagedkubernetesnetworkpolicies",
            ClusterKind.NETWORK_SET, "networksets",
            ClusterKind.GLOBAL_NETWORK_SET, "globalnetworksets");

    private static final CalicoSchemas INSTANCE = load();

    private final Map<ClusterKind, Map<String, Object>> definitions;
    private final Map<ClusterKind, CrdSchema> schemas;

    private CalicoSchemas(Map<ClusterKind, Map<String, Object>> definitions) {
        this.definitions = definitions;
        this.schemas = new EnumMap<>(ClusterKind.class);
        definitions.forEach((kind, crd) -> schemas.put(kind, CrdSchema.of(crd, kind.version())));
    }

    static CalicoSchemas get() {
        return INSTANCE;
    }

    @SuppressWarnings("unchecked")
    private static CalicoSchemas load() {
        YAMLMapper yaml = YAMLMapper.builder().build();
        Map<ClusterKind, Map<String, Object>> definitions = new EnumMap<>(ClusterKind.class);
        FILES.forEach((kind, plural) -> {
            String file = LOCATION + "projectcalico.org_" + plural + ".yaml";
            try (InputStream in = CalicoSchemas.class.getClassLoader().getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("missing from the jar: " + file);
                }
                definitions.put(kind, yaml.readValue(in, Map.class));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new CalicoSchemas(definitions);
    }

    /** Whether the kind has a schema here (the Calico kinds Tierdeck writes). */
    boolean covers(ClusterKind kind) {
        return schemas.containsKey(kind);
    }

    /** What a Calico 3.33 API server refuses in the object, by field; empty when the kind has no schema here. */
    List<DemoValidation.Cause> validate(ClusterKind kind, Map<String, Object> object) {
        CrdSchema schema = schemas.get(kind);
        return schema == null ? List.of() : schema.validate(object);
    }

    /** The CustomResourceDefinition manifests, as a native v3 CRD installation serves them. */
    List<Map<String, Object>> definitions() {
        return new ArrayList<>(definitions.values());
    }
}
