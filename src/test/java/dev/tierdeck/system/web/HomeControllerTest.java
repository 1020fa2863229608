package dev.tierdeck.system.web;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static dev.tierdeck.system.TestUsers.stranger;
import static dev.tierdeck.system.TestUsers.viewer;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class HomeControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void developerSeesTheNamespacesOfTheirTeamInTheFullLayout() throws Exception {
        mvc.perform(get("/").with(alice()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("<title>Home · Tierdeck</title>"),
                                containsString("Welcome, Alice Developer"),
                                containsString("<code>checkout</code>"),
                                containsString("<code>payments</code>"),
                                containsString("<meta name=\"_csrf_header\" content=\"X-CSRF-TOKEN\">"),
                                containsString("name=\"htmx-config\""),
                                containsString("/webjars/htmx.org/2.0.10/dist/htmx.min.js"),
                                not(containsString("Cluster connection")),
                                not(containsString("Your areas")))));
    }

    @Test
    void htmxGetsOnlyTheContentFragment() throws Exception {
        mvc.perform(get("/").with(alice()).header("HX-Request", "true"))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("id=\"home\""),
                                containsString("<code>payments</code>"),
                                not(containsString("<html")),
                                not(containsString("Sign out")))));
    }

    @Test
    void adminSeesTheClusterConnectionAndTheirAreas() throws Exception {
        mvc.perform(get("/").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Welcome, Ada Admin"),
                                containsString("Cluster connection"),
                                containsString("No cluster connection is available"),
                                containsString("Your areas"),
                                containsString("<span class=\"badge\">platform-admin</span>"),
                                not(containsString("Your namespaces")))));
    }

    @Test
    void viewerSeesAReadOnlyOverview() throws Exception {
        mvc.perform(get("/").with(viewer()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("Read-only access"),
                                containsString("Cluster connection"),
                                not(containsString("Your areas")),
                                not(containsString("Your namespaces")))));
    }

    @Test
    void aUserWithoutAnAllowListedGroupIsToldTheyHaveNoRole() throws Exception {
        mvc.perform(get("/").with(stranger()))
                .andExpect(status().isOk())
                .andExpect(content()
                        .string(allOf(
                                containsString("No access yet"),
                                not(containsString("class=\"badge\"")),
                                not(containsString("Cluster connection")),
                                not(containsString("Your namespaces")))));
    }

    @Test
    void anonymousBrowsersAreSentToTheIdentityProvider() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/tierdeck"));
    }

    @Test
    void anonymousHtmxRequestsAreRedirectedAsAWholePage() throws Exception {
        mvc.perform(get("/").accept(MediaType.TEXT_HTML).header("HX-Request", "true"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("HX-Redirect", "/login?expired"))
                .andExpect(content().string(""));
    }
}
