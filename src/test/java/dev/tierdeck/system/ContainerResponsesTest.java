package dev.tierdeck.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.identity.TrustedIssuer;
import dev.tierdeck.identity.demo.DemoSignIn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the portal and its servlet container answer on the wire, sent over a plain socket so that nothing (no client
 * library, no MockMvc) tidies the request: the security headers on every kind of response, refusals by the request
 * firewall and by Tomcat itself included; redirects that never follow the {@code Host} header.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContainerResponsesTest {

    @LocalServerPort
    int port;

    @Autowired
    TrustedIssuer issuer;

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "GET /login",
                "GET /css/tierdeck.css",
                "GET /api/v1/me",
                "GET /namespaces",
                "GET /error",
                "GET //namespaces",
                "GET /a;b",
                "GET /%2e%2e/",
                "GET /%zz",
                "GET /namespaces/%00",
                "TRACE /",
                "TRACE /api/v1/me",
                "OPTIONS /",
                "BREW /",
            })
    void everyResponseCarriesTheSecurityHeaders(String request) throws IOException {
        Response response =
                send(request + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).as(response.head()).isLessThan(500);
        assertSecurityHeaders(response);
    }

    @Test
    void headersTooLargeForTheContainerAreRefusedWithTheSecurityHeaders() throws IOException {
        Response response = send("GET /login HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "x".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).as(response.head()).isEqualTo(400);
        assertSecurityHeaders(response);
    }

    @Test
    void aPolicyPutAsMultipartIsRefusedNotAFailure() throws Exception {
        String token = new DemoSignIn()
                .tokens(issuer.uri(), port, "bob")
                .get("access_token")
                .asString();
        for (String type : new String[] {"multipart/form-data", "multipart/form-data; boundary=b"}) {
            Response response = send("PUT /api/v1/namespaces/catalog/policies/x HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + token + "\r\nContent-Type: " + type + "\r\nContent-Length: 4\r\n"
                    + "Connection: close\r\n\r\n--b-");

            assertThat(response.status()).as(type + "\n" + response.head()).isBetween(400, 499);
        }
    }

    @Test
    void traceIsRefusedWithoutEchoingTheRequest() throws IOException {
        Response response =
                send("TRACE / HTTP/1.1\r\nHost: localhost\r\nCookie: secret=1\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.body()).doesNotContain("secret");
    }

    @Test
    void theErrorPageCalledDirectlyIsNotFoundRatherThanAFailure() throws IOException {
        Response response = send("GET /error HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(response.status()).isEqualTo(404);
    }

    @Test
    void anUnauthenticatedRedirectNeverNamesTheHostHeadersHost() throws IOException {
        Response page = send("GET /namespaces HTTP/1.1\r\nHost: evil.example\r\nAccept: text/html\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(page.status()).isEqualTo(302);
        assertThat(page.header("location")).doesNotContain("evil.example");

        Response signIn = send("GET /oauth2/authorization/tierdeck HTTP/1.1\r\nHost: evil.example\r\n"
                + "Accept: text/html\r\nConnection: close\r\n\r\n");

        assertThat(signIn.status()).isEqualTo(302);
        assertThat(signIn.header("location"))
                .contains("redirect_uri=http://localhost:" + port + "/login/oauth2/code/tierdeck");
        assertThat(signIn.header("location")).doesNotContain("evil.example");
    }

    private static void assertSecurityHeaders(Response response) {
        assertThat(response.header("content-security-policy"))
                .as(response.head())
                .contains("default-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("x-frame-options")).as(response.head()).isEqualTo("DENY");
        assertThat(response.header("x-content-type-options"))
                .as(response.head())
                .isEqualTo("nosniff");
        assertThat(response.header("referrer-policy")).as(response.head()).isEqualTo("same-origin");
        assertThat(response.header("cross-origin-opener-policy"))
                .as(response.head())
                .isEqualTo("same-origin");
    }

    private Response send(String raw) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(raw.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int n;
            try {
                while ((n = in.read(buffer)) >= 0) {
                    bytes.write(buffer, 0, n);
                }
            } catch (IOException closedMidWay) {
                // the server may reset the connection after answering a request it refused
            }
            return Response.parse(bytes.toString(StandardCharsets.ISO_8859_1));
        }
    }

    record Response(int status, String head, Map<String, String> headers, String body) {

        static Response parse(String text) {
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            String body = end < 0 ? "" : text.substring(end + 4);
            String[] lines = head.split("\r\n");
            int status = lines[0].startsWith("HTTP/") ? Integer.parseInt(lines[0].split(" ")[1]) : 0;
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon > 0) {
                    headers.merge(
                            lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                            lines[i].substring(colon + 1).trim(),
                            (a, b) -> a + ", " + b);
                }
            }
            return new Response(status, head, headers, body);
        }

        String header(String name) {
            return headers.getOrDefault(name, "");
        }
    }
}
