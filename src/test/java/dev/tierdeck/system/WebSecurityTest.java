package dev.tierdeck.system;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.oidcLogin;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.identity.TrustedIssuer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@SpringBootTest
@AutoConfigureMockMvc
class WebSecurityTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TrustedIssuer issuer;

    @Autowired
    ClientRegistrationRepository clientRegistrations;

    @ParameterizedTest
    @ValueSource(strings = {"/", "/some/page", "/v3/api-docs", "/actuator/prometheus", "/actuator/info"})
    void everyPageRequiresSigningIn(String path) throws Exception {
        mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/oauth2/authorization/tierdeck"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/css/tierdeck.css", "/js/tierdeck.js", "/webjars/htmx.org/2.0.10/dist/htmx.min.js"})
    void staticAssetsAreServedWithoutSigningIn(String path) throws Exception {
        expectSecurityHeaders(mvc.perform(get(path))).andExpect(status().isOk());
    }

    @Test
    void healthIsPublicButItsDetailsAreForAdmins() throws Exception {
        mvc.perform(get("/actuator/health"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("UP"))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(alice()))
                .andExpect(jsonPath("$.components").doesNotExist());
        mvc.perform(get("/actuator/health").with(admin()))
                .andExpect(jsonPath("$.components.database").exists());
    }

    @Test
    void livenessAndReadinessGroupsAreProbes() throws Exception {
        mvc.perform(get("/actuator/health/liveness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness")).andExpect(status().isOk());
        mvc.perform(get("/actuator/health/readiness").with(admin()))
                .andExpect(jsonPath("$.components.database.status").value("UP"))
                .andExpect(jsonPath("$.components.readinessState.status").value("UP"));
    }

    @Test
    void prometheusMetricsAreForAdminsOnly() throws Exception {
        mvc.perform(get("/actuator/prometheus").with(alice())).andExpect(status().isForbidden());
        mvc.perform(get("/actuator/prometheus").with(admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("jvm_memory_used_bytes")));
    }

    @Test
    void pagesCarryTheStrictContentSecurityPolicyAndTheOtherHeaders() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/").with(alice())))
                .andExpect(header().string(
                                "Content-Security-Policy",
                                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                                        + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self';"
                                        + " form-action 'self' " + issuer.origin() + "; frame-ancestors 'none'"));
    }

    @Test
    void fragmentsRefusalsAndTheSignInPageCarryTheHeadersToo() throws Exception {
        expectSecurityHeaders(mvc.perform(get("/").with(alice()).header("HX-Request", "true")));
        expectSecurityHeaders(mvc.perform(get("/login")));
        expectSecurityHeaders(mvc.perform(get("/").accept(MediaType.TEXT_HTML)));
        expectSecurityHeaders(mvc.perform(get("/api/v1/me")));
        expectSecurityHeaders(mvc.perform(post("/logout").with(alice())));
    }

    @Test
    void theContentSecurityPolicyNeverAllowsInlineCodeOrEval() throws Exception {
        mvc.perform(get("/").with(alice()))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-"))));
    }

    @Test
    void signingOutWithoutTheCsrfTokenIsRefused() throws Exception {
        mvc.perform(post("/logout").with(alice()).accept(MediaType.TEXT_HTML)).andExpect(status().isForbidden());
    }

    @Test
    void aCsrfFailureOnAnHtmxRequestReloadsThePage() throws Exception {
        mvc.perform(post("/logout").with(alice()).header("HX-Request", "true"))
                .andExpect(status().isForbidden())
                .andExpect(header().string("HX-Refresh", "true"));
    }

    @Test
    void signingOutEndsTheSessionAtTheIdentityProviderToo() throws Exception {
        var registration = clientRegistrations.findByRegistrationId("tierdeck");
        mvc.perform(post("/logout")
                        .with(oidcLogin().clientRegistration(registration).idToken(token -> token.subject("alice")))
                        .with(csrf()))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", containsString(issuer.uri() + "/connect/logout?")))
                .andExpect(header().string("Location", containsString("id_token_hint=")))
                .andExpect(header().string(
                                "Location", containsString("post_logout_redirect_uri=http://localhost/login?logout")));
    }

    @Test
    void apiWritesWithTheSessionNeedTheCsrfHeader() throws Exception {
        mvc.perform(post("/api/v1/me").with(alice()))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail").value(containsString("X-CSRF-TOKEN")));
    }

    private static ResultActions expectSecurityHeaders(ResultActions result) throws Exception {
        return result.andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "same-origin"))
                .andExpect(header().string("Cross-Origin-Opener-Policy", "same-origin"))
                .andExpect(header().exists("X-Correlation-Id"));
    }
}
