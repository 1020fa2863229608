package dev.tierdeck.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** What the server checks before a policy is saved, against the seeded cluster and the default guardrails. */
@DeveloperLoopTest
class ServerPolicyChecksTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    PolicyChecks checks;

    @Autowired
    MockMvc mvc;

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
        assertThat(problems.getFirst().message())
                .isEqualTo("The namespace payments belongs to team payments, not to one of your teams.");
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
        // 0.0.0.0/0 holds the addresses of every pod too, so the peer guardrail asks for an approver as well
        assertThat(problems).extracting(PolicyProblem::guardrail).containsExactly("egress-cidrs", "peer-namespaces");
        PolicyProblem problem = problems.getFirst();
        assertThat(problem.field()).isEqualTo("spec.egress");
        assertThat(problem.blocking()).isTrue();
        assertThat(problem.message()).contains("egress-cidrs", "every public IPv4 address", "Fix:");
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
                .containsExactly(org.assertj.core.groups.Tuple.tuple("spec.ingress", "peer-namespaces", false));
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
    void theRequiredLabelsGuardrailReadsThePolicysOwnLabels() throws Exception {
        String current = mvc.perform(get("/api/v1/guardrails").with(TestUsers.ADMIN.session()))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Map<String, Object> rules = JSON.readValue(current, new TypeReference<Map<String, Object>>() {});
        @SuppressWarnings("unchecked")
        Map<String, Object> wanted = new LinkedHashMap<>((Map<String, Object>) rules.get("rules"));
        wanted.put("requiredLabels", Map.of("enabled", true, "severity", "block", "labels", List.of("owner")));
        putGuardrails(wanted, "owners on every policy");
        try {
            String policy = """
                    apiVersion: projectcalico.org/v3
                    kind: NetworkPolicy
                    metadata: {name: labelled, namespace: payments%s}
                    spec: {tier: default, selector: app == 'api', ingress: [{action: Allow, source: {selector: app == 'web'}}]}
                    """;
            assertThat(checks.check(TestUsers.ALICE.user(), Policies.yaml(policy.formatted(""))))
                    .extracting(PolicyProblem::field, PolicyProblem::guardrail)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("metadata.labels.owner", "required-labels"));
            assertThat(checks.check(
                            TestUsers.ALICE.user(), Policies.yaml(policy.formatted(", labels: {owner: payments}"))))
                    .isEmpty();
        } finally {
            @SuppressWarnings("unchecked")
            Map<String, Object> before = (Map<String, Object>) rules.get("rules");
            putGuardrails(before, "back as they were");
        }
    }

    private void putGuardrails(Map<String, Object> rules, String comment) throws Exception {
        mvc.perform(put("/api/v1/guardrails")
                        .with(TestUsers.ADMIN.session())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(JSON.writeValueAsString(Map.of("comment", comment, "rules", rules))))
                .andExpect(status().isOk());
    }

    @Test
    void viewersMayWriteNothing() {
        assertThat(checks.check(TestUsers.VIEWER.user(), Policies.allowApi("payments", "api", 8080)))
                .extracting(PolicyProblem::field, PolicyProblem::message)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "metadata.namespace", "Viewers read and preview; they change nothing."));
    }
}
