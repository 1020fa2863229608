package dev.tierdeck.cluster;

import dev.tierdeck.cluster.demo.DemoCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The fabric8 clients Tierdeck uses, and the demo cluster behind them when there is one; closed with the context.
 * Two clients with the same credentials: one for the request path (short timeouts, at most two retries) and one for
 * the watches, which may take longer to list a big cluster and retry patiently in the background.
 */
final class ClusterConnection implements AutoCloseable {

    private static final Duration WATCH_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int WATCH_RETRIES = 5;

    private final KubernetesClient client;
    private final KubernetesClient watchClient;
    private final @Nullable DemoCluster demo;
    private final @Nullable DemoCluster.Seed seed;
    private final SeedProgress seeding;
    private final java.util.List<AutoCloseable> users = new java.util.concurrent.CopyOnWriteArrayList<>();

    private ClusterConnection(
            Config config, ClusterProperties properties, @Nullable DemoCluster demo, @Nullable DemoCluster.Seed seed) {
        boolean http1 = demo != null;
        this.client = build(
                config, properties.connectTimeout(), properties.requestTimeout(), properties.requestRetries(), http1);
        this.watchClient = build(config, properties.connectTimeout(), WATCH_REQUEST_TIMEOUT, WATCH_RETRIES, http1);
        this.demo = demo;
        this.seed = seed;
        this.seeding = seed == null ? SeedProgress.none() : new SeedProgress(seed.size());
    }

    /** Clients for a real cluster: in-cluster ServiceAccount or kubeconfig, as fabric8 auto-configures them. */
    static ClusterConnection kubernetes(ClusterProperties properties) {
        return new ClusterConnection(Config.autoConfigure(null), properties, null, null);
    }

    /** A client for the demo cluster (the same client and code path as a real cluster, plain http on localhost). */
    static ClusterConnection demo(DemoCluster demo, ClusterProperties properties) {
        return demo(demo, properties, null);
    }

    /** As {@link #demo(DemoCluster, ClusterProperties)}, with a seed still to be loaded (see {@link #seed()}). */
    static ClusterConnection demo(DemoCluster demo, ClusterProperties properties, DemoCluster.@Nullable Seed seed) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(demo.url())
                .withNamespace("default")
                .build();
        return new ClusterConnection(config, properties, demo, seed);
    }

    private static KubernetesClient build(
            Config base, Duration connectTimeout, Duration requestTimeout, int retries, boolean http1) {
        ConfigBuilder config = new ConfigBuilder(base)
                .withConnectionTimeout((int) connectTimeout.toMillis())
                .withRequestTimeout((int) requestTimeout.toMillis())
                // fabric8 retries 10 times by default; the request path must fail fast (patience is the reconciler's)
                .withRequestRetryBackoffLimit(retries)
                .withRequestRetryBackoffInterval(200);
        if (http1) {
            config.withHttp2Disable(true);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    /** The request-path client. */
    /** The API server's address, for admins. */
    String serverUrl() {
        return client.getConfiguration().getMasterUrl();
    }

    KubernetesClient client() {
        return client;
    }

    /** The client for watches (informers) and discovery. */
    KubernetesClient watchClient() {
        return watchClient;
    }

    @Nullable
    DemoCluster demo() {
        return demo;
    }

    /** The demo cluster's seed, checked but not loaded yet; {@code null} when there is none to load. */
    DemoCluster.@Nullable Seed seed() {
        return seed;
    }

    /** How far loading {@link #seed()} has come. */
    SeedProgress seeding() {
        return seeding;
    }

    /** Closes {@code user} (e.g. the watches) when the connection closes, before the client. */
    void closeWith(AutoCloseable user) {
        users.add(user);
    }

    @Override
    public void close() {
        // The demo server goes first: its watch handlers block while clients close their watches one by one,
        // which would stall shutdown for seconds.
        if (demo != null) {
            demo.close();
        }
        for (AutoCloseable user : users) {
            try {
                user.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ClusterConnection.class).debug("closing {}", user, e);
            }
        }
        watchClient.close();
        client.close();
    }
}
