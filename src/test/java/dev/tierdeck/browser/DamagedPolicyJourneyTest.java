package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A policy whose stored copy cannot be read shows on its namespace page with the reason, the rest of the page works,
 * and its owner deletes it from there, in headless Chromium (signing in through the demo provider and back).
 */
@Tag("browser")
@SpringBootTest(classes = Tierdeck.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DamagedPolicyJourneyTest {

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

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
    void theOwnerSeesADamagedPolicyWithItsReasonAndDeletesIt() {
        jdbc.sql("""
                        insert into policy_draft (namespace, name, kind, tier, state, revision, policy_yaml, updated_by,
                            updated_at)
                        values ('payments', 'hand-edited', 'NetworkPolicy', 'default', 'DRAFT', 3, :yaml, 'alice', :at)
                        on conflict do nothing""")
                .param("yaml", "apiVersion: projectcalico.org/v3\nkind: NetworkPolicy\nmetadata: [\n")
                .param("at", Timestamp.from(Instant.now()))
                .update();
        new BrowserSession(browser, port).signIn("alice");

        browser.get("http://localhost:" + port + "/namespaces/payments");
        BrowserSession.waitUntil(
                browser, () -> !browser.findElements(By.id("damaged-policies")).isEmpty());
        String notice = browser.findElement(By.id("damaged-policies")).getText();
        assertThat(notice).contains("hand-edited").contains("cannot be read").contains("malformed YAML");
        assertThat(browser.findElements(By.cssSelector("#workloads tbody tr"))).isNotEmpty();
        browser.executeScript("document.getElementById('damaged-policies').scrollIntoView()");
        BrowserSession.screenshot(browser, "damaged-policy.png");

        browser.findElement(By.cssSelector("#damaged-policies button")).click();

        BrowserSession.waitUntil(
                browser, () -> browser.findElements(By.id("damaged-policies")).isEmpty());
        assertThat(browser.getCurrentUrl()).endsWith("/namespaces/payments");
        assertThat(browser.getPageSource()).contains("payments/hand-edited is deleted");
        BrowserSession.screenshot(browser, "damaged-policy-deleted.png");
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();
        assertThat(jdbc.sql("select count(*) from policy_draft where name = 'hand-edited'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
