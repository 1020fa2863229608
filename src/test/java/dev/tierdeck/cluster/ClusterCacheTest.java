package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClusterCacheTest {

    private static GatewayFixture cluster;

    @BeforeAll
    static void start() {
        cluster = new GatewayFixture().started();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    @Test
    void reportsTheDemoClusterAsConnectedWithCalicosAggregatedApi() {
        ClusterStatus status = cluster.cache.status();

        assertThat(status.connected()).isTrue();
        assertThat(status.stale()).isFalse();
        assertThat(status.readOnly()).isFalse();
        assertThat(status.calicoApiMode()).isEqualTo(CalicoApiMode.APISERVER);
        assertThat(status.calicoVersion()).isEqualTo("v3.32.1");
        assertThat(status.namespaces()).isEqualTo(8);
        assertThat(status.pods()).isEqualTo(40);
        assertThat(status.demo()).isTrue();
    }

    @Test
    void readsEveryKind() {
        cluster.createOutOfBand(Fixtures.object(
                "projectcalico.org/v3",
                "StagedGlobalNetworkPolicy",
                null,
                "staged-global",
                Map.of("tier", "security", "selector", "all()", "egress", List.of(Map.of("action", "Pass")))));
        cluster.createOutOfBand(Fixtures.object(
                "projectcalico.org/v3",
                "StagedKubernetesNetworkPolicy",
                "catalog",
                "staged-k8s",
                Map.of("podSelector", Map.of("matchLabels", Map.of("app", "search")))));
        cluster.createOutOfBand(Fixtures.object(
                "policy.networking.k8s.io/v1alpha2",
                "ClusterNetworkPolicy",
                null,
                "block-metadata",
                Map.of("tier", "Admin", "priority", 10, "subject", Map.of("namespaces", Map.of()))));

        GatewayFixture.await(
                () -> cluster.cache
                                        .snapshot()
                                        .objects(ClusterKind.CLUSTER_NETWORK_POLICY)
                                        .size()
                                == 1
                        && cluster.cache
                                        .snapshot()
                                        .objects(ClusterKind.STAGED_KUBERNETES_NETWORK_POLICY)
                                        .size()
                                == 1
                        && cluster.cache
                                        .snapshot()
                                        .objects(ClusterKind.STAGED_GLOBAL_NETWORK_POLICY)
                                        .size()
                                == 1,
                "the new kinds to be watched");
        ClusterSnapshot snapshot = cluster.cache.snapshot();
        for (ClusterKind kind : ClusterKind.values()) {
            if (kind.watched()) {
                assertThat(snapshot.objects(kind)).as(kind.kind()).isNotEmpty();
            }
        }
        Map<String, Object> pod = snapshot.objects(ClusterKind.POD).stream()
                .filter(p -> "coredns".equals(((Map<?, ?>) ((Map<?, ?>) p.get("spec"))).get("serviceAccountName")))
                .findFirst()
                .orElseThrow();
        assertThat(pod).containsEntry("apiVersion", "v1").containsEntry("kind", "Pod");
        assertThat(ManifestMaps.labels(pod)).containsEntry("k8s-app", "kube-dns");
        assertThat(((Map<?, ?>) pod.get("status")).get("podIP")).asString().startsWith("10.244.");
        assertThat(snapshot.objects(ClusterKind.KUBERNETES_NETWORK_POLICY))
                .allSatisfy(p -> assertThat(p).containsEntry("apiVersion", "networking.k8s.io/v1"));
        assertThat(snapshot.documents()).hasSizeGreaterThan(80);
    }

    @Test
    void followsChangesThroughTheWatches() {
        cluster.createOutOfBand(Fixtures.object("v1", "Namespace", null, "newcomers", Map.of()));
        GatewayFixture.await(() -> cluster.cache.status().namespaces() == 9, "the new namespace");

        cluster.admin.namespaces().withName("newcomers").delete();
        GatewayFixture.await(() -> cluster.cache.status().namespaces() == 8, "the namespace to go");
    }

    @Test
    void decodesTheDemoEstateIntoEngineObjectsWithoutErrors() {
        var decoded = cluster.cache.decoded();

        assertThat(decoded.errors()).isEmpty();
        assertThat(decoded.objects()).hasSizeGreaterThan(60);
        assertThat(cluster.cache.decoded()).isSameAs(decoded);
    }

    @Test
    void servesTheSameSnapshotUntilSomethingChanges() {
        ClusterSnapshot first = cluster.cache.snapshot();
        assertThat(cluster.cache.snapshot()).isSameAs(first);
    }

    @Test
    void detectsNativeV3CrdMode() {
        cluster.admin
                .apiextensions()
                .v1()
                .customResourceDefinitions()
                .resource(new CustomResourceDefinitionBuilder()
                        .withNewMetadata()
                        .withName("tiers.projectcalico.org")
                        .endMetadata()
                        .withNewSpec()
                        .withGroup("projectcalico.org")
                        .withScope("Cluster")
                        .withNewNames()
                        .withKind("Tier")
                        .withPlural("tiers")
                        .endNames()
                        .addNewVersion()
                        .withName("v3")
                        .withServed(true)
                        .withStorage(true)
                        .endVersion()
                        .endSpec()
                        .build())
                .create();
        try {
            assertThat(CalicoDetection.detect(cluster.connection.client(), cluster.api)
                            .mode())
                    .isEqualTo(CalicoApiMode.CRD);
        } finally {
            cluster.admin
                    .apiextensions()
                    .v1()
                    .customResourceDefinitions()
                    .withName("tiers.projectcalico.org")
                    .delete();
        }
    }

    @Test
    void saysSoWhenTheCalicoApiIsMissing() {
        var responses = new HashMap<
                io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        KubernetesMockServer plain = new KubernetesMockServer(
                new Context(Serialization.jsonMapper()),
                new MockWebServer(),
                responses,
                new KubernetesMixedDispatcher(responses),
                false);
        plain.init();
        try (var client = plain.createClient()) {
            KubeApi api = new KubeApi(
                    client,
                    ClusterProperties.defaults(),
                    new CircuitBreaker(5, Duration.ofSeconds(1), Clock.systemUTC()));
            try (ClusterCache cache = new ClusterCache(client, api, false, Duration.ofMinutes(1), Clock.systemUTC())) {
                cache.start();
                GatewayFixture.await(() -> !cache.stale(), "the core kinds to sync");
                ClusterStatus status = cache.status();
                assertThat(status.calicoApiMode()).isEqualTo(CalicoApiMode.MISSING);
                assertThat(status.calicoVersion()).isEqualTo("unknown");
                assertThat(cache.watchedKinds()).doesNotContain(ClusterKind.TIER);

                // Calico installed later: the reconciler's refresh picks it up without a restart
                plain.expectCustomResource(
                        new io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext.Builder()
                                .withGroup("projectcalico.org")
                                .withVersion("v3")
                                .withKind("Tier")
                                .withPlural("tiers")
                                .withScope("Cluster")
                                .build());
                cache.refresh();
                assertThat(cache.status().calicoApiMode()).isEqualTo(CalicoApiMode.APISERVER);
                assertThat(cache.watchedKinds()).contains(ClusterKind.TIER);
            }
        } finally {
            plain.destroy();
        }
    }
}
