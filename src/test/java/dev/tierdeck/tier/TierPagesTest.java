package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.system.FlashMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

@AdminConsoleTest
class TierPagesTest {

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
    void showsTheWholeStackTopToBottomWithPoliciesAndWhatTheySelect() throws Exception {
        String page = mvc.perform(get("/admin/tiers").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("<title>Tiers · Tierdeck</title>")))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .containsSubsequence(
                        "1. security",
                        "2. platform",
                        "3. empty",
                        "4. kube-admin",
                        "5. default",
                        "6. kube-baseline",
                        "7. unordered")
                // quarantine selects the one quarantined pod in catalog
                .containsSubsequence("quarantine", "quarantine == &quot;true&quot;", "1 pod", "catalog")
                // allow-dns selects the three pods of the payments team's namespace
                .containsSubsequence("allow-dns", "team == &quot;payments&quot;", "3 pods", "payments", "(3)")
                .containsSubsequence("payments/api-ingress", "app == &quot;api&quot;", "2 pods")
                .containsSubsequence("catalog/default-deny", "KubernetesNetworkPolicy", "all()", "1 pod")
                .contains("Organisation-wide security rules")
                .contains("none (evaluated last)");
    }

    @Test
    void anAdminWhoDoesNotOwnALockedTierSeesItReadOnly() throws Exception {
        mvc.perform(get("/admin/tiers").with(Users.ADMIN.session()))
                .andExpect(content()
                        .string(allOf(
                                not(containsString("/admin/tiers/security/edit")),
                                containsString("/admin/tiers/platform/edit"),
                                containsString("Read-only: only members of the owner groups may change this tier."))));
        mvc.perform(get("/admin/tiers/security/edit").with(Users.ADMIN.session()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/tiers/security")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("order", "1")
                        .param("defaultAction", "Pass")
                        .param("purpose", "taken over"))
                .andExpect(status().isForbidden());
        assertThat(governance.settings("security").purpose()).isEqualTo("Organisation-wide security rules");
    }

    @Test
    void anHtmxRequestGetsOnlyTheContent() throws Exception {
        mvc.perform(get("/admin/tiers").with(Users.ADMIN.session()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"tiers\""), not(containsString("<html")))));
        mvc.perform(get("/admin/tiers/new").with(Users.ADMIN.session()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("id=\"tier-form\""), not(containsString("<html")))));
    }

    @Test
    void theEditFormShowsTheTiersValues() throws Exception {
        mvc.perform(get("/admin/tiers/empty/edit").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Tier empty"),
                                containsString("value=\"300\""),
                                containsString("Delete tier"))));
    }

    @Test
    void aFormWithErrorsKeepsWhatWasTypedAndNamesTheFields() throws Exception {
        mvc.perform(post("/admin/tiers/empty")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("order", "first")
                        .param("defaultAction", "Deny")
                        .param("locked", "true")
                        .param("owners", "somebody-else\nbad group")
                        .param("purpose", "<script>alert(1)</script>"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(
                                containsString("value=\"first\""),
                                containsString("The order must be a number"),
                                containsString("Line 2: A group name"),
                                containsString("&lt;script&gt;alert(1)&lt;/script&gt;"),
                                not(containsString("<script>alert(1)</script>")))));
        assertThat(governance.settings("empty").purpose()).isEmpty();
    }

    @Test
    void withHtmxAFormWithErrorsComesBackAsTheFormFragment() throws Exception {
        mvc.perform(post("/admin/tiers/empty")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("order", "first"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"tier-form\""),
                                containsString("The order must be a number"),
                                not(containsString("<html")))));
    }

    @Test
    void savingGovernanceRedirectsToTheStack() throws Exception {
        mvc.perform(post("/admin/tiers/empty")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("order", "300")
                        .param("defaultAction", "Deny")
                        .param("developerTier", "true")
                        .param("purpose", "Team sandboxes"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/tiers"))
                .andExpect(flash().attributeExists("flash"));
        assertThat(governance.settings("empty").developerTier()).isTrue();
        assertThat(governance.settings("empty").purpose()).isEqualTo("Team sandboxes");
    }

    @Test
    void withHtmxASavedFormRedirectsTheWholePageAndKeepsItsMessage() throws Exception {
        mvc.perform(post("/admin/tiers/empty")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .header("HX-Request", "true")
                        .param("order", "300")
                        .param("defaultAction", "Deny")
                        .param("confidential", "true"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", "/admin/tiers"))
                .andExpect(flash().attribute("flash", FlashMessage.success("Tier empty saved.")));
        assertThat(governance.settings("empty").confidential()).isTrue();
    }

    @Test
    void deletingATierWithPoliciesExplainsWhyNot() throws Exception {
        mvc.perform(post("/admin/tiers/platform/delete")
                        .with(Users.ADMIN.session())
                        .with(csrf()))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/tiers/platform/edit"))
                .andExpect(flash().attribute(
                                "flash",
                                org.hamcrest.Matchers.hasToString(containsString(
                                        "still holds 1 policy; move or delete it before deleting the tier"))));
    }

    @Test
    void anUnknownTierIsNotFound() throws Exception {
        mvc.perform(get("/admin/tiers/nope/edit").with(Users.ADMIN.session())).andExpect(status().isNotFound());
    }

    @Test
    void aNewTierIsCreatedFromTheFormWithoutJavaScript() throws Exception {
        mvc.perform(post("/admin/tiers")
                        .with(Users.ADMIN.session())
                        .with(csrf())
                        .param("name", "pci-guard")
                        .param("order", "150")
                        .param("defaultAction", "Pass")
                        .param("comment", "for the PCI scope"))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/tiers"));
        assertThat(governance.all()).containsKey("pci-guard");
        // the demo cluster is shared: remove it again once the cache has it
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> mvc.perform(post("/admin/tiers/pci-guard/delete")
                                .with(Users.ADMIN.session())
                                .with(csrf()))
                        .andExpect(redirectedUrl("/admin/tiers")));
    }
}
