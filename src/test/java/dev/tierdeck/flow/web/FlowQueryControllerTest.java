package dev.tierdeck.flow.web;

import static dev.tierdeck.flow.Flows.flow;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowAction;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Flows;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

@SpringBootTest
class FlowQueryControllerTest {

    MockMvc mvc;

    @Autowired
    FlowStore store;

    @Autowired
    JdbcTemplate jdbc;

    final Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(10, ChronoUnit.MINUTES);

    @BeforeEach
    void setUp(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        jdbc.execute("truncate flow_bucket");
        store.ingest(List.of(
                flow(t, "checkout", "checkout-frontend-8f7c6d5b9-*", "payments", "payments-api-7d9f8c6b5-*", 8080),
                Flows.withAction(
                        flow(t, "catalog", "catalog-api-7b6c9d8f5-*", "db", "postgres-*", 5432),
                        FlowAction.Allow,
                        FlowAction.Deny),
                flow(t, "sandbox", "debug-shell", "db", "postgres-*", 5432)));
    }

    static RequestPostProcessor user(String role, String... groups) {
        return jwt().jwt(j -> j.claim("groups", List.of(groups)).claim("preferred_username", "someone"))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Test
    void adminsSeeEveryNamespace() throws Exception {
        mvc.perform(get("/api/v1/flows").with(user("SECURITY_ADMIN", "tierdeck-security-admins")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(3))
                .andExpect(jsonPath("$.items[0].flow.source.namespace").exists());
    }

    @Test
    void developersSeeOnlyTheirTeamsNamespaces() throws Exception {
        mvc.perform(get("/api/v1/flows").with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].flow.destination.name").value("payments-api-7d9f8c6b5-*"));
    }

    @Test
    void aTraceStepDecidedByAnotherTeamsPolicyNamesTheTeamNotThePolicy() throws Exception {
        // the catalog's egress policy decided this flow into payments
        store.ingest(
                List.of(flow(t, "catalog", "catalog-api-7b6c9d8f5-*", "payments", "fraud-check-66b4c9d8f-*", 50051)));

        mvc.perform(get("/api/v1/flows")
                        .param("namespace", "payments")
                        .param("workload", "fraud-check")
                        .with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.items[0].flow.enforced[0].tier").value("default"))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].namespace").value("catalog"))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].name").value(nullValue()))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].ruleIndex").value(nullValue()))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].withheld").value(true))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].owner").value("team catalog"))
                .andExpect(jsonPath("$.items[0].flow.pending[0].name").value(nullValue()));
        mvc.perform(get("/api/v1/flows")
                        .param("namespace", "catalog")
                        .param("workload", "fraud-check")
                        .with(user("DEVELOPER", "tierdeck-developers", "team-catalog")))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].name").value("allow-fraud-check-66b4c9d8f"))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].withheld").doesNotExist());
        mvc.perform(get("/api/v1/flows")
                        .param("workload", "fraud-check")
                        .with(user("SECURITY_ADMIN", "tierdeck-security-admins")))
                .andExpect(jsonPath("$.items[0].flow.enforced[0].name").value("allow-fraud-check-66b4c9d8f"));
    }

    @Test
    void askingForAnotherTeamsNamespaceIsForbidden() throws Exception {
        mvc.perform(get("/api/v1/flows")
                        .param("namespace", "catalog")
                        .with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail").value("you may not see the flows of namespace catalog"));
    }

    @Test
    void filtersByNamespaceWindowAndPendingAction() throws Exception {
        mvc.perform(get("/api/v1/flows")
                        .param("namespace", "db")
                        .param("from", t.minusSeconds(60).toString())
                        .param("to", t.plusSeconds(60).toString())
                        .param("pendingAction", "Deny")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(1))
                .andExpect(jsonPath("$.items[0].flow.source.name").value("catalog-api-7b6c9d8f5-*"));
    }

    @Test
    void aWindowInThePastHasNothing() throws Exception {
        mvc.perform(get("/api/v1/flows")
                        .param("from", "2026-01-01T00:00:00Z")
                        .param("to", "2026-01-01T01:00:00Z")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(0));
    }

    @Test
    void namesTheParameterThatIsWrong() throws Exception {
        mvc.perform(get("/api/v1/flows")
                        .param("from", "yesterday")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("from"))
                .andExpect(jsonPath("$.detail")
                        .value("from: expected an RFC 3339 time such as 2026-11-26T14:00:00Z, got \"yesterday\""));
    }
}
