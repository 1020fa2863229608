package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Alice opens her namespaces on the demo cluster and looks at payments in headless Chromium. */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.flow.demo-feed.enabled=true", "tierdeck.flow.demo-feed.backfill=2h"})
class NamespacePageJourneyTest {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(1366, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aDeveloperSeesWhatProtectsTheirNamespace() throws IOException {
        signIn("alice");

        browser.findElement(By.linkText("My namespaces")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/namespaces"));
        assertThat(texts(By.cssSelector("#namespaces tbody td a"))).containsExactly("checkout", "payments");
        screenshot("namespaces.png");

        browser.findElement(By.linkText("payments")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/namespaces/payments"));
        assertThat(texts(By.cssSelector("#workloads tbody td strong")))
                .contains("payments-api", "payments-worker", "fraud-check");
        assertThat(texts(By.cssSelector("#stack h3 span:first-child")).getFirst())
                .startsWith("1. ");
        assertThat(texts(By.cssSelector("#namespace .page-header a"))).contains("New policy");
        // the demo feed backfills its history once the demo cluster is cached; the htmx refresh picks it up
        waitUntil(() -> {
            if (browser.findElements(By.cssSelector("#denied-flows tbody tr")).isEmpty()) {
                browser.findElement(By.linkText("Refresh")).click();
                return false;
            }
            return true;
        });
        assertThat(browser.getCurrentUrl()).endsWith("/namespaces/payments");
        screenshot("namespace.png");
        browser.executeScript("document.getElementById('stack').scrollIntoView()");
        screenshot("namespace-stack.png");
        browser.executeScript("document.getElementById('denied-flows').scrollIntoView()");
        screenshot("namespace-denied-flows.png");

        // payments-worker is selected in ingress only by the upper tiers' Pass policies and an Allow: open
        assertThat(texts(By.cssSelector("#coverage dd:nth-of-type(1) li code"))).contains("payments-worker");
        assertThat(texts(By.cssSelector("#coverage dd:nth-of-type(1) li code"))).doesNotContain("payments-api");
        assertThat(browser.findElement(
                                By.xpath("//section[@id='workloads']//tr[td/strong[text()='payments-worker']]/td[4]"))
                        .getText())
                .isEqualTo("open");
        assertThat(browser.findElement(
                                By.xpath("//section[@id='workloads']//tr[td/strong[text()='payments-api']]/td[4]"))
                        .getText())
                .isEqualTo("tier default");
        browser.executeScript("document.getElementById('workloads').scrollIntoView()");
        screenshot("namespace-coverage.png");
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();

        browser.get(portal("/namespaces/catalog"));
        assertThat(browser.getPageSource()).contains("403");
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
