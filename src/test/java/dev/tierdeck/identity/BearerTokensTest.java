package dev.tierdeck.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.tierdeck.identity.demo.DemoSignIn;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;

/**
 * The API takes access tokens of the portal's issuer, for the portal's audience, and nothing else: the ID token that
 * sign-out puts into a URL is refused, though the same issuer signed it for the same client.
 */
@SpringBootTest
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BearerTokensTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    TrustedIssuer issuer;

    @Autowired
    JdbcClient jdbc;

    private JsonNode tokens;

    @BeforeAll
    void signIn() throws Exception {
        tokens = new DemoSignIn().tokens(issuer.uri(), 8080, "alice");
    }

    @Test
    void theProvidersAccessTokenIsAccepted() throws Exception {
        mvc.perform(get("/api/v1/me")
                        .header(
                                "Authorization",
                                "Bearer " + tokens.get("access_token").asString()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.username").value("alice"));
    }

    @Test
    void theIdTokenIsRefusedAndChangesNothing() throws Exception {
        String idToken = tokens.get("id_token").asString();

        mvc.perform(get("/api/v1/me").header("Authorization", "Bearer " + idToken))
                .andExpect(status().isUnauthorized());
        mvc.perform(put("/api/v1/namespaces/payments/policies/id-token-write")
                        .header("Authorization", "Bearer " + idToken)
                        .contentType(MediaType.parseMediaType("application/yaml"))
                        .content("""
                                apiVersion: projectcalico.org/v3
                                kind: NetworkPolicy
                                metadata: {name: id-token-write}
                                spec: {selector: app == 'api'}
                                """))
                .andExpect(status().isUnauthorized());
        assertThat(jdbc.sql("select count(*) from policy_draft where name = 'id-token-write'")
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void aTokenMustSayItIsAnAccessTokenAndCarryNoNonce() {
        assertThat(AccessTokens.isAccessToken(jwt("at+jwt", null, false))).isTrue();
        assertThat(AccessTokens.isAccessToken(jwt("application/at+jwt", null, false)))
                .isTrue();
        assertThat(AccessTokens.isAccessToken(jwt("JWT", "Bearer", false)))
                .as("Keycloak")
                .isTrue();
        assertThat(AccessTokens.isAccessToken(jwt("JWT", "ID", false)))
                .as("Keycloak's ID token")
                .isFalse();
        assertThat(AccessTokens.isAccessToken(jwt("JWT", null, false))).isFalse();
        assertThat(AccessTokens.isAccessToken(jwt("at+jwt", null, true)))
                .as("with a nonce")
                .isFalse();
    }

    @Test
    void theAudienceMustNameThePortal() {
        assertThat(AccessTokens.audience("tierdeck")
                        .validate(jwt("at+jwt", null, false))
                        .hasErrors())
                .isFalse();
        assertThat(AccessTokens.audience("other")
                        .validate(jwt("at+jwt", null, false))
                        .hasErrors())
                .isTrue();
    }

    private static Jwt jwt(String type, @org.jspecify.annotations.Nullable String typClaim, boolean nonce) {
        Jwt.Builder jwt = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .header("typ", type)
                .subject("alice")
                .audience(java.util.List.of("tierdeck"))
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        if (typClaim != null) {
            jwt.claim("typ", typClaim);
        }
        if (nonce) {
            jwt.claim("nonce", "n");
        }
        return jwt.build();
    }
}
