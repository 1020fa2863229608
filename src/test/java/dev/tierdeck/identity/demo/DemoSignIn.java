package dev.tierdeck.identity.demo;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Signs in to the demo identity provider over plain HTTP, the way a browser would (cookies, the sign-in form
 * with its CSRF token, redirects), for tests that need a real session or a real access token.
 */
public final class DemoSignIn {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http;

    public DemoSignIn() {
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The client with the cookies collected so far (the portal's and the provider's sessions). */
    public HttpClient client() {
        return http;
    }

    /** Opens {@code portal}'s home page, signs in at the provider as {@code username} and returns the page. */
    public HttpResponse<String> signInToPortal(URI portal, String username) throws IOException, InterruptedException {
        HttpResponse<String> signInPage = follow(get(portal.resolve("/")), null);
        return submitSignInForm(signInPage, username, null);
    }

    /**
     * Runs the authorization-code flow with PKCE as the portal's client and returns the token response (access
     * token, ID token).
     */
    public JsonNode tokens(String issuer, int portalPort, String username) throws IOException, InterruptedException {
        String verifier = randomToken();
        String redirectUri = "http://localhost:" + portalPort + "/login/oauth2/code/tierdeck";
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", DemoIdentityProvider.CLIENT_ID);
        query.put("scope", "openid profile");
        query.put("redirect_uri", redirectUri);
        query.put("state", randomToken());
        query.put("nonce", randomToken());
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        HttpResponse<String> signInPage =
                follow(get(URI.create(issuer + "/oauth2/authorize?" + form(query))), redirectUri);
        HttpResponse<String> response = submitSignInForm(signInPage, username, redirectUri);
        String location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("the provider did not redirect back with a code: "
                        + response.statusCode() + " " + response.body()));
        Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(location);
        if (!location.startsWith(redirectUri) || !code.find()) {
            throw new AssertionError("unexpected redirect " + location);
        }
        String credentials = Base64.getEncoder()
                .encodeToString((DemoIdentityProvider.CLIENT_ID + ":" + DemoIdentityProvider.CLIENT_SECRET)
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Authorization", "Basic " + credentials)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                URLDecoder.decode(code.group(1), StandardCharsets.UTF_8),
                                "redirect_uri",
                                redirectUri,
                                "code_verifier",
                                verifier))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new AssertionError("token request failed: " + token.statusCode() + " " + token.body());
        }
        return JSON.readTree(token.body());
    }

    /** The claims of a JWT, without checking its signature (the code under test does that). */
    public static JsonNode claimsOf(String jwt) {
        String payload = jwt.split("\\.")[1];
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(payload), StandardCharsets.UTF_8));
    }

    private HttpResponse<String> submitSignInForm(
            HttpResponse<String> signInPage, String username, @Nullable String stopAt)
            throws IOException, InterruptedException {
        if (!signInPage.uri().getPath().equals("/login") || signInPage.statusCode() != 200) {
            throw new AssertionError(
                    "expected the provider's sign-in page, got " + signInPage.uri() + " " + signInPage.statusCode());
        }
        Matcher csrf = CSRF.matcher(signInPage.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token on the sign-in page");
        }
        HttpRequest post = HttpRequest.newBuilder(signInPage.uri())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        form(Map.of("username", username, "password", DemoUser.PASSWORD, "_csrf", csrf.group(1)))))
                .build();
        return follow(post, stopAt);
    }

    /** Follows redirects like a browser, except one to a URI starting with {@code stopAt}. */
    private HttpResponse<String> follow(HttpRequest request, @Nullable String stopAt)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        for (int hops = 0; hops < 15 && response.statusCode() / 100 == 3; hops++) {
            URI next = response.uri()
                    .resolve(response.headers().firstValue("Location").orElseThrow());
            if (stopAt != null && next.toString().startsWith(stopAt)) {
                return response;
            }
            response = http.send(get(next), HttpResponse.BodyHandlers.ofString());
        }
        return response;
    }

    private static HttpRequest get(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Accept", "text/html,application/xhtml+xml")
                .GET()
                .build();
    }

    private static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
