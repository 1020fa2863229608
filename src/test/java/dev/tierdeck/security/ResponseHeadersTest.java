package dev.tierdeck.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.TrustedIssuer;
import dev.tierdeck.identity.demo.DemoSignIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The security headers on every kind of response a signed-in browser or API client can get, over real HTTP: pages,
 * htmx fragments, API answers, problem documents, error pages, 403, 404, 405, the request firewall's and the
 * container's own refusals, static assets and the actuator. The headers of requests without a session are checked
 * in {@code ContainerResponsesTest}.
 */
@SecuritySuiteTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponseHeadersTest {

    private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">");

    @LocalServerPort
    int port;

    @Autowired
    TrustedIssuer issuer;

    private HttpClient browser;
    private String cookie;
    private String csrf;
    private String token;

    @BeforeAll
    void signIn() throws Exception {
        DemoSignIn alice = new DemoSignIn();
        HttpResponse<String> home = alice.signInToPortal(URI.create("http://localhost:" + port), "alice");
        assertThat(home.statusCode()).isEqualTo(200);
        browser = alice.client();
        cookie = ((CookieManager) browser.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals("TIERDECK_SESSION"))
                        .map(HttpCookie::toString)
                        .collect(Collectors.joining("; "));
        Matcher meta = CSRF_META.matcher(home.body());
        assertThat(meta.find()).isTrue();
        csrf = meta.group(1);
        token = new DemoSignIn()
                .tokens(issuer.uri(), port, "alice")
                .get("access_token")
                .asString();
    }

    @ParameterizedTest(name = "{0} {1} {2}: {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "page          | GET    | /namespaces                          | 200",
                "fragment      | GET    | /namespaces                          | 200",
                "page          | GET    | /namespaces/catalog                  | 403",
                "page          | GET    | /admin/tiers                         | 403",
                "page          | GET    | /no/such/page                        | 404",
                "fragment      | GET    | /no/such/page                        | 404",
                "page          | DELETE | /namespaces                          | 405",
                "page          | POST   | /namespaces/catalog/policies/new     | 403",
                "page          | GET    | /css/tierdeck.css                    | 200",
                "session-api   | GET    | /actuator/health                     | 200",
                "session-api   | GET    | /actuator/prometheus                 | 403",
                "session-api   | GET    | /api/v1/me                           | 200",
                "session-api   | POST   | /api/v1/explain                      | 403",
                "token-api     | GET    | /api/v1/me                           | 200",
                "token-api     | GET    | /api/v1/tiers                        | 403",
                "token-api     | GET    | /api/v1/namespaces/catalog/policies  | 403",
                "token-api     | GET    | /api/v1/no/such                      | 404",
                "token-api     | DELETE | /api/v1/me                           | 405",
                "token-api     | POST   | /api/v1/explain                      | 400",
                "token-api     | PUT    | /api/v1/namespaces/payments/policies/x | 422",
            })
    void everyKindOfAnswerCarriesTheHeaders(String caller, String method, String path, int status) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path.trim()));
        switch (caller.trim()) {
            case "fragment" -> request.header("HX-Request", "true").header("Accept", "text/html");
            case "page" -> request.header("Accept", "text/html");
            case "token-api" -> request.header("Authorization", "Bearer " + token);
            default -> request.header("Accept", "application/json");
        }
        if (caller.trim().equals("page") && !method.trim().equals("GET")) {
            request.header("X-CSRF-TOKEN", csrf);
        }
        String body = method.trim().equals("POST") && path.contains("explain") ? "{not json" : "";
        if (!body.isEmpty()) {
            request.header("Content-Type", "application/json");
        }
        request.method(method.trim(), HttpRequest.BodyPublishers.ofString(body));
        HttpClient client = caller.trim().equals("token-api") ? HttpClient.newHttpClient() : browser;
        HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        String head = response.headers().map().toString();
        assertHeaders(name -> response.headers().firstValue(name).orElse(""), head);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"GET //namespaces", "GET /a;b", "GET /%2e%2e/", "GET /%zz", "TRACE /namespaces", "GET /namespaces/%00"})
    void refusalsOfTheFirewallAndTheContainerCarryTheHeadersForASignedInBrowser(String line) throws IOException {
        String raw = send(line + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nCookie: " + cookie
                + "\r\nConnection: close\r\n\r\n");
        String head = raw.substring(0, Math.max(0, raw.indexOf("\r\n\r\n")));
        int status = Integer.parseInt(head.split(" ")[1]);

        assertThat(status).as(head).isBetween(400, 499);
        assertHeaders(name -> header(head, name), head);
    }

    private static void assertHeaders(java.util.function.Function<String, String> header, String head) {
        assertThat(header.apply("content-security-policy"))
                .as(head)
                .contains("default-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline'", "unsafe-eval");
        assertThat(header.apply("x-content-type-options")).as(head).isEqualTo("nosniff");
        assertThat(header.apply("x-frame-options")).as(head).isEqualTo("DENY");
        assertThat(header.apply("referrer-policy")).as(head).isEqualTo("same-origin");
        assertThat(header.apply("cross-origin-opener-policy")).as(head).isEqualTo("same-origin");
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0
                    && line.substring(0, colon).trim().toLowerCase(Locale.ROOT).equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }

    private String send(String raw) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException closedMidWay) {
                // the server may reset the connection after answering a request it refused
            }
            return bytes.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
