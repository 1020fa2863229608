package dev.tierdeck.recommendation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Reporter;
import dev.tierdeck.policy.PolicyDraft;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import dev.tierdeck.policy.PolicyState;
import dev.tierdeck.policy.TestUsers;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

@RecommendationPortalTest
class SuggestionPagesTest {

    private static final String PAGE = "/namespaces/checkout/recommendation";
    private static final String DRAFTS = "/namespaces/checkout/recommendation/drafts";

    @Autowired
    MockMvc mvc;

    @Autowired
    FlowStore flows;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void history() {
        jdbc.sql("delete from flow_bucket").update();
        flows.ingest(
                CheckoutHistory.at(Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(30, ChronoUnit.MINUTES)));
    }

    @AfterEach
    void forget() {
        jdbc.sql("delete from policy_draft").update();
    }

    private String page(MockHttpServletRequestBuilder request, RequestPostProcessor user) throws Exception {
        return mvc.perform(request.with(user))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
    }

    @Test
    void theTeamSeesPoliciesProofLevelsEvidenceAndUnusualConnections() throws Exception {
        String page = page(get(PAGE), TestUsers.ALICE.session());

        assertThat(page)
                .contains("<title>Suggest a policy · checkout · Tierdeck</title>")
                .contains("suggested-cart", "suggested-checkout-frontend", "suggested-checkout-worker")
                .contains("Replayed the ")
                .contains("with the suggestion in force: none of the")
                .contains("flows allowed today (")
                .containsSubsequence("Strict", "Workload", "Namespace")
                .contains("pods app.kubernetes.io/name == &quot;ingress-nginx&quot; in ingress-nginx")
                .contains("TCP grpc (50051)")
                .containsSubsequence(
                        "sandbox/debug-shell",
                        "from or to a sandbox or debug workload",
                        "seen rarely",
                        "outside the team&#39;s usual peers")
                .contains("Already decided above the developer tier")
                .contains("Already allowed by tier platform, a policy of this confidential tier, rule 1")
                .doesNotContain("allow-dns")
                .contains("Denied today")
                .contains("catalog/catalog-api")
                .contains("stage</strong> it and")
                .contains("watch its pending verdicts for a few days")
                .doesNotContain("style=");
    }

    @Test
    void withHtmxOnlyTheResultComesBack() throws Exception {
        String fragment = page(get(PAGE).header("HX-Request", "true"), TestUsers.ALICE.session());

        assertThat(fragment).contains("id=\"suggestion\"", "suggested-cart").doesNotContain("<html", "<h1");
    }

    @Test
    void leavingOutTheDebugShellDeniesExactlyItsFlow() throws Exception {
        String page = page(get(PAGE).param("leave", CheckoutHistory.DEBUG_TO_CART), TestUsers.ALICE.session());

        assertThat(page)
                .contains("exactly the 1 flow you left out is newly denied; none of the other")
                .containsSubsequence("sandbox/debug-shell", "left out")
                .containsPattern("value=\"" + CheckoutHistory.DEBUG_TO_CART.replace("<", "&lt;") + "\"[^>]*checked");
    }

    @Test
    void aWorkloadOfTheNamespacePageGetsItsOwnSuggestion() throws Exception {
        String page = page(get(PAGE).param("workload", "cart"), TestUsers.ALICE.session());

        assertThat(page).contains("suggested-cart").doesNotContain("suggested-checkout-frontend");
        assertThat(page(get("/namespaces/checkout"), TestUsers.ALICE.session()))
                .contains("href=\"/namespaces/checkout/recommendation\"")
                .contains("href=\"/namespaces/checkout/recommendation?workload=cart\"");
    }

    @Test
    void aThinOrEmptyWindowIsSaidPlainly() throws Exception {
        String page = page(
                get(PAGE).param("from", "2026-01-01T10:00").param("to", "2026-01-01T11:00"), TestUsers.ALICE.session());

        assertThat(page).contains("No flows of namespace checkout were observed: the suggestion allows nothing");
    }

