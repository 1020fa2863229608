package dev.tierdeck.cluster;

import static dev.tierdeck.cluster.Fixtures.ALICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tierdeck.cluster.WriteOutcome.Change;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ClusterWriterTest {

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

    private static ObjectRef ref(ClusterKind kind, String namespace, String name) {
        return new ObjectRef(kind, namespace, name);
    }

    @Test
    void aDryRunIsAnsweredButNeverPersisted() throws InterruptedException {
        Map<String, Object> existing = cluster.live(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "payments-api"));
        Map<String, Object> changed = ManifestMaps.deepCopy(existing);
        ManifestMaps.mutableMetadata(changed).put("labels", Map.of("reviewed", "yes"));

        DryRunResult result = cluster.writer.dryRun(
                ALICE, List.of(Fixtures.stagedPolicy("payments", "tighten-api", "Deny", 8080), changed));

        assertThat(result.accepted()).isTrue();
        assertThat(result.items()).extracting(DryRunResult.Item::operation).containsExactly("create", "replace");
        assertThat(cluster.api.get(ref(ClusterKind.STAGED_NETWORK_POLICY, "payments", "tighten-api")))
                .isNull();
        Map<String, Object> after = cluster.live(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "payments-api"));
        assertThat(ManifestMaps.resourceVersion(after)).isEqualTo(ManifestMaps.resourceVersion(existing));
        assertThat(ManifestMaps.labels(after)).doesNotContainKey("reviewed");
        List<RecordedRequest> writes = writes(cluster.requests());
        assertThat(writes).hasSize(2).allSatisfy(r -> {
            assertThat(r.getPath()).contains("dryRun=All").contains("fieldManager=tierdeck");
            assertImpersonatesAlice(r);
        });
    }

    @Test
    void aDryRunReportsEachProblemWithItsObject() {
        Map<String, Object> bad = Fixtures.stagedPolicy("payments", "bad-action", "Maybe", 8080);

        DryRunResult result = cluster.writer.dryRun(ALICE, List.of(bad));

        assertThat(result.accepted()).isFalse();
        assertThat(result.items().getFirst().problem())
                .isInstanceOfSatisfying(
                        ClusterInvalidException.class,
                        e -> assertThat(e.fields())
                                .extracting(ClusterInvalidException.FieldProblem::field)
                                .containsExactly("spec.ingress[0].action"));
    }

    @Test
    void everyWriteCarriesTheUsersImpersonationAndOnlyAllowListedGroups() throws InterruptedException {
        WriteOutcome created =
                cluster.writer.putStaged(ALICE, Fixtures.stagedPolicy("payments", "open-metrics", "Allow", 9090), null);
        Map<String, Object> staged = cluster.live(created.ref());
        cluster.writer.promote(ALICE, "promotion-1", staged, null);
        cluster.writer.apply(
                ALICE, new DesiredSet("payments", "p-1", List.of(Fixtures.calicoPolicy("payments", "owned", 8443))));
        Map<String, Object> owned = cluster.live(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "owned"));
        cluster.writer.delete(
                ALICE,
                ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "owned"),
                ManifestMaps.resourceVersion(owned));

        List<RecordedRequest> writes = writes(cluster.requests());
        assertThat(writes).extracting(RecordedRequest::getMethod).contains("POST", "DELETE");
        assertThat(writes).hasSizeGreaterThanOrEqualTo(4).allSatisfy(ClusterWriterTest::assertImpersonatesAlice);
        assertThat(writes)
                .filteredOn(r -> !r.getMethod().equals("DELETE"))
                .allSatisfy(r -> assertThat(r.getPath()).contains("fieldManager=tierdeck"));
    }

    @Test
    void refusesToActAsASystemIdentity() {
        ActingUser system = new ActingUser("system:admin", List.of("tierdeck-developers"));
        assertThatThrownBy(() ->
                        cluster.writer.putStaged(system, Fixtures.stagedPolicy("payments", "x", "Allow", 80), null))
                .isInstanceOf(ClusterAccessDeniedException.class)
                .hasMessageContaining("never acts as a system identity");
    }

    @Test
    void promotesAStagedPolicyAsCalicosConversionDoes() {
        Map<String, Object> staged =
                cluster.live(ref(ClusterKind.STAGED_NETWORK_POLICY, "catalog", "search-from-catalog-api"));

        PromotionResult result = cluster.writer.promote(ALICE, "promotion-1", staged, null);

        assertThat(result.settled()).isTrue();
        assertThat(result.enforced().change()).isEqualTo(Change.CREATED);
        assertThat(result.stagedRemoval().change()).isEqualTo(Change.DELETED);
        Map<String, Object> enforced =
                cluster.live(ref(ClusterKind.CALICO_NETWORK_POLICY, "catalog", "search-from-catalog-api"));
        assertThat(ManifestMaps.spec(enforced)).doesNotContainKey("stagedAction");
        assertThat(ManifestMaps.spec(enforced).get("selector")).isEqualTo("app == 'search'");
        assertThat(ManifestMaps.metadata(enforced).get("uid"))
                .isNotEqualTo(ManifestMaps.metadata(staged).get("uid"));
        assertThat(ManifestMaps.labels(enforced)).containsEntry("app.kubernetes.io/managed-by", "tierdeck");
        assertThat(ManifestMaps.annotations(enforced)).containsEntry("tierdeck.dev/promotion-id", result.promotionId());
        assertThat(cluster.api.get(ref(ClusterKind.STAGED_NETWORK_POLICY, "catalog", "search-from-catalog-api")))
                .isNull();
    }

    @Test
    void promotesAStagedKubernetesPolicyToANetworkingK8sIoPolicy() {
        cluster.createOutOfBand(Fixtures.object(
                "projectcalico.org/v3",
                "StagedKubernetesNetworkPolicy",
                "sandbox",
                "echo-only",
                Map.of(
                        "stagedAction", "Set",
                        "podSelector", Map.of("matchLabels", Map.of("app", "echo-server")),
                        "policyTypes", List.of("Ingress"))));
        Map<String, Object> staged =
                cluster.live(ref(ClusterKind.STAGED_KUBERNETES_NETWORK_POLICY, "sandbox", "echo-only"));

        cluster.writer.promote(ALICE, "promotion-1", staged, null);

        Map<String, Object> enforced = cluster.live(ref(ClusterKind.KUBERNETES_NETWORK_POLICY, "sandbox", "echo-only"));
        assertThat(enforced).containsEntry("apiVersion", "networking.k8s.io/v1");
        assertThat(ManifestMaps.spec(enforced)).containsKey("podSelector").doesNotContainKey("stagedAction");
    }

    @Test
    void aStagedDeletePromotesToDeletingTheEnforcedPolicy() {
        cluster.createOutOfBand(Fixtures.object(
                "projectcalico.org/v3",
                "StagedNetworkPolicy",
                "payments",
                "fraud-check",
                Map.of("tier", "default", "stagedAction", "Delete")));
        Map<String, Object> staged = cluster.live(ref(ClusterKind.STAGED_NETWORK_POLICY, "payments", "fraud-check"));

        PromotionResult result = cluster.writer.promote(ALICE, "promotion-1", staged, null);

        assertThat(result.enforced().change()).isEqualTo(Change.DELETED);
        assertThat(cluster.api.get(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "fraud-check")))
                .isNull();
        assertThat(cluster.api.get(ref(ClusterKind.STAGED_NETWORK_POLICY, "payments", "fraud-check")))
                .isNull();
    }

    @Test
    void replayingTheSameDesiredSetTenTimesChangesTheClusterOnce() throws InterruptedException {
        DesiredSet set = new DesiredSet(
                "payments",
                "promotion-42",
                List.of(
                        Fixtures.calicoPolicy("payments", "api-8443", 8443),
                        Fixtures.stagedPolicy("payments", "trial", "Deny", 9000)));

        List<DesiredSetResult> results = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            results.add(cluster.writer.apply(ALICE, set));
        }

        assertThat(results.getFirst().changes()).isEqualTo(2);
        assertThat(results.subList(1, 10)).allSatisfy(r -> {
            assertThat(r.changes()).isZero();
            assertThat(r.outcomes()).extracting(WriteOutcome::change).containsOnly(Change.UNCHANGED);
        });
        assertThat(writes(cluster.requests())).hasSize(2);
    }

    @Test
    void removesOwnedObjectsThatAreNoLongerWanted() {
        cluster.writer.apply(
                ALICE,
                new DesiredSet(
                        "payments",
                        "p-1",
                        List.of(
                                Fixtures.calicoPolicy("payments", "keep", 8443),
                                Fixtures.calicoPolicy("payments", "drop", 8444))));

        DesiredSetResult second = cluster.writer.apply(
                ALICE, new DesiredSet("payments", "p-2", List.of(Fixtures.calicoPolicy("payments", "keep", 8443))));

        assertThat(second.outcomes())
                .extracting(o -> o.ref().name() + ":" + o.change())
                .containsExactlyInAnyOrder("keep:UNCHANGED", "drop:DELETED");
        assertThat(cluster.api.get(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "drop")))
                .isNull();
        // objects Tierdeck does not own are never removed
        assertThat(cluster.api.get(ref(ClusterKind.CALICO_NETWORK_POLICY, "payments", "payments-api")))
                .isNotNull();
    }

    @Test
    void aConflictShowsWhatSomeoneElseChanged() {
        WriteOutcome created =
                cluster.writer.putStaged(ALICE, Fixtures.stagedPolicy("payments", "contested", "Allow", 8080), null);
        Map<String, Object> previewed = cluster.live(created.ref());
        Map<String, Object> theirs = ManifestMaps.deepCopy(previewed);
        ((Map<String, Object>) ManifestMaps.spec(theirs)).put("selector", "app == 'fraud-check'");
        cluster.writer.putStaged(
                new ActingUser("bob", List.of("tierdeck-developers")), theirs, ManifestMaps.resourceVersion(previewed));

        Map<String, Object> mine = ManifestMaps.deepCopy(previewed);
        ((Map<String, Object>) ManifestMaps.spec(mine)).put("order", 50);

        assertThatThrownBy(() -> cluster.writer.putStaged(ALICE, mine, ManifestMaps.resourceVersion(previewed)))
                .isInstanceOfSatisfying(ClusterConflictException.class, e -> {
                    assertThat(e.getMessage()).contains("preview again");
                    assertThat(e.currentResourceVersion()).isNotEqualTo(ManifestMaps.resourceVersion(previewed));
                    assertThat(e.diff().changes())
                            .extracting(ObjectDiff.FieldChange::path)
                            .contains("spec.selector", "spec.order");
                });
    }

    @Test
    void aDesiredSetGuardedByAStaleResourceVersionIsRefusedWithTheDiff() {
        Map<String, Object> current =
                cluster.live(ref(ClusterKind.CALICO_NETWORK_POLICY, "checkout", "checkout-frontend"));
        Map<String, Object> desired = ManifestMaps.deepCopy(current);
        ManifestMaps.mutableMetadata(desired).put("resourceVersion", "1");
        ((Map<String, Object>) ManifestMaps.spec(desired)).put("order", 5);

        assertThatThrownBy(() -> cluster.writer.apply(ALICE, new DesiredSet("checkout", "p-9", List.of(desired))))
                .isInstanceOfSatisfying(
                        ClusterConflictException.class,
                        e -> assertThat(e.diff().changes())
                                .extracting(ObjectDiff.FieldChange::path)
                                .containsExactly("spec.order"));
    }

    @Test
    void validationErrorsComeBackWithTheirFieldPaths() {
        Map<String, Object> policy = Fixtures.stagedPolicy("payments", "lost", "Allow", 80);
        ((Map<String, Object>) ManifestMaps.spec(policy)).put("tier", "no-such-tier");

        assertThatThrownBy(() -> cluster.writer.putStaged(ALICE, policy, null))
                .isInstanceOfSatisfying(
                        ClusterInvalidException.class,
                        e -> assertThat(e.fields())
                                .extracting(ClusterInvalidException.FieldProblem::field)
                                .containsExactly("spec.tier"));
    }

    @Test
    void aRefusalNamesTheMissingPermission() {
        cluster.demo
                .server()
                .expect()
                .post()
                .withPath("/apis/projectcalico.org/v3/namespaces/payments/stagednetworkpolicies?fieldManager=tierdeck")
                .andReturn(
                        403,
                        Map.of(
                                "kind",
                                "Status",
                                "apiVersion",
                                "v1",
                                "status",
                                "Failure",
                                "reason",
                                "Forbidden",
                                "code",
                                403,
                                "message",
                                "stagednetworkpolicies.projectcalico.org is forbidden: User \"alice\" cannot create "
                                        + "resource \"stagednetworkpolicies\" in API group \"projectcalico.org\" in the "
                                        + "namespace \"payments\""))
                .once();

        assertThatThrownBy(() ->
                        cluster.writer.putStaged(ALICE, Fixtures.stagedPolicy("payments", "x", "Allow", 80), null))
                .isInstanceOfSatisfying(ClusterAccessDeniedException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.missingPermission())
                            .isEqualTo("create stagednetworkpolicies.projectcalico.org in namespace payments");
                });
    }

    @Test
    void promotingAPolicyThatNoLongerExistsIsNotFound() {
        Map<String, Object> ghost = Fixtures.stagedPolicy("payments", "ghost", "Allow", 80);
        ManifestMaps.mutableMetadata(ghost).put("resourceVersion", "7");

        assertThatThrownBy(() -> cluster.writer.promote(ALICE, "promotion-1", ghost, null))
                .isInstanceOf(ClusterNotFoundException.class)
                .hasMessageContaining("ghost");
    }

    static List<RecordedRequest> writes(List<RecordedRequest> requests) {
        return requests.stream().filter(r -> !r.getMethod().equals("GET")).toList();
    }

    static void assertImpersonatesAlice(RecordedRequest request) {
        assertThat(request.getHeaders().headers("Impersonate-User")).containsExactly("alice");
        assertThat(request.getHeaders().headers("Impersonate-Group"))
                .containsExactly("tierdeck-developers", "team-payments");
    }
}
