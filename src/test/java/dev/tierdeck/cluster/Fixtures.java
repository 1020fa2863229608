package dev.tierdeck.cluster;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Manifests used across the tests, as plain maps. */
final class Fixtures {

    static final ActingUser ALICE =
            new ActingUser("alice", List.of("tierdeck-developers", "team-payments", "cluster-admins"));

    private Fixtures() {}

    static Map<String, Object> stagedPolicy(String namespace, String name, String action, Object port) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("tier", "default");
        spec.put("order", 100);
        spec.put("selector", "app == 'payments-api'");
        spec.put("types", List.of("Ingress"));
        spec.put(
                "ingress",
                List.of(Map.of("action", action, "protocol", "TCP", "destination", Map.of("ports", List.of(port)))));
        return object("projectcalico.org/v3", "StagedNetworkPolicy", namespace, name, spec);
    }

    static Map<String, Object> calicoPolicy(String namespace, String name, Object port) {
        Map<String, Object> staged = stagedPolicy(namespace, name, "Allow", port);
        staged.put("kind", "NetworkPolicy");
        return staged;
    }

    static Map<String, Object> object(
            String apiVersion, String kind, String namespace, String name, Map<String, Object> spec) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("apiVersion", apiVersion);
        object.put("kind", kind);
        object.put("metadata", metadata);
        object.put("spec", spec);
        return object;
    }
}
