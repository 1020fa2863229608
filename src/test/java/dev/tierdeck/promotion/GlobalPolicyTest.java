package dev.tierdeck.promotion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.cluster.DemoClusters;
import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/** Platform policies: a GlobalNetworkPolicy in the locked platform tier, staged and promoted by its owners only. */
@PromotionTest
class GlobalPolicyTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    ScriptedPreviews previews;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "global-");
    }

    @Test
    void theTierOwnerStagesAndPromotesAGlobalPolicyPreviewedAcrossAllNamespaces() throws Exception {
        drafts.save(TestUsers.ADMIN.user(), Policies.yaml("""
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: global-allow-dns}
                        spec:
                          tier: platform
                          order: 50
                          selector: all()
                          types: [Egress]
                          egress: [{action: Allow, protocol: UDP, destination: {ports: [53]}}]
                        """), null);

        // the security admins do not own the locked platform tier
        mvc.perform(post("/global-policies/global-allow-dns/stage")
                        .with(TestUsers.SECURITY.session())
                        .with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/v1/global-policies/global-allow-dns/stage").with(TestUsers.ALICE.token()))
                .andExpect(status().isForbidden());

        mvc.perform(post("/global-policies/global-allow-dns/stage")
                        .with(TestUsers.ADMIN.session())
                        .with(csrf()))
                .andExpect(redirectedUrl("/global-policies/global-allow-dns"));
        assertThat(DemoClusters.of(context)
                        .adminClient()
                        .genericKubernetesResources("projectcalico.org/v3", "StagedGlobalNetworkPolicy")
                        .withName("global-allow-dns")
                        .get())
                .isNotNull();
        mvc.perform(get("/global-policies/global-allow-dns").with(TestUsers.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("GlobalNetworkPolicy"),
                                containsString("href=\"/global-policies/global-allow-dns/promote\""))));
        // developers read the global policies that apply to their pods, but are offered no action on them
        mvc.perform(get("/global-policies/global-allow-dns").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("/global-policies/global-allow-dns/promote"))));

        mvc.perform(post("/api/v1/global-policies/global-allow-dns/promote").with(TestUsers.ADMIN.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.policy").value("global-allow-dns"))
                .andExpect(jsonPath("$.version").value(1));

        assertThat(drafts.find(PolicyRef.global("global-allow-dns"))
                        .orElseThrow()
                        .state())
                .isEqualTo(PolicyState.ENFORCED);
        assertThat(DemoClusters.of(context)
                        .adminClient()
                        .genericKubernetesResources("projectcalico.org/v3", "GlobalNetworkPolicy")
                        .withName("global-allow-dns")
                        .get())
                .isNotNull();
        assertThat(previews.asked)
                .anySatisfy(asked -> assertThat(asked.namespaces()).isNull());
    }

    @Test
    void aConfidentialTiersPoliciesAreReadByAdminsOnly() throws Exception {
        drafts.save(TestUsers.ADMIN.user(), Policies.yaml("""
                        apiVersion: projectcalico.org/v3
                        kind: GlobalNetworkPolicy
                        metadata: {name: global-secret}
                        spec:
                          tier: platform
                          order: 60
                          selector: role == 'secret-keeper'
                          types: [Ingress]
                        """), null);
        jdbc.sql("update tier_governance set confidential = true where tier_name = 'platform'")
                .update();
        try {
            mvc.perform(get("/global-policies/global-secret").with(TestUsers.VIEWER.session()))
                    .andExpect(status().isForbidden())
                    .andExpect(content().string(not(containsString("secret-keeper"))));
            mvc.perform(get("/api/v1/global-policies/global-secret").with(TestUsers.ALICE.token()))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail")
                            .value("The tier platform is confidential: only platform and security admins read its"
                                    + " policies."));
            mvc.perform(get("/global-policies/global-secret/versions/diff")
                            .param("from", "1")
                            .with(TestUsers.VIEWER.session()))
                    .andExpect(status().isForbidden());
            mvc.perform(get("/global-policies/global-secret").with(TestUsers.ADMIN.session()))
                    .andExpect(content().string(containsString("secret-keeper")));
        } finally {
            jdbc.sql("update tier_governance set confidential = false where tier_name = 'platform'")
                    .update();
        }
    }
}
