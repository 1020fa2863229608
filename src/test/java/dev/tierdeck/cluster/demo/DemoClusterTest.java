package dev.tierdeck.cluster.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.cluster.ClusterKind;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoClusterTest {

    private static DemoCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        cluster = DemoCluster.start(0, false);
        try (var seed = DemoClusterTest.class.getResourceAsStream("/demo/cluster.yaml")) {
            cluster.seed(seed, "demo/cluster.yaml");
        }
        client = cluster.adminClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        cluster.close();
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

    private static List<GenericKubernetesResource> all(ClusterKind kind) {
        var op = client.genericKubernetesResources(context(kind));
        return kind.namespaced()
                ? op.inAnyNamespace().list().getItems()
                : op.list().getItems();
    }

    @Test
    void seedsARealisticEstate() {
        assertThat(all(ClusterKind.NAMESPACE)).hasSize(8);
        assertThat(all(ClusterKind.POD)).hasSize(40);
        assertThat(all(ClusterKind.SERVICE_ACCOUNT)).hasSizeGreaterThan(10);
        assertThat(all(ClusterKind.TIER))
                .extracting(t -> t.getMetadata().getName())
                .containsExactlyInAnyOrder("security", "platform", "default");
        assertThat(all(ClusterKind.GLOBAL_NETWORK_POLICY)).isNotEmpty();
        assertThat(all(ClusterKind.CALICO_NETWORK_POLICY)).isNotEmpty();
        assertThat(all(ClusterKind.KUBERNETES_NETWORK_POLICY)).isNotEmpty();
        assertThat(all(ClusterKind.STAGED_NETWORK_POLICY)).hasSize(1);
        assertThat(all(ClusterKind.GLOBAL_NETWORK_SET)).hasSize(2);
        assertThat(all(ClusterKind.NETWORK_SET)).hasSize(1);
        GenericKubernetesResource coredns = all(ClusterKind.POD).stream()
                .filter(p -> p.getMetadata().getName().startsWith("coredns"))
                .findFirst()
                .orElseThrow();
        assertThat(coredns.getMetadata().getNamespace()).isEqualTo("kube-system");
        assertThat(((Map<?, ?>) coredns.getAdditionalProperties().get("status")).containsKey("podIP"))
                .isTrue();
    }

    @Test
    void servesDiscoveryForTheCalicoApi() {
        var resources = client.getApiResources("projectcalico.org/v3");
        assertThat(resources.getResources())
                .extracting(r -> r.getName())
                .contains("tiers", "networkpolicies", "stagedkubernetesnetworkpolicies", "globalnetworksets");
    }

    @Test
    void answersADryRunWithoutStoringIt() {
        GenericKubernetesResource policy = stagedPolicy("dry-only");
        var answered = client.genericKubernetesResources(context(ClusterKind.STAGED_NETWORK_POLICY))
                .inNamespace("payments")
                .resource(policy)
                .dryRun()
                .create();

        assertThat(answered.getMetadata().getName()).isEqualTo("dry-only");
        assertThat(client.genericKubernetesResources(context(ClusterKind.STAGED_NETWORK_POLICY))
                        .inNamespace("payments")
                        .withName("dry-only")
                        .get())
                .isNull();
    }

    @Test
    void aDryRunDeleteLeavesTheObjectInPlace() {
        var op = client.genericKubernetesResources(context(ClusterKind.STAGED_NETWORK_POLICY))
                .inNamespace("catalog")
                .withName("search-from-catalog-api");
        op.dryRun().delete();
        assertThat(op.get()).isNotNull();
    }

    @Test
    void rejectsAPolicyInATierThatDoesNotExistWithTheFieldPath() {
        GenericKubernetesResource policy = stagedPolicy("no-tier");
        ((Map<String, Object>) policy.getAdditionalProperties().get("spec")).put("tier", "nope");
        assertThatThrownBy(() -> client.genericKubernetesResources(context(ClusterKind.STAGED_NETWORK_POLICY))
                        .inNamespace("payments")
                        .resource(policy)
                        .create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> {
                    assertThat(e.getCode()).isEqualTo(422);
                    assertThat(e.getStatus().getDetails().getCauses())
                            .extracting(c -> c.getField())
                            .contains("spec.tier");
                });
    }

    @Test
    void evaluatesSetBasedLabelSelectors() {
        var pods = client.genericKubernetesResources(context(ClusterKind.POD))
                .inAnyNamespace()
                .withLabelSelector("app in (postgres, redis), role notin (primary)")
                .list()
                .getItems();
        assertThat(pods)
                .extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder("postgres-1", "postgres-2", "redis-0", "redis-1", "redis-2");
    }

    @Test
    void namesTheBrokenDocumentOfABadSeed() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ok\n---\napiVersion: v1\nkind: Secret\n"
                + "metadata:\n  name: nope\n";
        try (DemoCluster other = DemoCluster.start(0, false)) {
            assertThatThrownBy(() ->
                            other.seed(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "mine.yaml"))
                    .hasMessageContaining("mine.yaml document 2")
                    .hasMessageContaining("unsupported kind v1 Secret");
        }
    }

    @Test
    void seedingLooksUpEachObjectByNameInsteadOfScanningTheStore() {
        // A few thousand objects where names repeat across namespaces, as in a real estate. Seeding examines about
        // one stored key per object; a store scanned per create would examine millions (n squared over two).
        var scenario = new dev.tierdeck.engine.synthetic.LargeCluster(40, 2_000, 400, 0).generate(7);
        String yaml = dev.tierdeck.engine.synthetic.ScenarioYaml.write(scenario.objects());
        try (DemoCluster other = DemoCluster.start(0, false)) {
            int seeded = other.seed(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "large.yaml");

            assertThat(seeded).isEqualTo(scenario.objects().size()).isGreaterThan(2_500);
            assertThat(other.examinedKeys()).isLessThan(seeded);
            try (KubernetesClient admin = other.adminClient()) {
                var pods = admin.genericKubernetesResources(context(ClusterKind.POD));
                assertThat(pods.inAnyNamespace().list().getItems()).hasSize(2_000);
                // the same pod name lives in every namespace; each lookup finds its own
                assertThat(pods.inNamespace("ns-7")
                                .withName("app-1-1")
                                .get()
                                .getMetadata()
                                .getNamespace())
                        .isEqualTo("ns-7");
                long before = other.examinedKeys();
                assertThat(pods.inNamespace("ns-7").withName("app-1-1").delete())
                        .hasSize(1);
                assertThat(pods.inNamespace("ns-7").withName("app-1-1").get()).isNull();
                assertThat(pods.inNamespace("ns-8").withName("app-1-1").get()).isNotNull();
                assertThat(pods.inAnyNamespace().list().getItems()).hasSize(1_999);
                assertThat(other.examinedKeys() - before).isLessThan(10);
            }
        }
    }

    @Test
    void aSeedThatCreatesTheSameObjectTwiceNamesTheSecondDocument() {
        String yaml = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: twice\n---\n"
                + "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: twice\n";
        try (DemoCluster other = DemoCluster.start(0, false)) {
            assertThatThrownBy(() ->
                            other.seed(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "mine.yaml"))
                    .hasMessageContaining("mine.yaml document 2 (Namespace twice)")
                    .hasMessageContaining("already exists");
        }
    }

    @SuppressWarnings("unchecked")
    private static GenericKubernetesResource stagedPolicy(String name) {
        return new GenericKubernetesResourceBuilder()
                .withApiVersion("projectcalico.org/v3")
                .withKind("StagedNetworkPolicy")
                .withNewMetadata()
                .withName(name)
                .withNamespace("payments")
                .endMetadata()
                .addToAdditionalProperties(
                        "spec",
                        new java.util.LinkedHashMap<>(Map.of(
                                "tier", "default",
                                "selector", "app == 'payments-api'",
                                "ingress", List.of(Map.of("action", "Allow")))))
                .build();
    }
}
