package dev.tierdeck.preview;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * Every preview route of the payments namespace as the catalog team's developer, and every global preview route as a
 * developer, with and without htmx: 403, whether or not the draft exists. Viewers read every namespace's policies and
 * preview them as they read them.
 */
@PreviewPortalTest
class PreviewRoutesSecurityTest {

    @Autowired
    MockMvc mvc;

    record Route(HttpMethod method, String path, boolean api) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static Stream<Arguments> refusals() {
        List<Route> namespaced = List.of(
                new Route(HttpMethod.GET, "/namespaces/payments/policies/allow-web/preview", false),
                new Route(HttpMethod.GET, "/namespaces/payments/policies/unknown/preview", false),
                new Route(HttpMethod.POST, "/api/v1/namespaces/payments/policies/allow-web/preview", true),
                new Route(HttpMethod.POST, "/api/v1/namespaces/payments/policies/unknown/preview", true));
        List<Route> global = List.of(
                new Route(HttpMethod.GET, "/global-policies/quarantine-catalog/preview", false),
                new Route(HttpMethod.POST, "/api/v1/global-policies/quarantine-catalog/preview", true));
        List<Arguments> out = new ArrayList<>();
        for (Users user : List.of(Users.BOB)) {
            for (Route route : namespaced) {
                out.add(Arguments.of(user, route, false));
                if (!route.api()) {
                    out.add(Arguments.of(user, route, true));
                }
            }
        }
        for (Users user : List.of(Users.ALICE, Users.BOB)) {
            for (Route route : global) {
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
    void refusedBeforeAnythingIsLookedUp(Users user, Route route, boolean htmx) throws Exception {
        MockHttpServletRequestBuilder request = request(route.method(), route.path());
        if (route.api()) {
            request.with(user.token());
        } else {
            request.with(user.session()).with(csrf());
        }
        if (htmx) {
            request.header("HX-Request", "true");
        }
        mvc.perform(request).andExpect(status().isForbidden());
    }
}
