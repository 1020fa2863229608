package dev.tierdeck.policy.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@DeveloperLoopTest
class PolicyApiControllerTest {

    private static final String URL = "/api/v1/namespaces/payments/policies/api-allow";
    private static final String YAML = """
            apiVersion: projectcalico.org/v3
            kind: NetworkPolicy
            metadata: {name: api-allow, namespace: payments}
            spec:
              tier: default
              selector: app == 'api'
              ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'web'}, destination: {ports: [8080]}}]
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forgetPolicies() {
        jdbc.sql("delete from policy_draft").update();
        jdbc.sql("delete from policy_version").update();
    }

    @Test
    void developersListTheirTeamsNamespacesAndAdminsAndViewersEveryNamespace() throws Exception {
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(contains("checkout", "payments")))
                .andExpect(jsonPath("$[1].workloads").value(3))
                .andExpect(jsonPath("$[1].pods").value(4))
                .andExpect(jsonPath("$[1].enforcedPolicies").value(1))
                .andExpect(jsonPath("$[1].writable").value(true));
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.BOB.token()))
                .andExpect(jsonPath("$[*].name").value(contains("catalog")));
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.ADMIN.token()))
                .andExpect(jsonPath("$[*].name").value(contains("catalog", "checkout", "kube-system", "payments")));
        mvc.perform(get("/api/v1/namespaces").with(TestUsers.VIEWER.token()))
                .andExpect(jsonPath("$[*].name").value(contains("catalog", "checkout", "kube-system", "payments")))
                .andExpect(jsonPath("$[0].writable").value(false));
    }

    @Test
    void putsAYamlPolicyAsANewDraftAndReadsItBack() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token()))
                .andExpect(status().isCreated())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(header().string("Location", URL))
                .andExpect(jsonPath("$.state").value("DRAFT"))
                .andExpect(jsonPath("$.revision").value(1))
                .andExpect(jsonPath("$.tier").value("default"))
                .andExpect(jsonPath("$.needsApproval").value(false));

        mvc.perform(get(URL).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"1\""))
                .andExpect(jsonPath("$.yaml").value(containsString("selector: app == 'api'")))
                .andExpect(jsonPath("$.updatedBy").value("alice"));
    }

    @Test
    void aPutAnswersWithAdvisoriesAtTheirFieldsAndStillSaves() throws Exception {
        mvc.perform(yaml(put(URL), YAML.replace("app == 'api'", "app == 'apii'"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.advisories[0].field").value("spec.selector"))
                .andExpect(jsonPath("$.advisories[0].kind").value("selects-no-pod"))
                .andExpect(jsonPath("$.advisories[0].message").value(containsString("selects no pod in payments")));

        mvc.perform(get(URL).with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.advisories").isEmpty());
    }

    @Test
    void putsJsonOverTheRevisionNamedInIfMatch() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token())).andExpect(status().isCreated());

        mvc.perform(put(URL).with(csrf())
                        .with(TestUsers.ALICE.token())
                        .header("If-Match", "\"1\"")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"apiVersion": "projectcalico.org/v3", "kind": "NetworkPolicy",
                                 "metadata": {"name": "api-allow"},
                                 "spec": {"selector": "app == 'api'", "types": ["Ingress"]}}"""))
                .andExpect(status().isOk())
                .andExpect(header().string("ETag", "\"2\""))
                .andExpect(jsonPath("$.revision").value(2));
    }

    @Test
    void aStaleIfMatchIsAConflict() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token())).andExpect(status().isCreated());
        mvc.perform(yaml(put(URL), YAML.replace("8080", "8081"))
                        .with(TestUsers.ALICE.token())
                        .header("If-Match", "1"))
                .andExpect(status().isOk());

        mvc.perform(yaml(put(URL), YAML.replace("8080", "9090"))
                        .with(TestUsers.ALICE.token())
                        .header("If-Match", "1"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("changed since you read it")));
        mvc.perform(yaml(put(URL), YAML.replace("8080", "9090")).with(TestUsers.ALICE.token()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("already exists")));
    }

    @Test
    void anotherTeamsNamespaceIsForbiddenAndNothingIsSaved() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(containsString("payments")));
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.VIEWER.token())).andExpect(status().isForbidden());
        mvc.perform(get("/api/v1/namespaces/payments/policies").with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden());
        assertThat(drafts.find(PolicyRef.namespaced("payments", "api-allow"))).isEmpty();
    }

    @Test
    void aBodyNamingAnotherPolicyOrNamespaceIsRefusedAtThatField() throws Exception {
        mvc.perform(yaml(
                                put(URL),
                                YAML.replace("name: api-allow", "name: other").replace("payments}", "checkout}"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(contains("metadata.name", "metadata.namespace")))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("differs from the name in the URL")))
                .andExpect(jsonPath("$.errors[0].blocking").value(true))
                .andExpect(jsonPath("$.errors[0].guardrail").value(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void anUnparsableBodyNamesTheLine() throws Exception {
        mvc.perform(yaml(put(URL), "apiVersion: projectcalico.org/v3\nkind: [NetworkPolicy\n")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("body"))
                .andExpect(jsonPath("$.errors[0].message").value(containsString("line")));
        mvc.perform(put(URL).with(csrf())
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"kind\": "))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("body"));
        mvc.perform(yaml(put(URL), "").with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].message").value(containsString("empty")));
    }

    @Test
    void calicoValidationAndUnknownFieldsAreFieldErrors() throws Exception {
        mvc.perform(yaml(
                                put(URL),
                                YAML.replace("selector: app == 'api'", "selector: app ==")
                                        .replace("ingress:", "ingres:"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("spec.selector")))
                .andExpect(jsonPath("$.errors[*].field").value(hasItem(containsString("ingres"))));
    }

    @Test
    void aBlockingGuardrailIsA422NamingTheGuardrail() throws Exception {
        mvc.perform(yaml(
                                put(URL),
                                YAML.replace("ingress:", "egress:")
                                        .replace(
                                                "source: {selector: app == 'web'}, destination: {ports: [8080]}",
                                                "destination: {nets: [0.0.0.0/0]}"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("spec.egress"))
                .andExpect(jsonPath("$.errors[0].guardrail").value("egress-cidrs"))
                .andExpect(jsonPath("$.errors[0].blocking").value(true));
    }

    @Test
    void anApprovalGuardrailSavesTheDraftWithAWarning() throws Exception {
        mvc.perform(yaml(put(URL), YAML.replace("{selector: app == 'web'}", "{namespaceSelector: team == 'catalog'}"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.needsApproval").value(true))
                .andExpect(jsonPath("$.warnings[0].guardrail").value("peer-namespaces"))
                .andExpect(jsonPath("$.warnings[0].blocking").value(false));
    }

    @Test
    void aLockedTierIsRefusedForDevelopers() throws Exception {
        mvc.perform(yaml(put(URL), YAML.replace("tier: default", "tier: security"))
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("spec.tier"));
    }

    @Test
    void aNamespaceMissingFromTheClusterIsA422EvenForAdmins() throws Exception {
        String url = "/api/v1/namespaces/" + "n".repeat(70) + "/policies/api-allow";
        mvc.perform(yaml(put(url), YAML.replace("namespace: payments", "namespace: " + "n".repeat(70)))
                        .with(TestUsers.ADMIN.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[*].field").value(hasItem("metadata.namespace")));
        mvc.perform(yaml(put("/api/v1/namespaces/nowhere/policies/api-allow"), YAML.replace("payments", "nowhere"))
                        .with(TestUsers.ADMIN.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(
                        jsonPath("$.errors[0].message").value("The namespace nowhere does not exist in the cluster."));
    }

    @Test
    void aMalformedIfMatchIsNamed() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token()).header("If-Match", "latest"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("If-Match"));
    }

    @Test
    void listsManagedDraftsThenEnforcedPoliciesThePortalDoesNotManage() throws Exception {
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token())).andExpect(status().isCreated());

        mvc.perform(get("/api/v1/namespaces/payments/policies").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].name").value(contains("api-allow", "legacy-api-ingress")))
                .andExpect(jsonPath("$[0].managed").value(true))
                .andExpect(jsonPath("$[0].state").value("DRAFT"))
                .andExpect(jsonPath("$[1].managed").value(false))
                .andExpect(jsonPath("$[1].state").value("ENFORCED"));
    }

    @Test
    void versionsOfAPromotedPolicyNewestFirst() throws Exception {
        mvc.perform(get(URL + "/versions").with(TestUsers.ALICE.token())).andExpect(status().isNotFound());
        mvc.perform(yaml(put(URL), YAML).with(TestUsers.ALICE.token())).andExpect(status().isCreated());
        PolicyRef ref = PolicyRef.namespaced("payments", "api-allow");
        drafts.markStaged(TestUsers.ALICE.user(), ref, 1, "7");
        drafts.markEnforced(TestUsers.ALICE.user(), ref, 2, "promotion-7", "8");

        mvc.perform(get(URL + "/versions").with(TestUsers.VIEWER.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].version").value(1))
                .andExpect(jsonPath("$[0].promotionId").value("promotion-7"))
                .andExpect(jsonPath("$[0].yaml").value(containsString("api-allow")));
        mvc.perform(get(URL).with(TestUsers.ALICE.token()))
                .andExpect(jsonPath("$.state").value("ENFORCED"));
    }

    @Test
    void globalPoliciesAreWrittenByAdminsAndReadByEveryoneOutsideConfidentialTiers() throws Exception {
        String global = """
                apiVersion: projectcalico.org/v3
                kind: GlobalNetworkPolicy
                metadata: {name: deny-quarantined}
                spec: {tier: default, selector: quarantine == 'true', ingress: [{action: Deny}]}
                """;
        String url = "/api/v1/global-policies/deny-quarantined";
        mvc.perform(yaml(put(url), global).with(TestUsers.ALICE.token())).andExpect(status().isForbidden());
        mvc.perform(yaml(put(url), global).with(TestUsers.ADMIN.token()))
                .andExpect(status().isCreated())
                .andExpect(jsonPath("$.kind").value("GlobalNetworkPolicy"));
        mvc.perform(get(url).with(TestUsers.VIEWER.token())).andExpect(status().isOk());
        // a global policy applies to every team's pods: developers read it (not change it) unless its tier is
        // confidential
        mvc.perform(get(url).with(TestUsers.ALICE.token())).andExpect(status().isOk());
        mvc.perform(get("/api/v1/global-policies").with(TestUsers.ADMIN.token()))
                .andExpect(jsonPath("$[*].name").value(contains("deny-quarantined")));
        mvc.perform(yaml(put(url), global.replace("kind: GlobalNetworkPolicy", "kind: NetworkPolicy"))
                        .with(TestUsers.ADMIN.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("kind"));
    }

    @Test
    void aPolicyThePortalDoesNotManageIsNotFound() throws Exception {
        mvc.perform(get("/api/v1/namespaces/payments/policies/legacy-api-ingress")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value(containsString("payments/legacy-api-ingress")));
    }

    @Test
    void aPutWithoutACsrfTokenIsRefusedAndSavesNothing() throws Exception {
        mvc.perform(put(URL).with(TestUsers.ALICE.session())
                        .contentType("application/yaml")
                        .content(YAML))
                .andExpect(status().isForbidden());
        assertThat(drafts.find(PolicyRef.namespaced("payments", "api-allow"))).isEmpty();
    }

    @Test
    void anUnsupportedContentTypeIsA415() throws Exception {
        mvc.perform(put(URL).with(csrf())
                        .with(TestUsers.ALICE.token())
                        .contentType(MediaType.APPLICATION_XML)
                        .content("<policy/>"))
                .andExpect(status().isUnsupportedMediaType());
    }

    @Test
    void theEndpointsAreDescribedInTheOpenApiDocument() throws Exception {
        mvc.perform(get("/v3/api-docs").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/namespaces'].get").exists())
                .andExpect(jsonPath("$.paths['/api/v1/namespaces/{namespace}/policies'].get")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/namespaces/{namespace}/policies/{name}'].get")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/namespaces/{namespace}/policies/{name}'].put")
                        .exists())
                .andExpect(jsonPath(
                                "$.paths['/api/v1/namespaces/{namespace}/policies/{name}'].put.requestBody.content['application/yaml']")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/namespaces/{namespace}/policies/{name}/versions'].get")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/global-policies/{name}'].put")
                        .exists())
                .andExpect(jsonPath("$.paths['/api/v1/global-policies/{name}/versions'].get")
                        .exists());
    }

    private static MockHttpServletRequestBuilder yaml(MockHttpServletRequestBuilder request, String body) {
        return request.with(csrf()).contentType("application/yaml").content(body);
    }
}
