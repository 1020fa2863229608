package dev.tierdeck.system.api;

import static dev.tierdeck.system.TestUsers.admin;
import static dev.tierdeck.system.TestUsers.alice;
import static dev.tierdeck.system.TestUsers.stranger;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.jwt;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;

@SpringBootTest
@AutoConfigureMockMvc
class MeControllerTest {

    @Autowired
    MockMvc mvc;

    @Test
    void describesTheSignedInDeveloper() throws Exception {
        mvc.perform(get("/api/v1/me").with(alice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("alice"))
                .andExpect(jsonPath("$.displayName").value("Alice Developer"))
                .andExpect(jsonPath("$.roles", contains("developer")))
                .andExpect(jsonPath("$.namespaces", contains("checkout", "payments")));
    }

    @Test
    void rolesAreLowercaseNames() throws Exception {
        mvc.perform(get("/api/v1/me").with(admin()))
                .andExpect(jsonPath("$.roles", contains("platform-admin")))
                .andExpect(jsonPath("$.namespaces", empty()));
    }

    @Test
    void unknownGroupsGiveNoRoles() throws Exception {
        mvc.perform(get("/api/v1/me").with(stranger()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.roles", empty()));
    }

    @Test
    void acceptsABearerTokenWithTheNamesAndGroupsOfItsClaims() throws Exception {
        mvc.perform(get("/api/v1/me")
                        .with(jwt().jwt(token -> token.subject("bob-subject")
                                        .claim("preferred_username", "bob")
                                        .claim("name", "Bob Developer")
                                        .claim("groups", List.of("tierdeck-developers", "team-catalog")))
                                .authorities(new SimpleGrantedAuthority("ROLE_DEVELOPER"))))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("bob"))
                .andExpect(jsonPath("$.roles", contains("developer")))
                .andExpect(jsonPath("$.namespaces", contains("catalog")));
    }

    @Test
    void anonymousCallersGetA401ProblemNotARedirect() throws Exception {
        mvc.perform(get("/api/v1/me").accept(MediaType.TEXT_HTML))
                .andExpect(status().isUnauthorized())
                .andExpect(header().string("WWW-Authenticate", containsString("Bearer")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(401))
                .andExpect(jsonPath("$.correlationId").value(matchesPattern("[0-9a-f-]{36}")));
    }

    @Test
    void anInvalidBearerTokenIsRefusedWithAProblem() throws Exception {
        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer not-a-jwt"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void theApiIsDescribedByOpenApiWithBothWaysToAuthenticate() throws Exception {
        mvc.perform(get("/v3/api-docs").with(alice()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.paths['/api/v1/me'].get").exists())
                .andExpect(
                        jsonPath("$.components.securitySchemes.bearer.scheme").value("bearer"))
                .andExpect(jsonPath("$.components.securitySchemes.session.name").value("TIERDECK_SESSION"));
    }
}
