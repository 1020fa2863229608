package dev.tierdeck.policy.namespace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnersTest {

    @Test
    void aReplicaSetWithTheTemplateHashIsTracedBackToItsDeployment() {
        Map<String, Object> pod = pod(List.of(reference("ReplicaSet", "api-7d9f8c6b5", true)));

        assertThat(Owners.of(pod, "api-7d9f8c6b5-x2k9q", Map.of("pod-template-hash", "7d9f8c6b5")))
                .isEqualTo(new Owners.Owner("Deployment", "api"));
    }

    @Test
    void theControllingReferenceWinsOverOthers() {
        Map<String, Object> pod =
                pod(List.of(reference("ConfigMap", "settings", false), reference("StatefulSet", "db", true)));

        assertThat(Owners.of(pod, "db-0", Map.of())).isEqualTo(new Owners.Owner("StatefulSet", "db"));
    }

    @Test
    void aReplicaSetWithoutTheHashStaysAReplicaSet() {
        Map<String, Object> pod = pod(List.of(reference("ReplicaSet", "legacy", true)));

        assertThat(Owners.of(pod, "legacy-abcde", Map.of())).isEqualTo(new Owners.Owner("ReplicaSet", "legacy"));
    }

    @Test
    void withoutReferencesTheTemplateHashInTheNameNamesTheDeployment() {
        assertThat(Owners.of(Map.of(), "payments-api-7d9f8c6b5-b8n3w", Map.of("pod-template-hash", "7d9f8c6b5")))
                .isEqualTo(new Owners.Owner("Deployment", "payments-api"));
    }

    @Test
    void aBarePodOwnsItself() {
        assertThat(Owners.of(Map.of(), "debug", Map.of("app", "debug"))).isEqualTo(new Owners.Owner("Pod", "debug"));
    }

    private static Map<String, Object> pod(List<Object> references) {
        return Map.of("metadata", Map.of("ownerReferences", references));
    }

    private static Map<String, Object> reference(String kind, String name, boolean controller) {
        return Map.of("apiVersion", "apps/v1", "kind", kind, "name", name, "controller", controller);
    }
}
