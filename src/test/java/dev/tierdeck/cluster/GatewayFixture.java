package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.demo.DemoCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** The whole gateway wired against a freshly seeded demo cluster, with short timeouts, as the tests use it. */
final class GatewayFixture implements AutoCloseable {

    final DemoCluster demo;
    final ClusterConnection connection;
    final KubeApi api;
    final ClusterCache cache;
    final PendingWrites pending = new PendingWrites();
    final ObjectApplier applier;
    final KubeClusterWriter writer;
    final DriftMonitor drift;
    final Reconciler reconciler;
    final Set<String> lockedTiers = new HashSet<>();
    final List<WriteSettled> settled = new ArrayList<>();
    final KubernetesClient admin;

    GatewayFixture() {
        this(true);
    }

    GatewayFixture(boolean seeded) {
        demo = DemoCluster.start(0, true);
        if (seeded) {
            try (InputStream seed = GatewayFixture.class.getResourceAsStream("/demo/cluster.yaml")) {
                demo.seed(seed, "demo/cluster.yaml");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        ClusterProperties properties = new ClusterProperties(
                ClusterProperties.Source.DEMO,
                new ClusterProperties.Demo("classpath:demo/cluster.yaml", 0, CalicoApiMode.APISERVER),
                Duration.ofMillis(500),
                Duration.ofMillis(700),
                1,
                ClusterProperties.defaults().impersonableGroups(),
                new ClusterProperties.Breaker(50, Duration.ofSeconds(30)),
                Duration.ofSeconds(30),
                false);
        connection = ClusterConnection.demo(demo, properties);
        api = new KubeApi(
                connection.client(), properties, new CircuitBreaker(50, Duration.ofSeconds(30), Clock.systemUTC()));
        cache = new ClusterCache(connection.watchClient(), api, true, Duration.ofMinutes(10), Clock.systemUTC());
        connection.closeWith(cache);
        applier = new ObjectApplier(api, pending, Clock.systemUTC());
        writer = new KubeClusterWriter(api, applier);
        drift = new DriftMonitor(cache, applier, api, () -> Set.copyOf(lockedTiers), Clock.systemUTC());
        reconciler = new Reconciler(pending, applier, api, drift, cache::refresh, settled::add);
        admin = demo.adminClient();
    }

    GatewayFixture started() {
        cache.start();
        await(() -> !cache.stale(), "the cache to sync");
        return this;
    }

    /** Forgets every request recorded so far (e.g. the seeding). */
    void clearRequests() throws InterruptedException {
        while (demo.server().takeRequest(1, TimeUnit.MILLISECONDS) != null) {
            // drain
        }
    }

    List<RecordedRequest> requests() throws InterruptedException {
        List<RecordedRequest> requests = new ArrayList<>();
        RecordedRequest request;
        while ((request = demo.server().takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
            requests.add(request);
        }
        return requests;
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Creates an object directly (as the cluster's own admin, outside Tierdeck). */
    GenericKubernetesResource createOutOfBand(Map<String, Object> object) {
        ObjectRef ref = ObjectRef.of(object);
        GenericKubernetesResource resource =
                admin.getKubernetesSerialization().convertValue(object, GenericKubernetesResource.class);
        var op = admin.genericKubernetesResources(ClusterCache.context(ref.kind()));
        return ref.namespace() == null
                ? op.resource(resource).create()
                : op.inNamespace(ref.namespace()).resource(resource).create();
    }

    Map<String, Object> live(ObjectRef ref) {
        Map<String, Object> object = api.get(ref);
        assertThat(object).as(ref + " on the cluster").isNotNull();
        return object;
    }

    @Override
    public void close() {
        admin.close();
        connection.close();
    }
}
