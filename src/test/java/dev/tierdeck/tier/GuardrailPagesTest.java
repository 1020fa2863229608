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

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

@AdminConsoleTest
class GuardrailPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    GuardrailStore store;

    @Test
    void showsTheRulesInForceAndTheirHistory() throws Exception {
        mvc.perform(get("/admin/guardrails").with(Users.ADMIN.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Guardrails · Tierdeck</title>"),
                                containsString("egress-cidrs"),
                                containsString("pass-log"),
                                containsString("Version history"))));
    }

    @Test
    void eachGuardrailSaysWhatItMeasuresAndThePublicLimitsCanBeSet() throws Exception {
        int before = store.current().version();
        mvc.perform(form().param("comment", "a /12 of the internet")
                        .param("egressPublicV4", "12")
                        .param("egressPublicV6", "40"))
                .andExpect(status().is3xxRedirection());
        GuardrailVersion saved = store.current();
        assertThat(saved.version()).isEqualTo(before + 1);
        assertThat(saved.rules().egressCidrs().publicPrefixV4()).isEqualTo(12);
        assertThat(saved.rules().egressCidrs().publicPrefixV6()).isEqualTo(40);
        mvc.perform(get("/admin/guardrails").with(Users.ADMIN.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("more public IPv4 addresses than one /12 holds (1,048,576)"),
                                containsString("more public IPv6 addresses than one /40 holds"),
                                containsString("admit traffic from every namespace"),
                                containsString("id=\"egressPublicV4\" name=\"egressPublicV4\" type=\"text\""
                                        + " inputmode=\"numeric\" value=\"12\""))));
        mvc.perform(form().param("comment", "too wide").param("egressPublicV4", "eight"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Enter a prefix length such as 8.")));
        assertThat(store.current().version()).isEqualTo(before + 1);
    }

    @Test
    void anHtmxRequestGetsOnlyTheContent() throws Exception {
        mvc.perform(get("/admin/guardrails").with(Users.SECURITY.session()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(allOf(containsString("id=\"guardrail-form\""), not(containsString("<html")))));
    }

    @Test
    void savingCreatesANewVersionAndRedirects() throws Exception {
        int before = store.current().version();
        mvc.perform(form().param("comment", "Allow the corporate network")
                        .param("egressAllowed", "10.0.0.0/8\nfd00::/8"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/admin/guardrails"));
        GuardrailVersion saved = store.current();
        assertThat(saved.version()).isEqualTo(before + 1);
        assertThat(saved.rules().egressCidrs().allowed()).containsExactly("10.0.0.0/8", "fd00::/8");
        assertThat(saved.rules().passAndLog().enabled()).isFalse();
        assertThat(saved.createdBy()).isEqualTo("Ada Admin (admin)");
    }

    @Test
    void theLooseningGuardrailIsOnByDefaultAndConfigurableLikeTheOthers() throws Exception {
        mvc.perform(get("/admin/guardrails").with(Users.ADMIN.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Loosening <code>loosening</code>"),
                                containsString("denied today"),
                                containsString("name=\"looseningEveryChange\""))));

        mvc.perform(form("20", "block")
                        .param("comment", "Every loosening blocks")
                        .param("looseningEveryChange", "true"))
                .andExpect(redirectedUrl("/admin/guardrails"));
        GuardrailRules.Loosening saved = store.current().rules().loosening();
        assertThat(saved).isEqualTo(new GuardrailRules.Loosening(true, Severity.BLOCK, true));

        mvc.perform(form("20", "sometimes").param("comment", "Back to the default"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("Choose block or require-approval.")));
        mvc.perform(form().param("comment", "Back to the default")).andExpect(redirectedUrl("/admin/guardrails"));
        assertThat(store.current().rules().loosening()).isEqualTo(GuardrailRules.Loosening.DEFAULT);
    }

    @Test
    void promotionOnEvidenceIsOffByDefaultAndItsCriteriaAreFormFields() throws Exception {
        mvc.perform(get("/admin/guardrails").with(Users.ADMIN.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Promotion on evidence <code>promotion-evidence</code>"),
                                containsString("name=\"evidenceMinutes\""),
                                containsString("name=\"evidenceMaxDenials\""))));
        assertThat(store.current().rules().promotionEvidence()).isEqualTo(GuardrailRules.PromotionEvidence.DEFAULT);

        mvc.perform(form().param("comment", "Evidence first")
                        .param("evidenceEnabled", "true")
                        .param("evidenceSeverity", "block")
                        .param("evidenceMinutes", "an hour")
                        .param("evidenceMaxDenials", "2"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(allOf(containsString("Enter a whole number."), containsString("an hour"))));
        assertThat(store.current().rules().promotionEvidence()).isEqualTo(GuardrailRules.PromotionEvidence.DEFAULT);

        mvc.perform(form().param("comment", "Evidence first")
                        .param("evidenceEnabled", "true")
                        .param("evidenceSeverity", "block")
                        .param("evidenceMinutes", "60")
                        .param("evidenceMaxDenials", "2"))
                .andExpect(redirectedUrl("/admin/guardrails"));
        assertThat(store.current().rules().promotionEvidence())
                .isEqualTo(new GuardrailRules.PromotionEvidence(true, Severity.BLOCK, 60, 2));
        mvc.perform(get("/admin/guardrails").with(Users.ADMIN.session()))
                .andExpect(content().string(containsString("staged for less than 1 hour")));

        mvc.perform(form().param("comment", "Back to the default")).andExpect(redirectedUrl("/admin/guardrails"));
        assertThat(store.current().rules().promotionEvidence()).isEqualTo(GuardrailRules.PromotionEvidence.DEFAULT);
    }

    @Test
    void withHtmxASavedFormRedirectsTheWholePageAndKeepsItsMessage() throws Exception {
        mvc.perform(form().header("HX-Request", "true").param("comment", "htmx save"))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", "/admin/guardrails"))
                .andExpect(flash().attributeExists("flash"));
    }

    @Test
    void errorsAreShownAtTheirGuardrailWithWhatWasTyped() throws Exception {
        int before = store.current().version();
        mvc.perform(form("many").param("egressAllowed", "10.0.0.0/8\nsomewhere"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(containsString("Enter a whole number."), containsString("value=\"many\""))));
        mvc.perform(form().param("egressAllowed", "10.0.0.0/8\nsomewhere"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content()
                        .string(allOf(
                                containsString("&#39;somewhere&#39; is not a CIDR"),
                                containsString("10.0.0.0/8\nsomewhere"),
                                containsString("Say why the guardrails change."))));
        mvc.perform(form("many").header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(
                        content().string(allOf(containsString("Enter a whole number."), not(containsString("<html")))));
        assertThat(store.current().version()).isEqualTo(before);
    }

    /** The form as the page sends it, with every severity set and pass-log switched off. */
    private static MockHttpServletRequestBuilder form() {
        return form("20");
    }

    private static MockHttpServletRequestBuilder form(String maxRules) {
        return form(maxRules, "require-approval");
    }

    private static MockHttpServletRequestBuilder form(String maxRules, String looseningSeverity) {
        return post("/admin/guardrails")
                .with(Users.ADMIN.session())
                .with(csrf())
                .param("egressEnabled", "true")
                .param("egressSeverity", "block")
                .param("ingressEnabled", "true")
                .param("ingressSeverity", "block")
                .param("peersEnabled", "true")
                .param("peersSeverity", "require-approval")
                .param("portsEnabled", "true")
                .param("portsSeverity", "block")
                .param("protocols", "TCP\nUDP")
                .param("ports", "1:65535")
                .param("labelsSeverity", "block")
                .param("maxRulesEnabled", "true")
                .param("maxRulesSeverity", "block")
                .param("maxRules", maxRules)
                .param("passLogSeverity", "block")
                .param("looseningEnabled", "true")
                .param("looseningSeverity", looseningSeverity);
    }
}
