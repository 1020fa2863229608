package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@AdminConsoleTest
class TierApiControllerTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TierGovernanceStore governance;

    @AfterEach
    void forgetTestTiers() {
        jdbc.sql("delete from tier_governance where tier_name not in ('security', 'platform')")
                .update();
    }

    @Test
    void listsTiersInCalicoEvaluationOrderWithBuiltInsMarked() throws Exception {
        mvc.perform(get("/api/v1/tiers").with(Users.ADMIN.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0:7].name")
                        .value(contains(
                                "security",
                                "platform",
                                "empty",
                                "kube-admin",
                                "default",
                                "kube-baseline",
                                "unordered")))
                .andExpect(jsonPath("$[0].order").value(100.0))
                .andExpect(jsonPath("$[0].defaultAction").value("Pass"))
                .andExpect(jsonPath("$[0].locked").value(true))
                .andExpect(jsonPath("$[0].owners[0]").value("tierdeck-security-admins"))
                .andExpect(jsonPath("$[0].builtIn").value(false))
                .andExpect(jsonPath("$[4].builtIn").value(true))
                .andExpect(jsonPath("$[4].developerTier").value(true))
                .andExpect(jsonPath("$[6].order").value(org.hamcrest.Matchers.nullValue()));
    }

    @Test
    void aTierWithoutOrderIsListedWithAnExplicitNullOrder() throws Exception {
        mvc.perform(get("/api/v1/tiers/unordered").with(Users.ADMIN.token()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("\"order\":null")));
    }

    @Test
    void changesGovernanceOfAnUnlockedTier() throws Exception {
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"developerTier": true, "purpose": "Team sandboxes"}"""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.developerTier").value(true))
                .andExpect(jsonPath("$.purpose").value("Team sandboxes"))
                .andExpect(jsonPath("$.order").value(300.0));
        assertThat(governance.developerTiers()).contains("empty", "default");
    }

    @Test
    void refusesAnInvalidNameOrderAndDefaultActionNamingEachField() throws Exception {
        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "Bad.Name", "order": "soon", "defaultAction": "Allow"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.fields[*].field").value(contains("name", "order", "defaultAction")))
                .andExpect(jsonPath("$.correlationId").exists());
        assertThat(governance.all()).doesNotContainKey("Bad.Name");
    }

    @Test
    void refusesATierNameLongerThanSixtyThreeCharacters() throws Exception {
        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"" + "a".repeat(64) + "\", \"order\": 5}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("name"))
                .andExpect(jsonPath("$.fields[0].message").value(containsString("63")));
    }

    @Test
    void keepsTheOrderAndDefaultActionOfBuiltInTiers() throws Exception {
        mvc.perform(put("/api/v1/tiers/default")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"order": 5, "defaultAction": "Pass"}"""))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[*].field").value(contains("order", "defaultAction")));
    }

    @Test
    void refusesToDeleteABuiltInTier() throws Exception {
        mvc.perform(delete("/api/v1/tiers/kube-admin").with(Users.ADMIN.token()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("built into Calico")));
    }

    @Test
    void refusesToDeleteATierThatHoldsPoliciesAndSaysSo() throws Exception {
        mvc.perform(delete("/api/v1/tiers/platform").with(Users.ADMIN.token()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.detail").value(containsString("still holds 1 policy")));
    }

    @Test
    void aLockedTierIsChangedByItsOwnersOnly() throws Exception {
        mvc.perform(put("/api/v1/tiers/security")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\": \"taken over\"}"))
                .andExpect(status().isForbidden());
        mvc.perform(delete("/api/v1/tiers/security").with(Users.ADMIN.token()).with(csrf()))
                .andExpect(status().isForbidden());
        assertThat(governance.settings("security").purpose()).isEqualTo("Organisation-wide security rules");

        mvc.perform(put("/api/v1/tiers/security")
                        .with(Users.SECURITY.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\": \"Organisation-wide security rules\", \"confidential\": false}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.locked").value(true));
    }

    @Test
    void anOwnerCannotLockThemselvesOut() throws Exception {
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"locked\": true, \"owners\": [\"tierdeck-security-admins\"]}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.fields[0].field").value("owners"));
        assertThat(governance.isLocked("empty")).isFalse();
    }

    @Test
    void answersNotFoundForAnUnknownTier() throws Exception {
        mvc.perform(get("/api/v1/tiers/nope").with(Users.ADMIN.token()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("There is no tier named nope."));
    }

    @Test
    void aMalformedBodyIsAClearProblemNotAServerError() throws Exception {
        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": "))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail").value("The request body is not valid JSON."));
    }

    @Test
    void deletesAnEmptyTierAsTheAdminAndAuditsIt() throws Exception {
        mvc.perform(put("/api/v1/tiers/zz-retired")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"purpose\": \"About to go\"}"))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/v1/tiers/zz-retired")
                        .param("comment", "No longer used")
                        .with(Users.ADMIN.token())
                        .with(csrf()))
                .andExpect(status().isNoContent());
        assertThat(governance.all()).doesNotContainKey("zz-retired");
        assertThat(jdbc.sql("select count(*) from audit_record where action = 'tier.deleted'"
                                + " and target_name = 'zz-retired' and reason = 'No longer used'"
                                + " and before_yaml like '%purpose: \"About to go\"%'")
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(get("/api/v1/tiers/zz-retired").with(Users.ADMIN.token()))
                        .andExpect(status().isNotFound()));
    }

    @Test
    void aNewTierAndAnOrderChangeAreWrittenToTheClusterAndAudited() throws Exception {
        long audited =
                jdbc.sql("select count(*) from audit_record").query(Long.class).single();
        mvc.perform(post("/api/v1/tiers")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"name": "payments-guard", "order": 150, "defaultAction": "Pass", "purpose": "new"}"""))
                .andExpect(status().isCreated());
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"order": 350, "purpose": "moved"}"""))
                .andExpect(status().isOk());
        assertThat(governance.all()).containsKeys("payments-guard", "empty");
        assertThat(jdbc.sql("select count(*) from audit_record")
                        .query(Long.class)
                        .single())
                .isEqualTo(audited + 2);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> {
                    mvc.perform(get("/api/v1/tiers/payments-guard").with(Users.ADMIN.token()))
                            .andExpect(status().isOk())
                            .andExpect(jsonPath("$.order").value(150.0))
                            .andExpect(jsonPath("$.defaultAction").value("Pass"));
                    mvc.perform(get("/api/v1/tiers/empty").with(Users.ADMIN.token()))
                            .andExpect(jsonPath("$.order").value(350.0));
                });
        // put the shared cluster back as the other tests expect it
        mvc.perform(put("/api/v1/tiers/empty")
                        .with(Users.ADMIN.token())
                        .with(csrf())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("""
                                {"order": 300}"""))
                .andExpect(status().isOk());
        mvc.perform(delete("/api/v1/tiers/payments-guard")
                        .with(Users.ADMIN.token())
                        .with(csrf()))
                .andExpect(status().is2xxSuccessful());
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(
                        () -> mvc.perform(get("/api/v1/tiers/payments-guard").with(Users.ADMIN.token()))
                                .andExpect(status().isNotFound()));
    }
}
