package dev.tierdeck.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.browser.BrowserSession;
import dev.tierdeck.browser.HeadlessChromium;
import dev.tierdeck.promotion.PermissionTableTest.Who;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stored XSS: a corpus of payloads goes into every free-text field an admin or a developer can fill (tier purpose and
 * comment, team description, guardrail comment, a selector's quoted value, an approver's comment, a change reason),
 * through the API; then every page that shows those fields is opened in headless Chromium. A payload that became
 * markup would run a script (which sets the page title), or be stopped by the Content-Security-Policy (which the
 * browser reports): neither may happen, while the payload's text is on the page, shown as text.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.database.embedded.database=stored_xss", "tierdeck.flow.demo-feed.enabled=false"})
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoredXssJourneyTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Markup, attribute breakouts, script URLs and template syntax; each one would set the title to XSS. */
    static final List<String> CORPUS = List.of(
            "<script>document.title='XSS'</script>",
            "<img src=x onerror=\"document.title='XSS'\">",
            "\"><svg onload=\"document.title='XSS'\">",
            "'><iframe srcdoc=\"<script>parent.document.title='XSS'</script>\"></iframe>",
            "<a href=\"javascript:document.title='XSS'\" id=xsslink>x</a>",
            "</textarea><script>document.title='XSS'</script>",
            "<div hx-get=\"/api/v1/me\" hx-trigger=\"load\" hx-on::after-request=\"document.title='XSS'\">h</div>",
            "[[${7*1234567}]] __${7*1234567}__ {{7*1234567}}");

    /** All payloads in one text, short enough for every field. */
    static final String PAYLOAD = String.join(" ", CORPUS);

    @LocalServerPort
    int port;

    @Autowired
    MockMvc mvc;

    private BrowserSession browser;

    @BeforeAll
    void storeThePayloadsAndStartTheBrowser() throws Exception {
        String text = JSON.writeValueAsString(PAYLOAD);
        ok(post("/api/v1/tiers")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"xss\",\"order\":300,\"defaultAction\":\"Pass\",\"purpose\":" + text
                        + ",\"comment\":" + text + "}"));
        ok(post("/api/v1/teams")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"name\":\"xss-team\",\"description\":" + text + ",\"groups\":[\"team-xss\"],"
                        + "\"namespacePatterns\":[\"sandbox\"],\"comment\":" + text + "}"));
        JsonNode rules = JSON.readTree(mvc.perform(get("/api/v1/guardrails").with(Who.PLATFORM_ADMIN.token()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString())
                .get("rules");
        ok(put("/api/v1/guardrails")
                .with(Who.PLATFORM_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"comment\":" + text + ",\"rules\":" + rules + "}"));
        // a draft whose selector holds the payload in a quoted value and that reaches another team's namespace, so
        // that it waits for an approver, who rejects it with the payload as the comment
        String quoted = PAYLOAD.replace("'", "").replace("\"", "");
        ok(put("/api/v1/namespaces/payments/policies/xss-policy")
                .with(Who.TEAM_DEVELOPER.token())
                .contentType("application/yaml")
                .content("apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\n"
                        + "metadata: {name: xss-policy, namespace: payments}\nspec:\n  tier: default\n  order: 100\n"
                        + "  selector: " + JSON.writeValueAsString("app == '" + quoted.substring(0, 200) + "'") + "\n"
                        + "  ingress:\n  - {action: Allow, protocol: TCP, source: {namespaceSelector:"
                        + " kubernetes.io/metadata.name == 'catalog'}}\n"));
        ok(post("/api/v1/namespaces/payments/policies/xss-policy/stage").with(Who.TEAM_DEVELOPER.token()));
        long approval = 0;
        for (JsonNode a : JSON.readTree(mvc.perform(get("/api/v1/approvals").with(Who.SECURITY_ADMIN.token()))
                .andReturn()
                .getResponse()
                .getContentAsString())) {
            if (a.path("name").asString().equals("xss-policy")) {
                approval = a.path("id").asLong();
            }
        }
        ok(post("/api/v1/approvals/" + approval + "/reject")
                .with(Who.SECURITY_ADMIN.token())
                .contentType(MediaType.APPLICATION_JSON)
                .content("{\"comment\":" + text + "}"));
        browser = new BrowserSession(HeadlessChromium.start(1366, 1000), port);
    }

    @AfterAll
    void stopTheBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void noPayloadRunsOnAnyPageThatShowsIt() {
        browser.signIn("admin");
        Map<String, String> pages = Map.of(
                "/admin/tiers", "tier purpose",
                "/admin/tiers/xss/edit", "tier purpose in the form",
                "/admin/stack", "the stack",
                "/admin/teams", "team description",
                "/admin/teams/xss-team/edit", "team description in the form",
                "/admin/guardrails", "guardrail comment",
                "/admin/audit", "comments and reasons in the audit trail",
                "/namespaces/payments/policies/xss-policy", "selector and the approver's comment",
                "/namespaces/payments", "the namespace's policies");
        int shown = 0;
        for (var page : pages.entrySet()) {
            browser.open(page.getKey());
            browser.waitUntil(() -> !browser.driver()
                    .findElements(org.openqa.selenium.By.cssSelector("main"))
                    .isEmpty());
            String title = browser.driver().getTitle();
            Object injected = browser.driver()
                    .executeScript("return Array.from(document.querySelectorAll("
                            + "'script:not([src]), [onerror], [onload], iframe[srcdoc], #xsslink, [hx-on\\\\:\\\\:after-request]'))"
                            + ".filter(e => e.outerHTML.includes('XSS')).length");
            assertThat(title).as(page.getValue()).doesNotContain("XSS");
            assertThat(((Number) injected).intValue())
                    .as(page.getValue() + ": payload elements")
                    .isZero();
            assertThat(browser.pageText())
                    .as(page.getValue() + ": templates evaluated")
                    .doesNotContain("8641969");
            if (browser.driver().getPageSource().contains("&lt;script&gt;document.title")
                    || browser.pageText().contains("<script>document.title")) {
                shown++;
            }
        }
        browser.screenshot("stored-xss.png");
        assertThat(browser.contentSecurityPolicyViolations()).isEmpty();
        assertThat(shown).as("pages showing the payload as text").isGreaterThanOrEqualTo(5);
    }

    private void ok(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult result = mvc.perform(request).andReturn();
        assertThat(result.getResponse().getStatus())
                .as(result.getResponse().getContentAsString())
                .isBetween(200, 299);
    }
}
