package dev.tierdeck.identity.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The demo identity provider on its own, as an OIDC client sees it. */
class DemoIdentityProviderTest {

    private static final int PORTAL_PORT = 18123;
    private static DemoIdentityProvider provider;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        provider = DemoIdentityProvider.start(0, PORTAL_PORT);
    }

    @AfterAll
    static void stop() {
        provider.close();
    }

    @Test
    void publishesDiscoveryWithItsIssuerAndAnEndSessionEndpoint() throws Exception {
        JsonNode discovery = json(get("/.well-known/openid-configuration").body());

        assertThat(discovery.get("issuer").asString()).isEqualTo("http://localhost:" + provider.port());
        assertThat(discovery.get("end_session_endpoint").asString()).isEqualTo(provider.issuer() + "/connect/logout");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");
    }

    @Test
    void issuesTokensWithGroupsAndNamesAfterTheAuthorizationCodeFlowWithPkce() throws Exception {
        JsonNode tokens = new DemoSignIn().tokens(provider.issuer(), PORTAL_PORT, "alice");

        JsonNode idToken = DemoSignIn.claimsOf(tokens.get("id_token").asString());
        JsonNode accessToken = DemoSignIn.claimsOf(tokens.get("access_token").asString());
        for (JsonNode claims : new JsonNode[] {idToken, accessToken}) {
            assertThat(claims.get("iss").asString()).isEqualTo(provider.issuer());
            assertThat(claims.get("preferred_username").asString()).isEqualTo("alice");
            assertThat(claims.get("name").asString()).isEqualTo("Alice Developer");
            assertThat(claims.get("groups").toString()).isEqualTo("[\"tierdeck-developers\",\"team-payments\"]");
        }
        assertThat(accessToken.get("aud").toString()).contains("tierdeck");
    }

    @Test
    void refusesAnAuthorizationRequestWithoutPkce() throws Exception {
        HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=tierdeck&scope=openid"
                + "&redirect_uri=http://localhost:" + PORTAL_PORT + "/login/oauth2/code/tierdeck&state=s");

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow())
                .contains("error=invalid_request")
                .contains("code_challenge");
    }

    @Test
    void refusesARedirectUriOfAnotherPortal() throws Exception {
        HttpResponse<String> response = get("/oauth2/authorize?response_type=code&client_id=tierdeck&scope=openid"
                + "&redirect_uri=http://localhost:1/login/oauth2/code/tierdeck&state=s"
                + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void itsSignInPageNamesItselfListsTheDemoUsersAndUsesItsOwnSessionCookie() throws Exception {
        HttpResponse<String> page = get("/login");

        assertThat(page.body())
                .contains("Tierdeck demo identity provider")
                .contains("Alice Developer")
                .contains("tierdeck-platform-admins");
        assertThat(page.headers().allValues("Set-Cookie"))
                .anySatisfy(cookie ->
                        assertThat(cookie).startsWith("TIERDECK_IDP_SESSION=").contains("HttpOnly"));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("frame-ancestors 'none'");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(provider.issuer() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String body) {
        return JsonMapper.builder().build().readTree(body);
    }
}
