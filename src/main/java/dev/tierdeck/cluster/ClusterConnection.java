package dev.tierdeck.cluster;

import dev.tierdeck.cluster.demo.DemoCluster;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.jspecify.annotations.Nullable;

/** The fabric8 client Tierdeck uses, and the demo cluster behind it when there is one; closed with the context. */
final class ClusterConnection implements AutoCloseable {

    private final KubernetesClient client;
    private final @Nullable DemoCluster demo;
    private final java.util.List<AutoCloseable> users = new java.util.concurrent.CopyOnWriteArrayList<>();

    ClusterConnection(KubernetesClient client, @Nullable DemoCluster demo) {
        this.client = client;
        this.demo = demo;
    }

    /** A client for a real cluster: in-cluster ServiceAccount or kubeconfig, as fabric8 auto-configures it. */
    static ClusterConnection kubernetes(ClusterProperties properties) {
        return new ClusterConnection(build(Config.autoConfigure(null), properties, false), null);
    }

    /** A client for the demo cluster (the same client and code path as a real cluster, plain http on localhost). */
    static ClusterConnection demo(DemoCluster demo, ClusterProperties properties) {
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(demo.url())
                .withNamespace("default")
                .build();
        return new ClusterConnection(build(config, properties, true), demo);
    }

    private static KubernetesClient build(Config base, ClusterProperties properties, boolean demo) {
        ConfigBuilder config = new ConfigBuilder(base)
                .withConnectionTimeout((int) properties.connectTimeout().toMillis())
                .withRequestTimeout((int) properties.requestTimeout().toMillis())
                // fabric8 retries 10 times by default; the request path must fail fast (patience is the reconciler's)
                .withRequestRetryBackoffLimit(properties.requestRetries())
                .withRequestRetryBackoffInterval(200);
        if (demo) {
            config.withHttp2Disable(true);
        }
        return new KubernetesClientBuilder().withConfig(config.build()).build();
    }

    KubernetesClient client() {
        return client;
    }

    @Nullable
    DemoCluster demo() {
        return demo;
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
        client.close();
    }
}
