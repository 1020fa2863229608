package dev.tierdeck.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.cluster.CalicoApiMode;
import dev.tierdeck.cluster.ClusterKind;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.manifest.ManifestWriter;
import dev.tierdeck.engine.manifest.Manifests;
import dev.tierdeck.engine.model.ClusterObject;
import dev.tierdeck.engine.synthetic.EdgeCaseScenarios;
import dev.tierdeck.engine.synthetic.LargeCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo cluster accepts what Calico 3.33's published CRD schemas accept and refuses the rest, naming the field:
 * the objects the portal writes pass; malformed ones are refused with a 422, in both API modes.
 */
class CalicoSchemasTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void loadsTheSchemaOfEveryKindThePortalWritesAndReadsEachOfItsRules() {
        CalicoSchemas schemas = CalicoSchemas.get();
        for (ClusterKind kind : List.of(
                ClusterKind.TIER,
                ClusterKind.CALICO_NETWORK_POLICY,
                ClusterKind.GLOBAL_NETWORK_POLICY,
                ClusterKind.STAGED_NETWORK_POLICY,
                ClusterKind.STAGED_GLOBAL_NETWORK_POLICY,
                ClusterKind.STAGED_KUBERNETES_NETWORK_POLICY,
                ClusterKind.NETWORK_SET,
                ClusterKind.GLOBAL_NETWORK_SET)) {
            assertThat(schemas.covers(kind)).as(kind.kind()).isTrue();
        }
        assertThat(schemas.definitions()).hasSize(8);
    }

    @Test
    void everyPolicyTheEngineWritesIsAccepted() {
        // generated policies of every kind and criterion, written as the portal writes them (ManifestWriter); the
        // generators' network sets are left out: they repeat CIDRs, which Calico refuses (nets is a set) and the
        // portal never writes network sets
        int checked = 0;
        for (long seed = 1; seed <= 60; seed++) {
            for (ClusterObject o : EdgeCaseScenarios.generate(seed, 0).objects()) {
                Map<String, Object> manifest = json(ManifestWriter.toMap(o));
                ClusterKind kind = kindOf(manifest);
                if (kind != null && kind.policy() && CalicoSchemas.get().covers(kind)) {
                    assertThat(CalicoSchemas.get().validate(kind, manifest))
                            .as("%s", manifest)
                            .isEmpty();
                    checked++;
                }
            }
        }
        for (ClusterObject o : LargeCluster.SMALL.generate(1).objects()) {
            Map<String, Object> manifest = json(ManifestWriter.toMap(o));
            ClusterKind kind = kindOf(manifest);
            if (kind != null && CalicoSchemas.get().covers(kind)) {
                assertThat(CalicoSchemas.get().validate(kind, manifest))
                        .as("%s", manifest)
                        .isEmpty();
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(300);
    }

    @Test
    void theDemoEstateAndTheTiersThePortalWritesAreAccepted() throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/demo/cluster.yaml")) {
            for (Map<String, Object> document : DemoCluster.readDocuments(in, "demo/cluster.yaml")) {
                ClusterKind kind = kindOf(document);
                assertThat(CalicoSchemas.get().validate(kind, json(document)))
                        .as("%s", document)
                        .isEmpty();
            }
        }
        Map<String, Object> tier = manifest("""
                {"apiVersion": "projectcalico.org/v3", "kind": "Tier", "metadata": {"name": "payments"},
                 "spec": {"order": 350.5, "defaultAction": "Pass"}}""");
        assertThat(CalicoSchemas.get().validate(ClusterKind.TIER, tier)).isEmpty();
    }

    @Test
    void stagedEnforcedGlobalAndExceptionPoliciesAsTheEditorWritesThemAreAccepted() {
        Manifests written = ManifestReader.read("editor.yaml", """
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: default-deny, namespace: checkout}
                spec:
                  tier: default
                  order: 1000
                  selector: all()
                  types: [Ingress]
                  stagedAction: Set
                  ingress:
                  - action: Allow
                    protocol: TCP
                    source: {namespaceSelector: "kubernetes.io/metadata.name == 'ingress-nginx'"}
                    destination: {ports: [8080, "http", "9000:9100"]}
                ---
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: allow-debug-exception, namespace: checkout, labels: {tierdeck.dev/exception: "true"}}
                spec:
                  tier: default
                  order: 10
                  selector: app == 'cart'
                  types: [Ingress, Egress]
                  ingress:
                  - action: Allow
                    source: {selector: "role == 'debug'", namespaceSelector: global()}
                  egress:
                  - action: Deny
                    protocol: ICMP
                    icmp: {type: 8, code: 0}
                  - action: Pass
                    protocol: TCP
                    destination: {nets: [10.0.0.0/8], notPorts: [22]}
                ---
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: security.block-metadata}
                spec:
                  tier: security
                  order: 100
                  selector: all()
                  namespaceSelector: has(kubernetes.io/metadata.name)
                  types: [Egress]
                  egress:
                  - action: Deny
                    destination: {nets: [169.254.169.254/32]}
                  - action: Log
                  - action: Pass
                """);
        assertThat(written.errors()).isEmpty();
        for (ClusterObject o : written.objects()) {
            Map<String, Object> manifest = json(ManifestWriter.toMap(o));
            assertThat(CalicoSchemas.get().validate(kindOf(manifest), manifest))
                    .as("%s", manifest)
                    .isEmpty();
        }
    }

    @Test
    void malformedPoliciesAreRefusedFieldByField() {
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"ingress\": [{\"action\": \"Allowed\"}]"),
                "spec.ingress[0].action",
                "Unsupported value: \"Allowed\"");
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"order\": \"first\""),
                "spec.order",
                "must be of type number");
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"types\": [\"Ingress\", \"Ingress\"]"),
                "spec.types[1]",
                "Duplicate value");
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"ingress\": [{\"action\": \"Allow\", \"protocol\": \"ICMP\", \"icmp\": {\"code\": 3}}]"),
                "spec.ingress[0].icmp",
                "ICMP code specified without an ICMP type");
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"ingress\": [{\"action\": \"Deny\", \"http\": {\"methods\": [\"GET\"]}}]"),
                "spec.ingress[0]",
                "HTTP match is only valid on Allow rules");
        assertRefused(
                ClusterKind.CALICO_NETWORK_POLICY,
                policy("\"selector\": \"global()\""),
                "spec",
                "global() can only be used in an EntityRule namespaceSelector");
        assertRefused(ClusterKind.GLOBAL_NETWORK_POLICY, manifest("""
                        {"apiVersion": "projectcalico.org/v3", "kind": "GlobalNetworkPolicy",
                         "metadata": {"name": "untracked"}, "spec": {"doNotTrack": true, "selector": "all()"}}"""), "spec", "applyOnForward");
        assertRefused(ClusterKind.TIER, manifest("""
                        {"apiVersion": "projectcalico.org/v3", "kind": "Tier", "metadata": {"name": "t"},
                         "spec": {"defaultAction": "Allow"}}"""), "spec.defaultAction", "Unsupported value: \"Allow\"");
        assertRefused(
                ClusterKind.STAGED_NETWORK_POLICY, manifest("""
                        {"apiVersion": "projectcalico.org/v3", "kind": "StagedNetworkPolicy",
                         "metadata": {"name": "s", "namespace": "a"}, "spec": {"stagedAction": "Maybe"}}"""), "spec.stagedAction", "Unsupported value: \"Maybe\"");
        assertRefused(ClusterKind.CALICO_NETWORK_POLICY, manifest("""
                        {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy",
                         "metadata": {"name": "p", "namespace": "a"}}"""), "spec", "Required value");
    }

    @Test
    void unknownFieldsArePrunedByARealServerNotRefused() {
        assertThat(CalicoSchemas.get().validate(ClusterKind.CALICO_NETWORK_POLICY, policy("\"colour\": \"blue\"")))
                .isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = CalicoApiMode.class,
            names = {"APISERVER", "CRD"})
    void bothApiModesRefuseWhatCalicoRefusesWithA422NamingTheField(CalicoApiMode mode) throws Exception {
        try (DemoCluster cluster = DemoCluster.start(0, false, mode);
                KubernetesClient client = cluster.adminClient()) {
            assertThat(client.apiextensions()
                                    .v1()
                                    .customResourceDefinitions()
                                    .withName("tiers.projectcalico.org")
                                    .get()
                            != null)
                    .as("native v3 CRDs installed")
                    .isEqualTo(mode == CalicoApiMode.CRD);
            var policies = client.genericKubernetesResources(context(ClusterKind.CALICO_NETWORK_POLICY))
                    .inNamespace("a");
            GenericKubernetesResource good = resource(policy("\"ingress\": [{\"action\": \"Allow\"}]"));
            assertThat(policies.resource(good).create().getMetadata().getName()).isEqualTo("p");

            GenericKubernetesResource bad = resource(manifest("""
                    {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy",
                     "metadata": {"name": "bad", "namespace": "a"},
                     "spec": {"types": ["Sideways"], "ingress": [{"action": "Allowed"}]}}"""));
            for (boolean dryRun : List.of(true, false)) {
                assertThatThrownBy(() -> (dryRun ? policies.resource(bad).dryRun() : policies.resource(bad)).create())
                        .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                            assertThat(e.getCode()).isEqualTo(422);
                            assertThat(e.getStatus().getDetails().getCauses())
                                    .extracting(c -> c.getField())
                                    .contains("spec.types[0]", "spec.ingress[0].action");
                        });
            }
            assertThat(policies.withName("bad").get()).isNull();
        }
    }

    @Test
    void aSeedTheClusterWouldRefuseNamesTheDocumentAndTheField() {
        String yaml = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: odd}
                spec: {selector: all(), types: [Ingress], ingress: [{action: Maybe}]}
                """;
        try (DemoCluster cluster = DemoCluster.start(0, false)) {
            assertThatThrownBy(() -> cluster.seed(
                            new java.io.ByteArrayInputStream(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            "estate.yaml"))
                    .hasMessageContaining("estate.yaml document 1 (GlobalNetworkPolicy odd)")
                    .hasMessageContaining("spec.ingress[0].action");
        }
    }

    private static void assertRefused(ClusterKind kind, Map<String, Object> object, String field, String message) {
        assertThat(CalicoSchemas.get().validate(kind, object)).as("%s", object).anySatisfy(c -> {
            assertThat(c.field()).isEqualTo(field);
            assertThat(c.message()).contains(message);
        });
    }

    private static Map<String, Object> policy(String specFields) {
        return manifest("{\"apiVersion\": \"projectcalico.org/v3\", \"kind\": \"NetworkPolicy\","
                + " \"metadata\": {\"name\": \"p\", \"namespace\": \"a\"},"
                + " \"spec\": {\"selector\": \"all()\", " + specFields + "}}");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> manifest(String json) {
        return JSON.readValue(json, LinkedHashMap.class);
    }

    /** As the object travels to the API server: through JSON. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Map<String, Object> object) {
        return JSON.readValue(JSON.writeValueAsString(object), LinkedHashMap.class);
    }

    private static ClusterKind kindOf(Map<String, Object> manifest) {
        return ClusterKind.of(String.valueOf(manifest.get("apiVersion")), String.valueOf(manifest.get("kind")))
                .orElse(null);
    }

    private static GenericKubernetesResource resource(Map<String, Object> manifest) {
        return io.fabric8.kubernetes.client.utils.Serialization.jsonMapper()
                .convertValue(manifest, GenericKubernetesResource.class);
    }

    private static ResourceDefinitionContext context(ClusterKind kind) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(kind.group())
                .withVersion(kind.version())
                .withKind(kind.kind())
                .withPlural(kind.plural())
                .withNamespaced(kind.namespaced())
                .build();
    }
}
