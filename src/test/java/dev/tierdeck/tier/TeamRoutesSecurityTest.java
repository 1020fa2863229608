package dev.tierdeck.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
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
 * Every team, access and stack route, with every verb it answers, as a developer and as a viewer, with and without
 * htmx: 403, and neither the teams nor the audit trail change.
 */
@AdminConsoleTest
class TeamRoutesSecurityTest {

    private static final String TEAM_BODY = """
            {"name": "intruder", "groups": ["team-payments"], "namespacePatterns": ["*-prod"]}""";
    private static final String TEAM_FORM = "name=intruder&groups=team-payments&namespacePatterns=catalog";

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcClient jdbc;

    record Route(HttpMethod method, String path, boolean api, String body) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static List<Route> routes() {
        return List.of(
                new Route(HttpMethod.GET, "/api/v1/teams", true, ""),
                new Route(HttpMethod.POST, "/api/v1/teams", true, TEAM_BODY),
                new Route(HttpMethod.GET, "/api/v1/teams/payments", true, ""),
                new Route(HttpMethod.PUT, "/api/v1/teams/payments", true, TEAM_BODY),
                new Route(HttpMethod.DELETE, "/api/v1/teams/payments", true, ""),
                new Route(HttpMethod.PUT, "/api/v1/teams/not-there", true, TEAM_BODY),
                new Route(HttpMethod.DELETE, "/api/v1/teams/not-there", true, ""),
                new Route(HttpMethod.GET, "/api/v1/access/payments", true, ""),
                new Route(HttpMethod.GET, "/admin/teams", false, ""),
                new Route(HttpMethod.GET, "/admin/teams/new", false, ""),
                new Route(HttpMethod.GET, "/admin/teams/preview?namespacePatterns=pay*", false, ""),
                new Route(HttpMethod.POST, "/admin/teams", false, TEAM_FORM),
                new Route(HttpMethod.POST, "/admin/teams", false, TEAM_FORM + "&preview=true"),
                new Route(HttpMethod.GET, "/admin/teams/payments/edit", false, ""),
                new Route(HttpMethod.POST, "/admin/teams/payments", false, TEAM_FORM),
                new Route(HttpMethod.POST, "/admin/teams/payments/delete", false, ""),
                new Route(HttpMethod.POST, "/admin/teams/not-there", false, TEAM_FORM),
                new Route(HttpMethod.POST, "/admin/teams/not-there/delete", false, ""),
                new Route(HttpMethod.GET, "/admin/teams/access?namespace=payments", false, ""),
                new Route(HttpMethod.GET, "/admin/stack", false, ""));
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
        List<String> before = state();

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
        List<String> before = state();
        mvc.perform(request(route.method(), route.path())
                        .with(Users.ADMIN.session())
                        .contentType(route.api() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_FORM_URLENCODED)
                        .content(route.body()))
                .andExpect(status().isForbidden());
        assertThat(state()).isEqualTo(before);
    }

    /** Every team row as text, and how many team changes the audit trail holds. */
    private List<String> state() {
        List<String> out = new ArrayList<>(jdbc.sql("select name || ':' || array_to_string(member_groups, ',') || ':'"
                        + " || array_to_string(namespace_patterns, ',') || ':' || array_to_string(approver_groups, ',')"
                        + " from team order by name")
                .query(String.class)
                .list());
        out.add("audit:"
                + jdbc.sql("select count(*) from audit_record where action like 'team.%'")
                        .query(Long.class)
                        .single());
        return out;
    }
}
