package dev.tierdeck.policy.api;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.policy.DeveloperLoopTest;
import dev.tierdeck.policy.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/v1/namespaces/{ns}/coverage} on the test estate: in payments the api pods' ingress ends in the
 * default tier's deny after legacy-api-ingress; db and debug have no policy that can deny ingress and are open; every
 * egress meets the security tier's deny of the metadata address first.
 */
@DeveloperLoopTest
class NamespaceCoverageApiTest {

    @Autowired
    MockMvc mvc;

    @Test
    void eachWorkloadAndDirectionIsOpenOrNamesTheTierThatCanDenyIt() throws Exception {
        mvc.perform(get("/api/v1/namespaces/payments/coverage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(3))
                .andExpect(jsonPath("$[0].workload").value("api"))
                .andExpect(jsonPath("$[0].ingress.open").value(false))
                .andExpect(jsonPath("$[0].ingress.tier").value("default"))
                .andExpect(jsonPath("$[0].egress.open").value(false))
                .andExpect(jsonPath("$[0].egress.tier").value("security"))
                .andExpect(jsonPath("$[1].workload").value("db"))
                .andExpect(jsonPath("$[1].ingress.open").value(true))
                .andExpect(jsonPath("$[1].ingress.tier").doesNotExist())
                .andExpect(jsonPath("$[2].workload").value("debug"))
                .andExpect(jsonPath("$[2].ingress.open").value(true));
    }

    @Test
    void anotherTeamsNamespaceIsForbiddenAndNothingOfItIsSaid() throws Exception {
        mvc.perform(get("/api/v1/namespaces/payments/coverage").with(TestUsers.BOB.token()))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(content().string(not(containsString("workload"))))
                .andExpect(content().string(not(containsString("legacy"))))
                .andExpect(content().string(not(containsString("debug"))));
        mvc.perform(get("/api/v1/namespaces/payments/coverage").with(TestUsers.BOB.session()))
                .andExpect(status().isForbidden());
    }

    @Test
    void viewersReadEveryNamespaceAndAnonymousCallersNone() throws Exception {
        mvc.perform(get("/api/v1/namespaces/catalog/coverage").with(TestUsers.VIEWER.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].workload").value("web-0"))
                .andExpect(jsonPath("$[0].ingress.open").value(true))
                .andExpect(jsonPath("$[0].egress.tier").value("security"));
        mvc.perform(get("/api/v1/namespaces/payments/coverage")).andExpect(status().isUnauthorized());
    }

    @Test
    void aNamespaceWithoutPodsHasNoWorkloads() throws Exception {
        mvc.perform(get("/api/v1/namespaces/checkout/coverage").with(TestUsers.ALICE.token()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(0));
    }
}
