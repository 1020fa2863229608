package dev.tierdeck.cluster;

import static dev.tierdeck.cluster.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.WriteOutcome.Change;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures in the middle of a promotion: nothing is applied twice, and the reconciler converges. */
class ReconcilerTest {

    private static final String ENFORCED_POLICIES =
            "/apis/projectcalico.org/v3/namespaces/catalog/networkpolicies?fieldManager=tierdeck";

    private GatewayFixture cluster;

    @BeforeEach
    void start() throws InterruptedException {
        cluster = new GatewayFixture();
        cluster.clearRequests();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Map<String, Object> stagedSearchPolicy() {
        return cluster.live(new ObjectRef(ClusterKind.STAGED_NETWORK_POLICY, "catalog", "search-from-catalog-api"));
    }

    private static final ObjectRef ENFORCED =
            new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "catalog", "search-from-catalog-api");
    private static final ObjectRef STAGED =
            new ObjectRef(ClusterKind.STAGED_NETWORK_POLICY, "catalog", "search-from-catalog-api");

    @Test
    void serverErrorsDuringPromotionLeaveItPendingAndTheReconcilerCompletesItOnce() throws InterruptedException {
        // the first attempt and fabric8's one retry both fail
        cluster.demo
                .server()
                .expect()
                .post()
                .withPath(ENFORCED_POLICIES)
                .andReturn(500, "etcd leader changed")
                .times(2);

        PromotionResult result = cluster.writer.promote(ALICE, "promotion-1", stagedSearchPolicy(), null);

        assertThat(result.settled()).isFalse();
        assertThat(result.enforced().change()).isEqualTo(Change.PENDING);
        assertThat(result.stagedRemoval().change()).isEqualTo(Change.PENDING);
        assertThat(cluster.api.get(STAGED))
                .as("the staged policy stays until the promotion is confirmed")
                .isNotNull();

        cluster.reconciler.settlePending();

        assertThat(cluster.api.get(ENFORCED)).isNotNull();
        assertThat(cluster.api.get(STAGED)).isNull();
        assertThat(cluster.pending.isEmpty()).isTrue();
        assertThat(cluster.settled)
                .extracting(s -> s.outcome().ref().kind() + ":" + s.outcome().change())
                .containsExactly("CALICO_NETWORK_POLICY:CREATED", "STAGED_NETWORK_POLICY:DELETED");
        assertThat(cluster.settled).allSatisfy(s -> assertThat(s.promotionId()).isEqualTo(result.promotionId()));

        cluster.requests();
        cluster.reconciler.settlePending();
        assertThat(ClusterWriterTest.writes(cluster.requests())).isEmpty();
    }

    @Test
    void aTimedOutCreateIsNotSentAgainOnceTheReconcilerSeesItWentThrough() throws InterruptedException {
        Map<String, Object> staged = stagedSearchPolicy();
        // simulate "the API server stored it but the answer was lost": the object is already there, as Tierdeck
        // would have written it, while the promotion's own requests time out
        StagedConversion.Result conversion = StagedConversion.toEnforced(staged);
        cluster.demo
                .server()
                .expect()
                .post()
                .delay(1500, TimeUnit.MILLISECONDS)
                .withPath(ENFORCED_POLICIES)
                .andReturn(201, "{}")
                .times(2);

        PromotionResult result = cluster.writer.promote(ALICE, "promotion-1", staged, null);
        assertThat(result.enforced().change()).isEqualTo(Change.PENDING);
        cluster.createOutOfBand(Ownership.marked(conversion.enforced(), result.promotionId(), null));
        cluster.requests();

        cluster.reconciler.settlePending();

        List<RecordedRequest> writes = ClusterWriterTest.writes(cluster.requests());
        assertThat(writes).extracting(RecordedRequest::getMethod).containsExactly("DELETE");
        assertThat(cluster.settled)
                .extracting(s -> s.outcome().ref().kind() + ":" + s.outcome().change())
                .containsExactly("CALICO_NETWORK_POLICY:UNCHANGED", "STAGED_NETWORK_POLICY:DELETED");
        assertThat(cluster.api.get(STAGED)).isNull();
    }

    @Test
    void aRetriedCreateThatFindsItsOwnObjectCountsAsCreated() {
        Map<String, Object> desired = Fixtures.calicoPolicy("catalog", "already-there", 8080);
        // the API server answers "already exists" because an earlier attempt went through
        String path = "/apis/projectcalico.org/v3/namespaces/catalog/networkpolicies/already-there";
        cluster.demo.server().expect().get().withPath(path).andReturn(404, "{}").once();
        cluster.createOutOfBand(Ownership.marked(desired, "p-7", null));

        DesiredSetResult result = cluster.writer.apply(ALICE, new DesiredSet("catalog", "p-7", List.of(desired)));

        assertThat(result.outcomes()).extracting(WriteOutcome::change).containsExactly(Change.CREATED);
        assertThat(result.settled()).isTrue();
    }

    @Test
    void aPromotionThatCannotBeCompletedKeepsTheStagedPolicy() {
        cluster.demo
                .server()
                .expect()
                .post()
                .withPath(ENFORCED_POLICIES)
                .andReturn(500, "etcd leader changed")
                .times(2);
        cluster.writer.promote(ALICE, "promotion-1", stagedSearchPolicy(), null);
        // meanwhile the tier disappears, so the enforced policy can no longer be created
        cluster.demo
                .server()
                .expect()
                .post()
                .withPath(ENFORCED_POLICIES)
                .andReturn(
                        422,
                        Map.of("kind", "Status", "code", 422, "reason", "Invalid", "message", "tier does not exist"))
                .once();

        cluster.reconciler.settlePending();

        assertThat(cluster.api.get(STAGED)).isNotNull();
        assertThat(cluster.api.get(ENFORCED)).isNull();
        assertThat(cluster.pending.isEmpty()).isTrue();
        assertThat(cluster.settled).allSatisfy(s -> assertThat(s.failure()).isNotNull());
    }

    @Test
    void anUnavailableApiServerLeavesTheWorkForTheNextRun() {
        cluster.demo
                .server()
                .expect()
                .post()
                .withPath(ENFORCED_POLICIES)
                .andReturn(503, "down")
                .times(4);
        cluster.writer.promote(ALICE, "promotion-1", stagedSearchPolicy(), null);

        cluster.reconciler.reconcileOnce();
        assertThat(cluster.pending.isEmpty()).isFalse();

        cluster.reconciler.reconcileOnce();
        assertThat(cluster.pending.isEmpty()).isTrue();
        assertThat(cluster.api.get(ENFORCED)).isNotNull();
    }
}