    @Test
    void badSettingsAreNamedInTheForm() throws Exception {
        String page = mvc.perform(
                        get(PAGE).param("level", "loose").param("width", "wide").with(TestUsers.ALICE.session()))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page)
                .contains("Choose strict, workload or namespace.", "A prefix length such as 24, not &quot;wide&quot;.");
        mvc.perform(get(PAGE).param("workload", "nope").with(TestUsers.ALICE.session()))
                .andExpect(status().isBadRequest());
        mvc.perform(get(PAGE).param("tier", "security").with(TestUsers.ALICE.session()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void otherTeamsAreRefusedViewersOnlyReadAndAnUnknownNamespaceIsNotFound() throws Exception {
        mvc.perform(get(PAGE).with(TestUsers.BOB.session())).andExpect(status().isForbidden());
        // a viewer may replay a namespace's traffic, as in a preview, but never save a suggestion as drafts
        mvc.perform(get(PAGE).with(TestUsers.VIEWER.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Open in the editor"))));
        mvc.perform(post(DRAFTS).param("policy", "suggested-cart").with(csrf()).with(TestUsers.VIEWER.session()))
                .andExpect(status().isForbidden());
        mvc.perform(post(DRAFTS).param("policy", "suggested-cart").with(csrf()).with(TestUsers.BOB.session()))
                .andExpect(status().isForbidden());
        mvc.perform(get("/namespaces/nowhere/recommendation").with(TestUsers.ADMIN.session()))
                .andExpect(status().isNotFound());
        assertThat(drafts.list("checkout")).isEmpty();
    }

    @Test
    void openInTheEditorSavesTheSuggestedPolicyAsADraftAndOpensTheEditor() throws Exception {
        mvc.perform(post(DRAFTS)
                        .param("policy", "suggested-cart")
                        .param("leave", CheckoutHistory.DEBUG_TO_CART)
                        .with(csrf())
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/namespaces/checkout/policies/suggested-cart/edit"));

        PolicyDraft draft =
                drafts.find(PolicyRef.namespaced("checkout", "suggested-cart")).orElseThrow();
        assertThat(draft.state()).isEqualTo(PolicyState.DRAFT);
        assertThat(draft.updatedBy()).isEqualTo("alice");
        assertThat(draft.policy().tier()).isEqualTo("default");
        assertThat(draft.policy().ingress()).hasSize(1);
        assertThat(draft.policy().ingress().getFirst().source().selector()).isEqualTo("app == \"checkout-frontend\"");
        assertThat(jdbc.sql(
                                "select count(*) from audit_record where namespace = 'checkout' and target_name = 'suggested-cart'")
                        .query(Long.class)
                        .single())
                .isPositive();
    }

    @Test
    void withHtmxTheEditorIsReachedThroughHxRedirect() throws Exception {
        mvc.perform(post(DRAFTS)
                        .param("policy", "suggested-cart")
                        .header("HX-Request", "true")
                        .with(csrf())
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isNoContent())
                .andExpect(header().string("HX-Redirect", "/namespaces/checkout/policies/suggested-cart/edit"));
    }

    @Test
    void oneNamespacePolicyOpensAsOneDraftAndAllPoliciesOpenTogether() throws Exception {
        mvc.perform(post(DRAFTS).param("layout", "namespace").with(csrf()).with(TestUsers.ALICE.session()))
                .andExpect(redirectedUrl("/namespaces/checkout/policies/suggested-checkout/edit"));
        mvc.perform(post(DRAFTS).with(csrf()).with(TestUsers.ALICE.session()))
                .andExpect(redirectedUrl("/namespaces/checkout"));

        assertThat(drafts.list("checkout"))
                .extracting(d -> d.ref().name())
                .containsExactly(
                        "suggested-cart",
                        "suggested-checkout",
                        "suggested-checkout-frontend",
                        "suggested-checkout-worker");
    }

    @Test
    void whenOneSuggestedPolicyIsRefusedNoneIsSaved() throws Exception {
        // The worker calls 21 ports of Redis: at the strict level its policy has more rules than the guardrail allows,
        // and it is saved last, after the cart's and the frontend's.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES);
        List<FlowRecord> many = new ArrayList<>();
        for (int port = 7001; port <= 7021; port++) {
            many.add(CheckoutHistory.record(
                    at,
                    FlowEndpoint.workload("checkout", "checkout-worker-59c7b8d6f-*", Map.of("app", "checkout-worker")),
                    FlowEndpoint.workload("db", "redis-*", Map.of("app", "redis")),
                    "TCP",
                    port,
                    Reporter.Src,
                    FlowAction.Allow,
                    5));
        }
        flows.ingest(many);

        String page = mvc.perform(
                        post(DRAFTS).param("level", "strict").with(csrf()).with(TestUsers.ALICE.session()))
                .andExpect(status().isUnprocessableContent())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("Nothing was saved: the drafts&#39; checks refuse the suggestion.");
        assertThat(drafts.list("checkout")).isEmpty();
    }

    @Test
    void withoutTheCsrfTokenNothingIsSaved() throws Exception {
        mvc.perform(post(DRAFTS).param("policy", "suggested-cart").with(TestUsers.ALICE.session()))
                .andExpect(status().isForbidden());
        assertThat(drafts.list("checkout")).isEmpty();
    }

    @Test
    void aPolicyTheSuggestionNoLongerHoldsIsRefusedWithNothingSaved() throws Exception {
        String page = mvc.perform(post(DRAFTS)
                        .param("policy", "suggested-gone")
                        .with(csrf())
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isBadRequest())
                .andReturn()
                .getResponse()
                .getContentAsString();

        assertThat(page).contains("The suggestion holds no policy named suggested-gone any more");
        assertThat(drafts.list("checkout")).isEmpty();
    }
}
