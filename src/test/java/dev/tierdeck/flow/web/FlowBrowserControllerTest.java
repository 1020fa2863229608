package dev.tierdeck.flow.web;

import static dev.tierdeck.flow.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.flow.FlowEndpoint;
import dev.tierdeck.flow.FlowRecord;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.flow.Reporter;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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
class FlowBrowserControllerTest {

    MockMvc mvc;

    @Autowired
    FlowStore store;

    @Autowired
    JdbcTemplate jdbc;

    final Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(5, ChronoUnit.MINUTES);

    @BeforeEach
    void setUp(WebApplicationContext context) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        jdbc.execute("truncate flow_bucket");
        store.ingest(List.of(
                // recorded as allowed by the destination; the payments API's ingress policy refuses the sandbox
                observed(
                        "sandbox",
                        "debug-shell",
                        "debug-shell",
                        "payments",
                        "payments-api-7d9f8c6b5-*",
                        "payments-api",
                        8080,
                        Reporter.Dst),
                observed(
                        "checkout",
                        "checkout-frontend-8f7c6d5b9-*",
                        "checkout-frontend",
                        "checkout",
                        "cart-6d9b8c7f4-*",
                        "cart",
                        50051,
                        Reporter.Src),
                flow(t, "checkout", "gone-5f4e3d2c1-*", "checkout", "cart-6d9b8c7f4-*", 50051)));
    }

    /** A flow between pods of the demo cluster, labelled as Goldmane would. */
    FlowRecord observed(
            String srcNs, String src, String srcApp, String dstNs, String dst, String dstApp, int port, Reporter by) {
        FlowRecord f = flow(t, srcNs, src, dstNs, dst, port);
        return new FlowRecord(
                f.start(),
                f.end(),
                FlowEndpoint.workload(srcNs, src, Map.of("app", srcApp)),
                FlowEndpoint.workload(dstNs, dst, Map.of("app", dstApp)),
                f.protocol(),
                f.port(),
                by,
                f.action(),
                f.enforced(),
                f.pending(),
                f.counts());
    }

    static RequestPostProcessor user(String role, String... groups) {
        return jwt().jwt(j -> j.claim("groups", List.of(groups)))
                .authorities(new SimpleGrantedAuthority("ROLE_" + role));
    }

    @Test
    void showsFlowsWithTracesAndTheEnginesPrediction() throws Exception {
        mvc.perform(get("/flows").with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Observed flows")))
                .andExpect(content().string(containsString("sandbox/debug-shell")))
                .andExpect(content().string(containsString("checkout/cart-6d9b8c7f4-*")))
                .andExpect(content().string(containsString("allow-payments-api-7d9f8c6b5")))
                .andExpect(content().string(containsString("Deny: differs from the recorded Allow")))
                .andExpect(content().string(containsString("Allow, as recorded")))
                .andExpect(content()
                        .string(containsString(
                                "not mapped: source checkout/gone-5f4e3d2c1-*: no current pod of that name")));
    }

    @Test
    void htmxGetsOnlyTheResults() throws Exception {
        mvc.perform(get("/flows")
                        .param("workload", "checkout-frontend")
                        .header("HX-Request", "true")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("id=\"flow-results\"")))
                .andExpect(content().string(not(containsString("<html"))))
                .andExpect(content().string(not(containsString("sandbox/debug-shell"))));
    }

    @Test
    void developersSeeTheirNamespacesOnly() throws Exception {
        mvc.perform(get("/flows").with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("checkout/cart-6d9b8c7f4-*")))
                .andExpect(content().string(containsString("sandbox/debug-shell")));
        mvc.perform(get("/flows")
                        .param("namespace", "sandbox")
                        .with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("you may not see the flows of namespace sandbox")));
    }

    @Test
    void aTraceStepOfAPolicyTheUserMayNotReadNamesItsOwner() throws Exception {
        String page = mvc.perform(get("/flows")
                        .param("namespace", "payments")
                        .with(user("DEVELOPER", "tierdeck-developers", "team-payments")))
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        // the sandbox's policy decided the flow into payments: the sandbox belongs to no team
        assertThat(page)
                .contains("sandbox/debug-shell")
                .contains("a policy of no team (namespace sandbox)")
                .doesNotContain("allow-payments-api-7d9f8c6b5");
        mvc.perform(get("/flows")
                        .param("namespace", "payments")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(content().string(containsString("sandbox/allow-payments-api-7d9f8c6b5")));
    }

    @Test
    void freeFromAndToTimesChooseTheRange() throws Exception {
        String before = LocalDateTime.ofInstant(t.minus(1, ChronoUnit.HOURS), ZoneOffset.UTC)
                .toString();
        String after = LocalDateTime.ofInstant(t.plus(2, ChronoUnit.MINUTES), ZoneOffset.UTC)
                .toString();
        String justBefore = LocalDateTime.ofInstant(t.minus(1, ChronoUnit.MINUTES), ZoneOffset.UTC)
                .toString();

        mvc.perform(get("/flows")
                        .param("from", before)
                        .param("to", after)
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("sandbox/debug-shell")))
                .andExpect(content().string(containsString("value=\"" + before + "\"")));
        mvc.perform(get("/flows")
                        .param("from", before)
                        .param("to", justBefore)
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("No flows match.")));
    }

    @Test
    void anUnreadableOrBackwardsTimeIsNamed() throws Exception {
        mvc.perform(get("/flows").param("from", "yesterday").with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(containsString("From: expected a time such as 2026-11-26T14:00 (UTC) or "
                                + "2026-11-26T14:00:00+01:00, got &quot;yesterday&quot;.")))
                .andExpect(content().string(not(containsString("sandbox/debug-shell"))));
        mvc.perform(get("/flows")
                        .param("from", "2026-11-26T15:00")
                        .param("to", "2026-11-26T14:00")
                        .with(user("PLATFORM_ADMIN", "tierdeck-platform-admins")))
                .andExpect(content()
                        .string(containsString(
                                "From must be before To: 2026-11-26 15:00 is not before 2026-11-26 14:00 (UTC).")));
    }
}
