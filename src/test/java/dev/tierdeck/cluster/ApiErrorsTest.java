package dev.tierdeck.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {

    private static final ObjectRef REF = new ObjectRef(ClusterKind.GLOBAL_NETWORK_POLICY, null, "deny-all");

    @Test
    void namesAClusterScopedMissingPermission() {
        assertThat(ApiErrors.missingPermission(
                        "globalnetworkpolicies.projectcalico.org \"deny-all\" is forbidden: User "
                                + "\"bob\" cannot update resource \"globalnetworkpolicies\" in API group \"projectcalico.org\" at "
                                + "the cluster scope"))
                .isEqualTo("update globalnetworkpolicies.projectcalico.org");
    }

    @Test
    void namesACorePermissionWithoutAGroup() {
        assertThat(ApiErrors.missingPermission("pods is forbidden: User \"bob\" cannot list resource \"pods\" in API "
                        + "group \"\" in the namespace \"db\""))
                .isEqualTo("list pods in namespace db");
    }

    @Test
    void saysNothingWhenTheMessageDoesNotTell() {
        assertThat(ApiErrors.missingPermission("tier RBAC: access denied")).isNull();
    }

    @Test
    void mapsValidationCausesToFieldPaths() {
        ClusterException e = ApiErrors.from(
                422,
                Map.of(
                        "message",
                        "GlobalNetworkPolicy \"deny-all\" is invalid",
                        "details",
                        Map.of(
                                "causes",
                                List.of(Map.of(
                                        "field", "spec.egress[2].destination.nets[0]",
                                        "message", "invalid CIDR")))),
                REF,
                true);

        assertThat(e)
                .isInstanceOfSatisfying(
                        ClusterInvalidException.class,
                        invalid -> assertThat(invalid.fields())
                                .containsExactly(new ClusterInvalidException.FieldProblem(
                                        "spec.egress[2].destination.nets[0]", "invalid CIDR")));
    }

    @Test
    void aServerErrorOnAWriteLeavesTheOutcomeOpen() {
        assertThat(ApiErrors.from(500, null, REF, true))
                .isInstanceOfSatisfying(
                        ClusterUnavailableException.class,
                        e -> assertThat(e.writeMayHaveHappened()).isTrue());
        assertThat(ApiErrors.from(500, null, REF, false))
                .isInstanceOfSatisfying(
                        ClusterUnavailableException.class,
                        e -> assertThat(e.writeMayHaveHappened()).isFalse());
    }

    @Test
    void unauthorizedIsAboutThePortalsOwnCredentials() {
        assertThat(ApiErrors.from(401, Map.of("message", "Unauthorized"), REF, false))
                .isInstanceOf(ClusterAccessDeniedException.class)
                .hasMessageContaining("portal's credentials");
    }
}
