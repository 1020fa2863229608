package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Explanations within the caller's scope, on the demo cluster: alice's team (payments) holds payments and checkout and
 * has put a policy in force on checkout's cart; bob's team holds catalog. The admins run a confidential tier vault with
 * a policy that refuses the sandbox on payments' API.
 */
@SpringBootTest(
        properties = {
            "tierdeck.cluster.source=demo",
            "tierdeck.identity.demo.port=0",
            "tierdeck.database.embedded.database=explain_scope",
            "tierdeck.flow.demo-feed.enabled=false"
        })
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplainScopeTest {

    static final String CART = "checkout/cart-6d9b8c7f4-x2k9q";
    static final String FRONTEND = "checkout/checkout-frontend-8f7c6d5b9-x2k9q";
    static final String PAYMENTS_API = "payments/payments-api-7d9f8c6b5-x2k9q";
    static final String CATALOG_API = "catalog/catalog-api-7b6c9d8f5-x2k9q";
    static final String DEBUG_SHELL = "sandbox/debug-shell";

    @Autowired
    MockMvc mvc;

    @BeforeAll
    void alicesCartPolicyAndTheAdminsConfidentialTier() throws Exception {
        enforce(Users.ALICE.token(), "/api/v1/namespaces/checkout/policies/cart-ingress", """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: cart-ingress, namespace: checkout}
                spec:
                  tier: default
                  order: 100
                  selector: app == 'cart'
                  types: [Ingress]
                  ingress: [{action: Allow, protocol: TCP, source: {selector: app == 'checkout-frontend'}, destination: {ports: [50051]}}]
                """);
        ok(post("/api/v1/tiers")
                .with(Users.ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"vault\",\"order\":150,\"defaultAction\":\"Pass\",\"confidential\":true,"
                        + "\"purpose\":\"Audit findings\",\"comment\":\"audit\"}"));
        // the portal reads the cluster through its watches: wait until the new tier has come back through them
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(10))
                .untilAsserted(() -> ok(get("/api/v1/tiers/vault").with(Users.ADMIN.token())));
        enforce(Users.ADMIN.token(), "/api/v1/namespaces/payments/policies/vault-sandbox", """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: vault-sandbox, namespace: payments}
                spec:
                  tier: vault
                  order: 10
                  selector: app == 'payments-api'
                  types: [Ingress]
                  ingress: [{action: Deny, source: {namespaceSelector: kubernetes.io/metadata.name == 'sandbox'}}]
                """);
    }

    @Test
    void bobIsRefusedAFlowBetweenTwoOfAlicesPodsOnThePageTheFragmentAndTheApi() throws Exception {
        String why = "You may explain flows with at least one end in one of your teams' namespaces; neither checkout"
                + " nor payments is.";
        mvc.perform(explain(FRONTEND, PAYMENTS_API, "8080").with(Users.BOB.session()))
                .andExpect(status().isForbidden())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"explain-refusal\""),
                                containsString(why.replace("'", "&#39;")),
                                not(containsString("payments-api</code>")),
                                not(containsString("id=\"explanation\"")))));
        // htmx: the form with the reason replaces the explainer, so no earlier answer stays under the question
        mvc.perform(explain(FRONTEND, PAYMENTS_API, "8080")
                        .header("HX-Request", "true")
                        .with(Users.BOB.session()))
                .andExpect(status().isForbidden())
                .andExpect(header().string("HX-Retarget", "#explainer"))
                .andExpect(header().string("HX-Reswap", "outerHTML"))
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"explainer\""),
                                containsString(why.replace("'", "&#39;")),
                                not(containsString("id=\"explanation\"")),
                                not(containsString("<html")))));
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow(FRONTEND, PAYMENTS_API, 8080))
                        .with(Users.BOB.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value(why));
    }

    @Test
    void theRefusalComesBeforeThePodsAreLookedUpSoNobodyProbesAnotherTeamsPods() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow("checkout/no-such-pod", PAYMENTS_API, 8080))
                        .with(Users.BOB.token()))
                .andExpect(status().isForbidden());
        mvc.perform(explain("checkout/no-such-pod", "payments", "8080").with(Users.BOB.session()))
                .andExpect(status().isForbidden())
                .andExpect(content().string(not(containsString("There is no pod"))));
        // in the caller's own namespace a missing pod is still named
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow("catalog/no-such-pod", PAYMENTS_API, 8080))
                        .with(Users.BOB.token()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.detail")
                        .value("source.pod: pod catalog/no-such-pod does not exist in the cluster"));
    }

    @Test
    void bobExplainsAFlowFromCatalogToCheckoutWithTheTierAndTeamButNotAlicesPolicy() throws Exception {
        String page = mvc.perform(explain(CATALOG_API, CART, "50051").with(Users.BOB.session()))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(page)
                .containsSubsequence("Ingress to " + CART, "default", "a policy of team payments", "withheld", "Deny")
                .contains("denied at the end of tier default: a policy of team payments applies to the pod")
                .doesNotContain("cart-ingress");

        String answer = mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow(CATALOG_API, CART, 50051))
                        .with(Users.BOB.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.action").value("Deny"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].tier").value("default"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].kind").value("EndOfTier"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].namespace").value("checkout"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].name").value(nullValue()))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].ruleIndex").value(nullValue()))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].withheld").value(true))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].owner").value("team payments"))
                // the steps bob may read keep their names: the global policies of the upper tiers
                .andExpect(jsonPath("$.enforced.ingress.hits[0].name").value("security-pass"))
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(answer).doesNotContain("cart-ingress");
    }

    @Test
    void aliceReadsHerOwnPolicyInTheSameFlow() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow(CATALOG_API, CART, 50051))
                        .with(Users.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].name").value("cart-ingress"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].withheld").doesNotExist());
    }

    @Test
    void aConfidentialTierIsWithheldFromDevelopersAndShownInFullToAdmins() throws Exception {
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow(DEBUG_SHELL, PAYMENTS_API, 8080))
                        .with(Users.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enforced.ingress.action").value("Deny"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].tier").value("vault"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].name").value(nullValue()))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].owner").value("team payments"))
                .andExpect(content().string(not(containsString("vault-sandbox"))));
        mvc.perform(explain(DEBUG_SHELL, PAYMENTS_API, "8080").with(Users.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("denied by tier vault, a policy of team payments"),
                                not(containsString("vault-sandbox")))));
        mvc.perform(post("/api/v1/explain")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(flow(DEBUG_SHELL, PAYMENTS_API, 8080))
                        .with(Users.SECURITY.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].name").value("vault-sandbox"))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].ruleIndex").value(0))
                .andExpect(jsonPath("$.enforced.ingress.hits[-1].withheld").doesNotExist());
    }

    @Test
    void suggestionsListOnlyThePodsOfNamespacesTheCallerMayRead() throws Exception {
        mvc.perform(get("/explain").with(Users.BOB.session()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<option value=\"" + CATALOG_API + "\">"),
                                containsString("<option value=\"catalog\">"),
                                not(containsString("<option value=\"" + CART + "\">")),
                                not(containsString("<option value=\"checkout\">")),
                                not(containsString("<option value=\"" + DEBUG_SHELL + "\">")))));
        mvc.perform(get("/explain").with(Users.VIEWER.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("<option value=\"" + CART + "\">"),
                                containsString("<option value=\"" + DEBUG_SHELL + "\">"))));
    }

    private static MockHttpServletRequestBuilder explain(String source, String destination, String port) {
        return get("/explain")
                .param("source", source)
                .param("destination", destination)
                .param("protocol", "TCP")
                .param("port", port);
    }

    private static String flow(String source, String destination, int port) {
        return "{\"id\":\"f\",\"source\":{\"pod\":\"" + source + "\"},\"destination\":{\"pod\":\"" + destination
                + "\"},\"protocol\":\"TCP\",\"port\":" + port + "}";
    }

    private void enforce(RequestPostProcessor who, String url, String yaml) throws Exception {
        ok(put(url).with(who).contentType("application/yaml").content(yaml));
        ok(post(url + "/stage").with(who));
        ok(post(url + "/promote")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .with(who));
    }

    private void ok(MockHttpServletRequestBuilder request) throws Exception {
        var response = mvc.perform(request).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isBetween(200, 299);
    }
}
