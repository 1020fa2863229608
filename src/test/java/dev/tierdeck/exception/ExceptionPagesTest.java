package dev.tierdeck.exception;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.TestUsers;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The screens: explain offers a request for a denied flow, the form takes a workload as flow lists name it, a bad
 * field is shown at the field with 422 and nothing stored, and the tier's owner sees the decision forms.
 */
@ExceptionTest
class ExceptionPagesTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ExceptionExpiry expiry;

    @AfterEach
    void takeEverythingBack() {
        jdbc.sql("update policy_exception set state = 'REVOKED' where state = 'ACTIVE'")
                .update();
        expiry.run(Duration.ZERO);
        jdbc.sql("delete from policy_exception").update();
    }

    @Test
    void explainOffersARequestForADeniedFlowOnly() throws Exception {
        mvc.perform(get("/explain")
                        .param("source", "checkout/checkout-frontend-8f7c6d5b9-x2k9q")
                        .param("destination", "169.254.169.254")
                        .param("port", "80")
                        .with(TestUsers.ALICE.session()))
                .andExpect(content().string(containsString("/exceptions/new?source=checkout/checkout-frontend")));
        mvc.perform(get("/explain")
                        .param("source", "checkout/checkout-frontend-8f7c6d5b9-x2k9q")
                        .param("destination", "payments/payments-api-7d9f8c6b5-x2k9q")
                        .param("port", "8080")
                        .with(TestUsers.ALICE.session()))
                .andExpect(content().string(not(containsString("/exceptions/new"))));
    }

    @Test
    void aliceRequestsFromTheFormAndSecuritySeesTheDecision() throws Exception {
        mvc.perform(get("/exceptions/new")
                        .param("source", "checkout/checkout-frontend-*")
                        .param("destination", "169.254.169.254")
                        .with(TestUsers.ALICE.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("value=\"checkout/checkout-frontend-*\"")));
        mvc.perform(post("/exceptions")
                        .param("source", "checkout/checkout-frontend-*")
                        .param("destination", "169.254.169.254")
                        .param("port", "80")
                        .param("reason", "")
                        .param("duration", "2")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("the reason is required")));
        String location = mvc.perform(post("/exceptions")
                        .param("source", "checkout/checkout-frontend-*")
                        .param("destination", "169.254.169.254")
                        .param("port", "80")
                        .param("reason", "Metadata during the migration.")
                        .param("duration", "2")
                        .with(TestUsers.ALICE.session())
                        .with(csrf()))
                .andExpect(redirectedUrlPattern("/exceptions/*"))
                .andReturn()
                .getResponse()
                .getRedirectedUrl();
        mvc.perform(get(location).with(TestUsers.ALICE.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("Waiting for the owners of tier security"),
                                containsString("PT2H"),
                                not(containsString("id=\"grant-form\"")))));
        mvc.perform(get(location).with(TestUsers.SECURITY.session()))
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"grant-form\""),
                                containsString("id=\"reject-form\""),
                                containsString("Granting newly allows"))));
        mvc.perform(post(location + "/reject")
                        .param("comment", "")
                        .with(TestUsers.SECURITY.session())
                        .with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("a rejection needs a reason")));
        mvc.perform(get("/exceptions").with(TestUsers.BOB.session()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("Metadata during the migration."))))
                .andExpect(content().string(not(containsString(location + "\""))));
    }
}
