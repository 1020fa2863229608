package dev.tierdeck.cluster;

import static dev.tierdeck.cluster.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TierWritesTest {

    private static final ObjectRef TEAMS = new ObjectRef(ClusterKind.TIER, null, "teams");

    private GatewayFixture cluster;

    @BeforeEach
    void start() throws InterruptedException {
        cluster = new GatewayFixture().started();
        cluster.requests(); // only this test's requests from here on
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private static Map<String, Object> tier(String name, double order, String defaultAction) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("order", order);
        spec.put("defaultAction", defaultAction);
        Map<String, Object> tier = new LinkedHashMap<>();
        tier.put("apiVersion", "projectcalico.org/v3");
        tier.put("kind", "Tier");
        tier.put("metadata", new LinkedHashMap<>(Map.of("name", name)));
        tier.put("spec", spec);
        return tier;
    }

    @Test
    void createsATierAsTheUserWithTheFieldManager() throws InterruptedException {
        WriteOutcome created = cluster.writer.putTier(ALICE, tier("teams", 300, "Pass"), null);

        assertThat(created.change()).isEqualTo(WriteOutcome.Change.CREATED);
        assertThat(ManifestMaps.spec(cluster.live(TEAMS))).containsEntry("defaultAction", "Pass");
        List<RecordedRequest> writes = ClusterWriterTest.writes(cluster.requests());
        assertThat(writes).singleElement().satisfies(r -> {
            ClusterWriterTest.assertImpersonatesAlice(r);
            assertThat(r.getMethod()).isEqualTo("POST");
            assertThat(r.getPath()).contains("/tiers").contains("fieldManager=tierdeck");
        });
    }

    @Test
    void replacesATierGuardedByItsResourceVersion() throws InterruptedException {
        WriteOutcome created = cluster.writer.putTier(ALICE, tier("teams", 300, "Pass"), null);

        WriteOutcome replaced = cluster.writer.putTier(ALICE, tier("teams", 150, "Deny"), created.resourceVersion());

        assertThat(replaced.change()).isEqualTo(WriteOutcome.Change.REPLACED);
        assertThat(replaced.resourceVersion()).isNotEqualTo(created.resourceVersion());
        assertThat(ManifestMaps.spec(cluster.live(TEAMS)))
                .containsEntry("defaultAction", "Deny")
                .containsEntry("order", 150.0);
        assertThat(ClusterWriterTest.writes(cluster.requests()))
                .hasSize(2)
                .allSatisfy(ClusterWriterTest::assertImpersonatesAlice);
    }

    @Test
    void aStaleResourceVersionIsAConflictWithTheDiff() {
        WriteOutcome created = cluster.writer.putTier(ALICE, tier("teams", 300, "Pass"), null);
        cluster.writer.putTier(ALICE, tier("teams", 250, "Pass"), created.resourceVersion());

        assertThatThrownBy(() -> cluster.writer.putTier(ALICE, tier("teams", 150, "Deny"), created.resourceVersion()))
                .isInstanceOfSatisfying(
                        ClusterConflictException.class,
                        e -> assertThat(e.diff().changes())
                                .extracting(ObjectDiff.FieldChange::path)
                                .contains("spec.order"));
        assertThat(ManifestMaps.spec(cluster.live(TEAMS))).containsEntry("order", 250.0);
    }

    @Test
    void creatingATierThatExistsIsAConflict() {
        cluster.writer.putTier(ALICE, tier("teams", 300, "Pass"), null);
        assertThatThrownBy(() -> cluster.writer.putTier(ALICE, tier("teams", 300, "Pass"), null))
                .isInstanceOf(ClusterConflictException.class);
    }

    @Test
    void onlyTiersAreAccepted() {
        assertThatThrownBy(
                        () -> cluster.writer.putTier(ALICE, Fixtures.calicoPolicy("payments", "not-a-tier", 80), null))
                .isInstanceOf(ClusterInvalidException.class)
                .hasMessageContaining("is not a Tier");
    }
}
