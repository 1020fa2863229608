package dev.tierdeck.preview;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.browser.BrowserSession;
import dev.tierdeck.browser.HeadlessChromium;
import dev.tierdeck.engine.manifest.ManifestReader;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.flow.FlowStore;
import dev.tierdeck.identity.CurrentUser;
import dev.tierdeck.identity.Role;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.io.IOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Alice previews her draft in headless Chromium, changes the window with htmx, opens an explanation, explains a flow. */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.cluster.demo.seed=classpath:preview/cluster.yaml",
            "tierdeck.database.embedded.database=preview_journey",
            "tierdeck.tier.initial.security.locked=true",
            "tierdeck.tier.initial.security.owners=tierdeck-security-admins",
            "tierdeck.tier.initial.security.purpose=Organisation-wide security rules"
        })
class PreviewJourneyTest {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    FlowStore flows;

    @Autowired
    PolicyDrafts drafts;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(1366, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aDeveloperPreviewsHerDraftAndExplainsAFlow() throws IOException {
        flows.ingest(PreviewFixture.history(
                Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(20, ChronoUnit.MINUTES)));
        CalicoPolicy draft = (CalicoPolicy) ManifestReader.read("change.yaml", PreviewFixture.resource("change.yaml"))
                .objects()
                .getFirst();
        CurrentUser alice = new CurrentUser(
                "test",
                "alice",
                "alice",
                "Alice Developer",
                Set.of(Role.DEVELOPER),
                Set.of("tierdeck-developers", "team-payments"));
        if (drafts.find(PolicyRef.namespaced("payments", "allow-web")).isEmpty()) {
            // allow-web is in force in the cluster, written outside Tierdeck: the draft takes it over
            drafts.adopt(alice, draft, "The payments team manages its web ingress in Tierdeck now.");
        }
        signIn("alice");

        browser.get(portal("/namespaces/payments/policies/allow-web/preview?window=D7"));
        waitUntil(() -> !browser.findElements(By.cssSelector(".preview-result")).isEmpty());
        browser.findElement(By.cssSelector("input[name=window][value=H1]")).click();
        browser.findElement(By.cssSelector(".preview-window button[type=submit]"))
                .click();
        waitUntil(() -> texts(By.cssSelector(".preview-result .muted")).stream()
                .anyMatch(t -> t.startsWith("3 flows replayed")));
        assertThat(texts(By.cssSelector(".total-denied .total-number"))).containsExactly("5");
        assertThat(texts(By.cssSelector(".total-allowed .total-number"))).containsExactly("3");
        assertThat(browser.findElements(By.cssSelector(".bar-list rect"))).hasSize(3);
        assertThat(texts(By.cssSelector(".thin-history")).getFirst()).startsWith("Thin history");

        screenshot("preview.png");
        browser.findElement(By.cssSelector(".preview-table details summary")).click();
        browser.executeScript("document.querySelector('.preview-table details').scrollIntoView()");
        assertThat(texts(By.cssSelector(".preview-table details .explanation")).getFirst())
                .contains("After: denied — Ingress to payments/api-7d9f8c6b5-abcde: denied at the end of tier default");
        screenshot("preview-explanation.png");

        browser.get(portal("/explain"));
        browser.findElement(By.id("source")).sendKeys("catalog");
        browser.findElement(By.id("destination")).sendKeys("payments/api-7d9f8c6b5-abcde");
        browser.findElement(By.id("port")).sendKeys("8080");
        browser.findElement(By.cssSelector(".explain-form button[type=submit]")).click();
        waitUntil(() -> !browser.findElements(By.id("explanation")).isEmpty());
        assertThat(texts(By.cssSelector("#explanation h3")))
                .containsExactly("Enforced today: Deny", "Pending, with every staged policy in force: Deny");
        screenshot("explain.png");

        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();
    }

    private void signIn(String username) {
        new BrowserSession(browser, port).signIn(username);
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private static List<String> texts(By by) {
        return HeadlessChromium.texts(browser, by);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        BrowserSession.waitUntil(browser, condition);
    }

    private static void screenshot(String name) {
        BrowserSession.screenshot(browser, name);
    }
}
