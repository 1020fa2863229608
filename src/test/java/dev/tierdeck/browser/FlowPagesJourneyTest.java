package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** An admin looks at the demo feed's flows and at the flow source panel in headless Chromium. */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tierdeck.flow.demo-feed.enabled=true", "tierdeck.flow.demo-feed.backfill=2h"})
class FlowPagesJourneyTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

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
    void adminBrowsesTheDemoFlowsAndTheFlowSource() throws IOException {
        signIn("admin");

        browser.get(portal("/flows?window=H6"));
        // the demo feed backfills its history once the demo cluster is cached
        waitUntil(() -> {
            if (browser.findElements(By.cssSelector(".flow-table tbody tr")).isEmpty()) {
                browser.navigate().refresh();
                return false;
            }
            return true;
        });
        assertThat(browser.findElements(By.cssSelector(".flow-table tbody tr"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector(".flow-table .trace li")))
                .isNotEmpty();
        screenshot("flows-search.png");
        browser.executeScript("document.getElementById('flow-results').scrollIntoView()");
        screenshot("flows.png");

        browser.manage().window().setSize(new Dimension(420, 900));
        screenshot("flows-narrow.png");
        browser.manage().window().setSize(new Dimension(1366, 900));

        browser.get(portal("/flows?from=tomorrow"));
        assertThat(texts(By.cssSelector("#flow-results .flash-error")))
                .containsExactly("From: expected a time such as 2026-11-26T14:00 (UTC) or 2026-11-26T14:00:00+01:00, "
                        + "got \"tomorrow\".");

        browser.findElement(By.linkText("Flow source")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/flow-source"));
        assertThat(texts(By.cssSelector("#flow-source h1"))).containsExactly("Flow source");
        assertThat(texts(By.cssSelector("#flow-source tbody td strong"))).containsExactly("demo");
        screenshot("flow-source.png");
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
