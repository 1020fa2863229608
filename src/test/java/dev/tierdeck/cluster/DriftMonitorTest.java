package dev.tierdeck.cluster;

import static dev.tierdeck.cluster.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.cluster.Drift.Reason;
import dev.tierdeck.cluster.WriteOutcome.Change;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DriftMonitorTest {

    private static final ActingUser ADMIN = new ActingUser("admin", List.of("tierdeck-platform-admins"));

    private GatewayFixture cluster;

    @BeforeEach
    void start() {
        cluster = new GatewayFixture().started();
        cluster.lockedTiers.addAll(List.of("security", "platform"));
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void awaitCache(java.util.function.Predicate<ClusterSnapshot> condition) {
        GatewayFixture.await(() -> condition.test(cluster.cache.snapshot()), "the cache to follow");
    }

    @Test
    void aFreshClusterHasNoDrift() {
        cluster.drift.scan();
        assertThat(cluster.drift.drift()).isEmpty();
    }

    @Test
    void reportsAnOwnedObjectChangedOutOfBandAndRestoresIt() {
        cluster.writer.apply(
                ALICE, new DesiredSet("payments", "p-1", List.of(Fixtures.calicoPolicy("payments", "owned", 8443))));
        ObjectRef ref = new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "payments", "owned");
        cluster.admin
                .genericKubernetesResources(ClusterCache.context(ClusterKind.CALICO_NETWORK_POLICY))
                .inNamespace("payments")
                .withName("owned")
                .edit(r -> {
                    ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("selector", "all()");
                    return r;
                });
        awaitCache(s -> s.find(ref)
                .map(o -> "all()".equals(ManifestMaps.spec(o).get("selector")))
                .orElse(false));

        cluster.drift.scan();

        assertThat(cluster.drift.drift()).singleElement().satisfies(d -> {
            assertThat(d.reason()).isEqualTo(Reason.MODIFIED_OUT_OF_BAND);
            assertThat(d.ref()).isEqualTo(ref);
            assertThat(d.tier()).isEqualTo("default");
            assertThat(d.diff().changes())
                    .containsExactly(new ObjectDiff.FieldChange("spec.selector", "app == 'payments-api'", "all()"));
        });

        WriteOutcome restored =
                cluster.drift.restore(ADMIN, cluster.drift.drift().getFirst().id());

        assertThat(restored.change()).isEqualTo(Change.REPLACED);
        assertThat(ManifestMaps.spec(cluster.live(ref)).get("selector")).isEqualTo("app == 'payments-api'");
        awaitCache(s -> s.find(ref)
                .map(o -> !"all()".equals(ManifestMaps.spec(o).get("selector")))
                .orElse(false));
        cluster.drift.scan();
        assertThat(cluster.drift.drift()).isEmpty();
    }

    @Test
    void reportsChangesInLockedTiersAndPutsThemBack() {
        cluster.drift.scan();
        ObjectRef ref = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "deny-cloud-metadata");
        cluster.admin
                .genericKubernetesResources(ClusterCache.context(ClusterKind.GLOBAL_NETWORK_POLICY))
                .withName("deny-cloud-metadata")
                .edit(r -> {
                    ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("selector", "team == 'none'");
                    return r;
                });
        awaitCache(s -> s.find(ref)
                .map(o -> "team == 'none'".equals(ManifestMaps.spec(o).get("selector")))
                .orElse(false));

        cluster.drift.scan();

        Drift drift = cluster.drift.drift().getFirst();
        assertThat(drift.reason()).isEqualTo(Reason.LOCKED_TIER_CHANGED);
        assertThat(drift.tier()).isEqualTo("security");
        assertThat(drift.diff().changes())
                .extracting(ObjectDiff.FieldChange::path)
                .containsExactly("spec.selector");

        cluster.drift.restore(ADMIN, drift.id());

        assertThat(ManifestMaps.spec(cluster.live(ref)).get("selector")).isEqualTo("all()");
    }

    @Test
    void reportsPoliciesCreatedOrDeletedInLockedTiers() {
        cluster.drift.scan();
        cluster.createOutOfBand(Fixtures.object(
                "projectcalico.org/v3",
                "GlobalNetworkPolicy",
                null,
                "sneaky-allow",
                Map.of(
                        "tier",
                        "security",
                        "order",
                        1,
                        "selector",
                        "all()",
                        "ingress",
                        List.of(Map.of("action", "Allow")))));
        cluster.admin
                .genericKubernetesResources(ClusterCache.context(ClusterKind.GLOBAL_NETWORK_POLICY))
                .withName("quarantine")
                .delete();
        ObjectRef sneaky = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "sneaky-allow");
        ObjectRef quarantine = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "quarantine");
        awaitCache(s -> s.find(sneaky).isPresent() && s.find(quarantine).isEmpty());

        cluster.drift.scan();

        assertThat(cluster.drift.drift())
                .extracting(d -> d.ref().name() + ":" + d.reason())
                .containsExactlyInAnyOrder("sneaky-allow:CREATED_IN_LOCKED_TIER", "quarantine:DELETED_OUT_OF_BAND");

        for (Drift drift : cluster.drift.drift()) {
            cluster.drift.restore(ADMIN, drift.id());
        }

        assertThat(cluster.api.get(sneaky)).isNull();
        assertThat(ManifestMaps.spec(cluster.live(quarantine)).get("selector")).isEqualTo("quarantine == 'true'");
    }

    @Test
    void deletionsMadeByTierdeckAreNotDrift() {
        cluster.writer.apply(
                ALICE,
                new DesiredSet("payments", "p-1", List.of(Fixtures.calicoPolicy("payments", "short-lived", 8443))));
        ObjectRef ref = new ObjectRef(ClusterKind.CALICO_NETWORK_POLICY, "payments", "short-lived");
        awaitCache(s -> s.find(ref).isPresent());
        cluster.drift.scan();

        cluster.writer.apply(ALICE, new DesiredSet("payments", "p-2", List.of()));
        awaitCache(s -> s.find(ref).isEmpty());
        cluster.drift.scan();

        assertThat(cluster.drift.drift()).isEmpty();
    }
}
