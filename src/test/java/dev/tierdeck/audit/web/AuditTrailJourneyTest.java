package dev.tierdeck.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.audit.Actor;
import dev.tierdeck.audit.AuditEntry;
import dev.tierdeck.audit.AuditLog;
import dev.tierdeck.browser.BrowserSession;
import dev.tierdeck.browser.HeadlessChromium;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin reads the audit trail in headless Chromium: finds it in the navigation, filters (htmx swaps the
 * results under the strict CSP), opens a record's before/after diff and verifies the chain.
 */
@Tag("browser")
@SpringBootTest(classes = Tierdeck.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditTrailJourneyTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    AuditLog auditLog;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(1280, 1000);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void anAdminFiltersTheTrailReadsADiffAndVerifiesTheChain() throws IOException {
        Actor alice = new Actor("http://localhost:9000", "alice", "Alice Developer");
        auditLog.record(AuditEntry.builder(new Actor("http://localhost:9000", "admin", "Ada Admin"), "tier.created")
                .target("Tier", null, "platform")
                .tier("platform")
                .reason("Platform rules come before the teams' own")
                .change(
                        null,
                        "apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata:\n  name: platform\nspec:\n  order: 100\n")
                .build());
        auditLog.record(AuditEntry.builder(alice, "policy.promoted")
                .target("NetworkPolicy", "payments", "allow-checkout")
                .tier("default")
                .reason("Checkout must reach the payment API <script>alert(1)</script>")
                .change(
                        "spec:\n  selector: app == 'payments'\n  ingress:\n  - action: Allow\n    source:\n      selector: app == 'web'\n",
                        "spec:\n  selector: app == 'payments'\n  ingress:\n  - action: Allow\n    source:\n      selector: app == 'checkout'\n")
                .impactJson("{\"newlyAllowed\": 3, \"newlyDenied\": 1}")
                .correlationId("req-journey-0001")
                .build());

        signIn("admin");
        browser.findElement(By.linkText("Audit trail")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/audit"));
        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Audit trail");
        screenshot("audit-trail.png");

        // htmx: the results are replaced in place and the address follows the filters
        browser.findElement(By.id("filter-namespace")).sendKeys("payments");
        browser.findElement(By.xpath("//button[normalize-space()='Filter']")).click();
        waitUntil(() -> browser.getCurrentUrl().contains("namespace=payments"));
        waitUntil(() -> text(By.id("audit-results-title")).matches("\\d+ records?")
                && texts(By.cssSelector("#audit-results tbody td:nth-child(4)")).stream()
                        .allMatch(target -> target.contains("payments/")));
        assertThat(browser.findElement(By.id("filter-namespace")).getAttribute("value"))
                .isEqualTo("payments");

        WebElement details = browser.findElement(By.cssSelector("#audit-results details"));
        details.findElement(By.tagName("summary")).click();
        waitUntil(details::isDisplayed);
        assertThat(texts(By.cssSelector("#audit-results details del"))).contains("-       selector: app == 'web'");
        assertThat(texts(By.cssSelector("#audit-results details ins"))).contains("+       selector: app == 'checkout'");
        assertThat(browser.getPageSource()).doesNotContain("<script>alert(1)</script>");
        screenshot("audit-trail-diff.png");

        browser.findElement(By.xpath("//button[normalize-space()='Verify the chain']"))
                .click();
        waitUntil(() ->
                !browser.findElements(By.cssSelector("#verification .flash")).isEmpty());
        assertThat(text(By.cssSelector("#verification .flash"))).startsWith("The chain holds: all");
        screenshot("audit-trail-verified.png");

        assertThat(contentSecurityPolicyViolations()).isEmpty();
    }

    private void signIn(String username) {
        new BrowserSession(browser, port).signIn(username);
    }

    private List<String> contentSecurityPolicyViolations() {
        return HeadlessChromium.contentSecurityPolicyViolations(browser);
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private static String text(By by) {
        return browser.findElement(by).getText().strip();
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
