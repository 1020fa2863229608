package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.identity.TrustedIssuer;
import dev.tierdeck.identity.demo.DemoSignIn;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real server and a real session: signed in through the demo identity provider over HTTP, then the session,
 * CSRF, error and bearer-token rules as a browser or an automation client meets them.
 */
@SpringBootTest(
        classes = {Tierdeck.class, SignedInBrowserSessionTest.Probes.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignedInBrowserSessionTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    TrustedIssuer issuer;

    @Autowired
    Probes probes;

    private final DemoSignIn signIn = new DemoSignIn();
    private HttpClient browser;

    @BeforeEach
    void signInAsAlice() throws Exception {
        HttpResponse<String> home = signIn.signInToPortal(portal(""), "alice");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("Welcome, Alice Developer");
        browser = signIn.client();
        probes.reset();
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxAndRenewedAtSignIn() throws Exception {
        DemoSignIn fresh = new DemoSignIn();
        fresh.client().send(page("/").build(), HttpResponse.BodyHandlers.discarding());
        String before = sessionCookie(fresh).getValue();

        fresh.signInToPortal(portal(""), "bob");

        HttpCookie after = sessionCookie(fresh);
        assertThat(after.getValue()).isNotEqualTo(before);
        assertThat(after.isHttpOnly()).isTrue();
        HttpResponse<Void> first =
                HttpClient.newHttpClient().send(page("/").build(), HttpResponse.BodyHandlers.discarding());
        assertThat(first.headers().firstValue("Set-Cookie").orElseThrow())
                .startsWith("TIERDECK_SESSION=")
                .contains("HttpOnly")
                .contains("SameSite=Lax");
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() throws Exception {
        HttpResponse<String> refused = send(page("/probe/write").POST(HttpRequest.BodyPublishers.noBody()));
        HttpResponse<String> signOutRefused = send(page("/logout").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(signOutRefused.statusCode()).isEqualTo(403);
        assertThat(probes.writes()).isZero();
        assertThat(send(page("/")).body()).contains("Welcome, Alice Developer");
    }

    @Test
    void aPostWithTheCsrfHeaderFromTheMetaTagGoesThrough() throws Exception {
        HttpResponse<String> accepted = send(page("/probe/write")
                .header("X-CSRF-TOKEN", csrfToken())
                .header("HX-Request", "true")
                .POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(probes.writes()).isOne();
    }

    @Test
    void aFlashMessageOfAPostIsShownOnceOnTheNextPage() throws Exception {
        HttpResponse<String> redirect = send(page("/probe/flash")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrfToken())));
        assertThat(redirect.statusCode()).isEqualTo(302);

        String flash = "<div class=\"flash flash-success\" role=\"status\">Draft &lt;saved&gt;.</div>";
        assertThat(send(page("/")).body()).contains(flash);
        assertThat(send(page("/")).body()).doesNotContain("Draft &lt;saved&gt;.");
    }

    @Test
    void anHtmxPostWithoutTheTokenReloadsThePageInsteadOfSwappingAnError() throws Exception {
        HttpResponse<String> refused =
                send(page("/probe/write").header("HX-Request", "true").POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("HX-Refresh")).hasValue("true");
        assertThat(probes.writes()).isZero();
    }

    @Test
    void anHtmxRequestWithAnExpiredSessionIsRedirectedAsAWholePage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        page("/")
                                .header("HX-Request", "true")
                                .header("Cookie", "TIERDECK_SESSION=ZXhwaXJlZC1zZXNzaW9u")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("HX-Redirect")).hasValue("/login?expired");
        assertThat(response.body()).doesNotContain("<html");
    }

    @Test
    void notFoundIsAPageWithTheSecurityHeadersAndAFragmentForHtmx() throws Exception {
        HttpResponse<String> page = send(page("/no/such/page"));
        HttpResponse<String> fragment = send(page("/no/such/page").header("HX-Request", "true"));

        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.body()).contains("<title>Not found · Tierdeck</title>").contains("Sign out");
        expectSecurityHeaders(page);
        assertThat(fragment.statusCode()).isEqualTo(404);
        assertThat(fragment.body())
                .startsWith("<section class=\"card problem\"")
                .doesNotContain("<html");
        expectSecurityHeaders(fragment);
    }

    @Test
    void aFailingPageShowsItsCorrelationIdAndNoInternals() throws Exception {
        HttpResponse<String> page = send(page("/probe/fail").header("X-Correlation-Id", "failing-page-0001"));

        assertThat(page.statusCode()).isEqualTo(500);
        assertThat(page.body())
                .contains("Something went wrong")
                .contains("<code>failing-page-0001</code>")
                .doesNotContain("password=hunter2")
                .doesNotContain("IllegalStateException");
        expectSecurityHeaders(page);
    }

    @Test
    void theApiAnswersTheSessionUser() throws Exception {
        JsonNode me = JSON.readTree(send(api("/api/v1/me")).body());

        assertThat(me.get("username").asString()).isEqualTo("alice");
        assertThat(me.get("roles").toString()).isEqualTo("[\"developer\"]");
        assertThat(me.get("namespaces").toString()).isEqualTo("[\"checkout\",\"payments\"]");
    }

    @Test
    void theApiAcceptsAnAccessTokenOfTheIssuerWithTheSameRoles() throws Exception {
        String token = new DemoSignIn()
                .tokens(issuer.uri(), port, "admin")
                .get("access_token")
                .asString();

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        api("/api/v1/me")
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode me = JSON.readTree(response.body());
        assertThat(me.get("username").asString()).isEqualTo("admin");
        assertThat(me.get("displayName").asString()).isEqualTo("Ada Admin");
        assertThat(me.get("roles").toString()).isEqualTo("[\"platform-admin\"]");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void aTamperedAccessTokenIsRefusedWithAProblem() throws Exception {
        String token = new DemoSignIn()
                .tokens(issuer.uri(), port, "viewer")
                .get("access_token")
                .asString();
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1].substring(0, parts[1].length() - 2) + "x" + "." + parts[2];

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        api("/api/v1/me")
                                .header("Authorization", "Bearer " + forged)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(JSON.readTree(response.body()).has("correlationId")).isTrue();
    }

    @Test
    void aRoleTheCallerLacksIsRefusedWithA403ProblemOrPage() throws Exception {
        HttpResponse<String> api = send(api("/api/v1/probe/admins"));
        HttpResponse<String> page = send(page("/probe/admins"));

        assertThat(api.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(api.body()).get("detail").asString()).isEqualTo("Your roles do not allow this.");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Your roles do not give you access to this page.");
        expectSecurityHeaders(page);
    }

    @Test
    void aFailingApiCallIsAProblemWithItsCorrelationIdAndNoInternals() throws Exception {
        HttpResponse<String> response = send(api("/api/v1/probe/fail"));

        assertThat(response.statusCode()).isEqualTo(500);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(500);
        assertThat(problem.get("correlationId").asString())
                .isEqualTo(response.headers().firstValue("X-Correlation-Id").orElseThrow());
        assertThat(response.body())
                .doesNotContain("hunter2")
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        expectSecurityHeaders(response);
    }

    @Test
    void signingOutEndsBothSessionsAndLandsOnTheSignInPage() throws Exception {
        HttpResponse<String> signedOut = follow(send(page("/logout")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrfToken()))));

        assertThat(signedOut.uri().getPath()).isEqualTo("/login");
        assertThat(signedOut.body()).contains("You are signed out.");
        // the provider forgot alice too: the portal sends us to its sign-in form again
        HttpResponse<String> again = follow(send(page("/")));
        assertThat(again.uri().toString()).startsWith(issuer.uri() + "/login");
        assertThat(again.body()).contains("name=\"password\"");
    }

    private HttpResponse<String> follow(HttpResponse<String> response) throws Exception {
        for (int hops = 0; hops < 10 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri()
                    .resolve(response.headers().firstValue("Location").orElseThrow());
            response = browser.send(
                    HttpRequest.newBuilder(next).header("Accept", "text/html").build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private String csrfToken() throws Exception {
        Matcher token = CSRF_META.matcher(send(page("/")).body());
        assertThat(token.find()).isTrue();
        return token.group(1);
    }

    private static void expectSecurityHeaders(HttpResponse<?> response) {
        assertThat(response.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self';")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
        assertThat(response.headers().firstValue("X-Correlation-Id")).isPresent();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder page(String path) {
        return HttpRequest.newBuilder(portal(path)).header("Accept", "text/html");
    }

    private HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(portal(path)).header("Accept", "application/json");
    }

    private URI portal(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpCookie sessionCookie(DemoSignIn client) {
        return ((java.net.CookieManager) client.client().cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(cookie -> cookie.getName().equals("TIERDECK_SESSION"))
                        .findFirst()
                        .orElseThrow();
    }

    /** Endpoints that only exist in this test: a write to watch for side effects, and failures. */
    @TestConfiguration
    @RestController
    static class Probes {

        private final AtomicInteger writes = new AtomicInteger();

        // methods, not the field: method security makes this bean a proxy
        int writes() {
            return writes.get();
        }

        void reset() {
            writes.set(0);
        }

        @PostMapping("/probe/write")
        String write() {
            writes.incrementAndGet();
            return "written";
        }

        @PostMapping("/probe/flash")
        ModelAndView flash(RedirectAttributes redirect) {
            FlashMessage.success("Draft <saved>.").addTo(redirect);
            return new ModelAndView("redirect:/");
        }

        @GetMapping({"/probe/admins", "/api/v1/probe/admins"})
        @PreAuthorize("hasRole('PLATFORM_ADMIN')")
        String adminsOnly() {
            return "for admins";
        }

        @GetMapping({"/probe/fail", "/api/v1/probe/fail"})
        String fail() {
            throw new IllegalStateException("could not connect with password=hunter2");
        }
    }
}
