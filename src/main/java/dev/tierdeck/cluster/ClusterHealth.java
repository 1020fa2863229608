package dev.tierdeck.cluster;

import dev.tierdeck.system.ClusterOverview;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The cluster connection as the home pages and {@code /actuator/health} show it, answered from the cache's
 * state without a round trip.
 *
 * <p>The indicator is deliberately not part of the readiness group: while the API server is unreachable the
 * portal still serves reads from its cache and says so in a banner (read-only mode), which is more useful to
 * a person than a replica taken out of the Service. The same holds while a large cluster is still loading:
 * the replica is ready (it answers, with a "still loading" banner), and this indicator is down until the
 * first load is done.
 */
@Component("cluster")
class ClusterHealth implements HealthIndicator, ClusterOverview {

    private final ClusterReader reader;
    private final ClusterConnection connection;

    ClusterHealth(ClusterReader reader, ClusterConnection connection) {
        this.reader = reader;
        this.connection = connection;
    }

    @Override
    public Health health() {
        ClusterStatus status = reader.status();
        Health.Builder health = status.connected() ? Health.up() : Health.down();
        return health.withDetail("source", status.demo() ? "demo" : "kubernetes")
                .withDetail("calicoApiMode", status.calicoApiMode().value())
                .withDetail("calicoVersion", status.calicoVersion())
                .withDetail("namespaces", status.namespaces())
                .withDetail("pods", status.pods())
                .withDetail("stale", status.stale())
                .withDetail("readOnly", status.readOnly())
                .withDetail("loading", status.isLoading() ? status.loading().describe() : "done")
                .build();
    }

    @Override
    public Connection connection() {
        ClusterStatus status = reader.status();
        return new Connection(
                status.demo() ? "demo" : "kubernetes", connection.serverUrl(), status.connected(), summary(status));
    }

    static String summary(ClusterStatus status) {
        if (status.isLoading() && !status.readOnly()) {
            return "Still loading the cluster: " + status.loading().describe() + ".";
        }
        if (!status.connected()) {
            return status.readOnly()
                    ? "The API server cannot be reached: read-only until it answers again."
                    : "Connecting to the API server.";
        }
        String calico = switch (status.calicoApiMode()) {
            case MISSING -> "Calico's projectcalico.org/v3 API is missing";
            case CRD -> "Calico " + status.calicoVersion() + " (native v3 CRDs)";
            case APISERVER -> "Calico " + status.calicoVersion() + " (Calico API server)";
        };
        return calico + ", " + status.namespaces() + " namespaces, " + status.pods() + " pods"
                + (status.stale() ? ", some watches are catching up." : ".");
    }
}
