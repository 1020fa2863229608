package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
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
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();

        browser.get(portal("/namespaces/catalog"));
        assertThat(browser.getPageSource()).contains("403");
    }

    private void signIn(String username) {
        browser.get(portal("/"));
        waitUntil(() -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(portal("/"))
                && !browser.findElements(By.cssSelector("main h1")).isEmpty());
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private static List<String> texts(By by) {
        return HeadlessChromium.texts(browser, by);
    }

    private static void waitUntil(BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofSeconds(2))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    private static void screenshot(String name) throws IOException {
        File file = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), HeadlessChromium.SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
