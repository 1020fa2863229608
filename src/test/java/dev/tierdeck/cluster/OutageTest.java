package dev.tierdeck.cluster;

import static dev.tierdeck.cluster.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The API server goes away: requests fail fast and clearly, and the portal reports read-only mode. */
class OutageTest {

    private GatewayFixture cluster;
    private KubeApi api;
    private KubeClusterWriter writer;

    @BeforeEach
    void start() {
        cluster = new GatewayFixture(false);
        api = new KubeApi(
                cluster.connection.client(),
                ClusterProperties.defaults(),
                new CircuitBreaker(2, Duration.ofMinutes(5), Clock.systemUTC()));
        writer = new KubeClusterWriter(api, new ObjectApplier(api, new PendingWrites(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndTheGatewayTurnsReadOnly() {
        String path = "/apis/projectcalico.org/v3/namespaces/payments/stagednetworkpolicies/x";
        cluster.demo
                .server()
                .expect()
                .get()
                .withPath(path)
                .andReturn(503, "overloaded")
                .always();
        ObjectRef ref = new ObjectRef(ClusterKind.STAGED_NETWORK_POLICY, "payments", "x");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> api.get(ref)).isInstanceOfSatisfying(ClusterUnavailableException.class, e -> {
                assertThat(e.getMessage()).contains("HTTP 503");
                assertThat(e.writeMayHaveHappened()).isFalse();
            });
        }

        assertThat(api.available()).isFalse();
        assertThatThrownBy(() -> writer.putStaged(ALICE, Fixtures.stagedPolicy("payments", "y", "Allow", 80), null))
                .isInstanceOfSatisfying(ClusterUnavailableException.class, e -> {
                    assertThat(e.getMessage()).contains("read-only");
                    assertThat(e.writeMayHaveHappened()).isFalse();
                });
        try (ClusterCache cache =
                new ClusterCache(cluster.connection.client(), api, true, Duration.ofMinutes(1), Clock.systemUTC())) {
            assertThat(cache.status().readOnly()).isTrue();
            assertThat(cache.status().connected()).isFalse();
        }
    }

    @Test
    void anUnreachableApiServerIsReportedWithoutAStackTrace() {
        cluster.demo.close();

        assertThat(writer.dryRun(ALICE, List.of(Fixtures.stagedPolicy("payments", "y", "Allow", 80)))
                        .items()
                        .getFirst()
                        .problem())
                .isInstanceOf(ClusterUnavailableException.class);
        assertThatThrownBy(() -> api.get(new ObjectRef(ClusterKind.NAMESPACE, null, "payments")))
                .isInstanceOf(ClusterUnavailableException.class)
                .hasMessageContaining("could not be reached");
    }
}
