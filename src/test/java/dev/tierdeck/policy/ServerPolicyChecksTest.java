package dev.tierdeck.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What the server checks before a policy is saved, against the seeded cluster and the default guardrails. */
@DeveloperLoopTest
class ServerPolicyChecksTest {

    @Autowired
    PolicyChecks checks;

    @Test
    void aDeveloperPolicyInTheirNamespaceAndADeveloperTierPasses() {
        assertThat(checks.check(TestUsers.ALICE.user(), Policies.allowApi("payments", "api", 8080)))
                .isEmpty();
    }

    @Test
    void anotherTeamsNamespaceIsRefusedAtTheNamespaceField() {
        List<PolicyProblem> problems = checks.check(TestUsers.BOB.user(), Policies.allowApi("payments", "api", 8080));
        assertThat(problems)
                .extracting(PolicyProblem::field, PolicyProblem::blocking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.namespace", true));
        assertThat(problems.getFirst().message()).contains("payments", "does not belong to any of your teams");
    }

    @Test
    void adminsMayWriteInEveryNamespace() {
        assertThat(checks.check(TestUsers.ADMIN.user(), Policies.allowApi("catalog", "api", 8080)))
                .isEmpty();
    }

    @Test
    void aLockedTierIsForItsOwnersOnly() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: sneaky, namespace: payments}
                spec: {tier: security, selector: all(), ingress: [{action: Deny}]}
                """);
        assertThat(checks.check(TestUsers.ALICE.user(), policy))
                .extracting(PolicyProblem::field)
                .containsExactly("spec.tier");
        assertThat(checks.check(TestUsers.ADMIN.user(), policy).getFirst().message())
                .contains("locked", "tierdeck-security-admins");
        assertThat(checks.check(TestUsers.SECURITY.user(), policy)).isEmpty();
    }

    @Test
    void aTierMissingFromTheClusterIsNamed() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: lost, namespace: payments}
                spec: {tier: nowhere, selector: all(), ingress: [{action: Deny}]}
                """);
        List<PolicyProblem> problems = checks.check(TestUsers.ADMIN.user(), policy);
        assertThat(problems).extracting(PolicyProblem::field).containsExactly("spec.tier");
        assertThat(problems.getFirst().message()).isEqualTo("The tier nowhere does not exist in the cluster.");
    }

    @Test
    void theNamespaceMustExistInTheCluster() {
        assertThat(checks.check(TestUsers.ADMIN.user(), Policies.allowApi("nowhere", "api", 8080)))
                .extracting(PolicyProblem::field, PolicyProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "metadata.namespace", "The namespace nowhere does not exist in the cluster."));
        assertThat(checks.check(TestUsers.ADMIN.user(), Policies.allowApi("n".repeat(64), "api", 8080)))
                .extracting(PolicyProblem::field)
                .contains("metadata.namespace");
    }

    @Test
    void globalPoliciesAreForAdminsOnly() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: everything}
                spec: {tier: default, selector: all(), ingress: [{action: Deny}]}
                """);
        assertThat(checks.check(TestUsers.ALICE.user(), policy))
                .extracting(PolicyProblem::field)
                .containsExactly("kind");
        assertThat(checks.check(TestUsers.ADMIN.user(), policy)).isEmpty();
    }

    @Test
    void onlyTheEnforcedCalicoKindsAreManaged() {
        var staged = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: StagedNetworkPolicy
                metadata: {name: try, namespace: payments}
                spec: {tier: default, selector: all(), ingress: [{action: Deny}]}
                """);
        List<PolicyProblem> problems = checks.check(TestUsers.ADMIN.user(), staged);
        assertThat(problems).extracting(PolicyProblem::field).containsExactly("kind");
        assertThat(problems.getFirst().message()).contains("StagedNetworkPolicy");
    }

    @Test
    void calicoValidationNamesTheFieldPath() {
        var policy = new dev.tierdeck.engine.model.CalicoPolicy(
                dev.tierdeck.engine.model.PolicyKind.NetworkPolicy,
                "payments",
                "Bad_Name",
                "default",
                null,
                "app ==",
                null,
                null,
                null,
                List.of(),
                List.of(),
                null,
                false,
                false,
                false);
        assertThat(checks.check(TestUsers.ALICE.user(), policy))
                .extracting(PolicyProblem::field)
                .contains("metadata.name", "spec.selector");
    }

    @Test
    void aBlockingGuardrailStopsADeveloperAndNamesTheGuardrailAndTheFix() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: open, namespace: payments}
                spec:
                  tier: default
                  selector: app == 'api'
                  egress: [{action: Allow, destination: {nets: [0.0.0.0/0]}}]
                """);
        List<PolicyProblem> problems = checks.check(TestUsers.ALICE.user(), policy);
        assertThat(problems).hasSize(1);
        PolicyProblem problem = problems.getFirst();
        assertThat(problem.field()).isEqualTo("spec.egress[0].destination.nets[0]");
        assertThat(problem.guardrail()).isEqualTo("egress-cidrs");
        assertThat(problem.blocking()).isTrue();
        assertThat(problem.message()).contains("egress-cidrs", "0.0.0.0/0", "Fix:");
        assertThat(PolicyChecks.blocks(problems)).isTrue();
    }

    @Test
    void anApprovalGuardrailDoesNotBlockButNeedsAnApprover() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: from-catalog, namespace: payments}
                spec:
                  tier: default
                  selector: app == 'api'
                  ingress: [{action: Allow, source: {namespaceSelector: team == 'catalog'}}]
                """);
        List<PolicyProblem> problems = checks.check(TestUsers.ALICE.user(), policy);
        assertThat(problems)
                .extracting(PolicyProblem::field, PolicyProblem::guardrail, PolicyProblem::blocking)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "spec.ingress[0].source.namespaceSelector", "peer-namespaces", false));
        assertThat(PolicyChecks.needsApproval(problems)).isTrue();
    }

    @Test
    void guardrailsBindDevelopersNotAdmins() {
        var policy = Policies.yaml("""
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: open, namespace: payments}
                spec:
                  tier: default
                  selector: app == 'api'
                  egress: [{action: Allow}]
                """);
        assertThat(checks.check(TestUsers.ADMIN.user(), policy)).isEmpty();
    }

    @Test
    void viewersMayWriteNothing() {
        assertThat(checks.check(TestUsers.VIEWER.user(), Policies.allowApi("payments", "api", 8080)))
                .extracting(PolicyProblem::field)
                .contains("spec.tier");
    }
}
