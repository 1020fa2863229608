package dev.tierdeck.promotion;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.Policies;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A draft that would make an assertion fail is blocked at the rule that causes it, in the preview, on staging and on
 * promotion; one that comes near but does not make it fail goes through, and a violation the draft does not decide is
 * told, not held against it.
 */
@PromotionTest
class AssertionBlockingTest {

    /** Holds on the demo cluster: the payments-api policy lets checkout-frontend in on http (8080). */
    static final String MUST_REACH = """
            {"namespace": "payments", "name": "checkout-reaches-payments-api",
             "source": {"namespaceSelector": "projectcalico.org/name == 'checkout'", "selector": "app == 'checkout-frontend'"},
             "destination": {"namespaceSelector": "projectcalico.org/name == 'payments'", "selector": "app == 'payments-api'"},
             "ports": [8080], "expect": "allow"}""";

    /** Violated on the demo cluster through the sandbox namespace's profile (issue 11). */
    static final String SANDBOX_NEVER_PCI = """
            {"name": "sandbox-never-reaches-pci",
             "source": {"namespaceSelector": "projectcalico.org/name == 'sandbox'"},
             "destination": {"selector": "pci == 'true'"}, "expect": "deny"}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    @AfterEach
    void forget() {
        Cleanup.policies(jdbc, "assert-");
        jdbc.sql("delete from connectivity_assertion").update();
    }

    /** Ahead of the team's payments-api policy: rule 0 lets fraud-check in, rule 1 denies a namespace outright. */
    static String guard(String name, String deniedNamespace) {
        return """
                apiVersion: projectcalico.org/v3
                kind: NetworkPolicy
                metadata: {name: %s, namespace: payments}
                spec:
                  tier: default
                  order: 50
                  selector: app == 'payments-api'
                  types: [Ingress]
                  ingress:
                  - {action: Allow, protocol: TCP, source: {selector: app == 'fraud-check'}}
                  - {action: Deny, source: {namespaceSelector: kubernetes.io/metadata.name == '%s'}}
                """.formatted(name, deniedNamespace);
    }

    private void state(String body, dev.tierdeck.policy.TestUsers who) throws Exception {
        mvc.perform(post("/api/v1/assertions")
                        .with(who.token())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andExpect(status().isCreated());
    }

    @Test
    void aDraftThatWouldCutAMustAllowAssertionIsBlockedAtItsRuleInThePreviewAndOnStaging() throws Exception {
        state(MUST_REACH, TestUsers.ALICE);
        drafts.save(TestUsers.ALICE.user(), Policies.yaml(guard("assert-cut", "checkout")), null);

        mvc.perform(get("/namespaces/payments/policies/assert-cut/preview").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("data-field=\"spec.ingress[1]\"")))
                .andExpect(content().string(containsString("Assertion checkout-reaches-payments-api (payments)")))
                .andExpect(content().string(containsString("would be denied")));
        mvc.perform(post("/api/v1/namespaces/payments/policies/assert-cut/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("spec.ingress[1]"))
                .andExpect(jsonPath("$.problems[0].message").value(containsString("checkout-reaches-payments-api")));
    }

    @Test
    void aNearMissThatKeepsTheAssertionGoesThroughAndAnOldViolationIsToldNotHeldAgainstIt() throws Exception {
        state(MUST_REACH, TestUsers.ALICE);
        state(SANDBOX_NEVER_PCI, TestUsers.SECURITY);
        drafts.save(TestUsers.ALICE.user(), Policies.yaml(guard("assert-near", "catalog")), null);

        mvc.perform(get("/namespaces/payments/policies/assert-near/preview").with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("checkout-reaches-payments-api"))))
                .andExpect(content().string(containsString("Already violated")))
                .andExpect(content().string(containsString("sandbox-never-reaches-pci")));
        mvc.perform(post("/api/v1/namespaces/payments/policies/assert-near/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().is2xxSuccessful());
    }

    @Test
    void promotionChecksAgainstAssertionsStatedAfterStaging() throws Exception {
        drafts.save(TestUsers.ALICE.user(), Policies.yaml(guard("assert-late", "catalog")), null);
        mvc.perform(post("/api/v1/namespaces/payments/policies/assert-late/stage")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().is2xxSuccessful());
        // catalog is denied today already (only checkout-frontend may reach payments-api), but the draft decides it
        state(
                MUST_REACH.replace("checkout", "catalog").replace(", \"selector\": \"app == 'catalog-frontend'\"", ""),
                TestUsers.SECURITY);

        mvc.perform(post("/api/v1/namespaces/payments/policies/assert-late/promote")
                        .with(TestUsers.ALICE.token()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.problems[0].field").value("spec.ingress[1]"))
                .andExpect(jsonPath("$.detail").value(containsString("would violate an assertion")));
        // the confirmation page is not offered: back to the policy page, the refusal naming the rule
        mvc.perform(get("/namespaces/payments/policies/assert-late/promote").with(TestUsers.ALICE.session()))
                .andExpect(status().is3xxRedirection())
                .andExpect(flash().attribute(
                                "flash",
                                org.hamcrest.Matchers.hasToString(
                                        containsString("would violate an assertion: spec.ingress[1]: Assertion"))));
    }
}
