package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every admin route, with every verb it answers, as a developer and as a viewer, with and without htmx: 403, and
 * neither the governance nor the guardrails nor the cluster change.
 */
@AdminConsoleTest
class AdminRoutesSecurityTest {

    private static final String TIER_BODY = """
            {"name": "intruder", "order": 1, "defaultAction": "Pass", "locked": false, "purpose": "x"}""";
    private static final String GUARDRAIL_BODY = """
            {"comment": "x", "rules": {"egressCidrs": {"enabled": false, "severity": "block", "allowed": []}}}""";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TierStack stack;

    record Route(HttpMethod method, String path, boolean api, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route(HttpMethod.GET, "/api/v1/tiers", true, ""),
                new Route(HttpMethod.POST, "/api/v1/tiers", true, TIER_BODY),
                new Route(HttpMethod.GET, "/api/v1/tiers/empty", true, ""),
                new Route(HttpMethod.PUT, "/api/v1/tiers/empty", true, TIER_BODY),
                new Route(HttpMethod.DELETE, "/api/v1/tiers/empty", true, ""),
                new Route(HttpMethod.PUT, "/api/v1/tiers/not-there", true, TIER_BODY),
                new Route(HttpMethod.DELETE, "/api/v1/tiers/not-there", true, ""),
                new Route(HttpMethod.GET, "/api/v1/guardrails", true, ""),
                new Route(HttpMethod.GET, "/api/v1/guardrails/versions", true, ""),
                new Route(HttpMethod.PUT, "/api/v1/guardrails", true, GUARDRAIL_BODY),
                new Route(HttpMethod.GET, "/admin/tiers", false, ""),
                new Route(HttpMethod.GET, "/admin/tiers/new", false, ""),
                new Route(HttpMethod.POST, "/admin/tiers", false, "name=intruder&order=1&defaultAction=Pass"),
                new Route(HttpMethod.GET, "/admin/tiers/empty/edit", false, ""),
                new Route(HttpMethod.POST, "/admin/tiers/empty", false, "name=empty&order=1&defaultAction=Pass"),
                new Route(HttpMethod.POST, "/admin/tiers/empty/delete", false, ""),
                new Route(HttpMethod.GET, "/admin/guardrails", false, ""),
                new Route(
                        HttpMethod.POST,
                        "/admin/guardrails",
                        false,
                        "comment=x&egressSeverity=block&ingressSeverity=block&peersSeverity=block"
                                + "&portsSeverity=block&labelsSeverity=block&maxRulesSeverity=block&maxRules=1"
                                + "&passLogSeverity=block&passAllowedIn=*"));
    }

    static Stream<Arguments> refusals() {
        List<Arguments> out = new ArrayList<>();
        for (Users user : List.of(Users.ALICE, Users.VIEWER)) {
            for (Route route : routes()) {
                out.add(Arguments.of(user, route, false));
                if (!route.api()) {
                    out.add(Arguments.of(user, route, true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} htmx={2}")
    @MethodSource("refusals")
    void developersAndViewersAreRefusedAndNothingChanges(Users user, Route route, boolean htmx) throws Exception {
        Map<String, Object> before = state();

        MockHttpServletRequestBuilder request =
                request(route.method(), route.path()).with(csrf());
        if (route.api()) {
            request.with(user.token()).contentType(MediaType.APPLICATION_JSON).content(route.body());
        } else {
            request.with(user.session())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .content(route.body());
        }
        if (htmx) {
            request.header("HX-Request", "true");
        }
        mvc.perform(request).andExpect(status().isForbidden());

        assertThat(state()).isEqualTo(before);
    }

    static Stream<Route> writes() {
        return routes().stream().filter(route -> route.method() != HttpMethod.GET);
    }

    @ParameterizedTest(name = "{0} without a CSRF token")
    @MethodSource("writes")
    void anAdminsBrowserWriteWithoutTheCsrfTokenIsRefusedAndChangesNothing(Route route) throws Exception {
        Map<String, Object> before = state();
        mvc.perform(request(route.method(), route.path())
                        .with(Users.SECURITY.session())
                        .contentType(route.api() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_FORM_URLENCODED)
                        .content(route.body()))
                .andExpect(status().isForbidden());
        assertThat(state()).isEqualTo(before);
    }

    /** Everything an admin route could change: governance rows, guardrail versions and the cluster's tiers. */
    private Map<String, Object> state() {
        return Map.of(
                "governance",
                jdbc.sql("select tier_name || ':' || locked || ':' || purpose || ':' || developer_tier"
                                + " from tier_governance order by tier_name")
                        .query(String.class)
                        .list(),
                "guardrails",
                jdbc.sql("select count(*) from guardrail_version")
                        .query(Long.class)
                        .single(),
                "tiers",
                stack.snapshot().state().tiers().toString());
    }
}
