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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An admin widens a team's namespace patterns with a glob, watches the live preview, saves, and the access view of
 * a namespace the glob now covers names the team; then a look at the whole policy stack.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // a database of its own: the journey changes the demo teams
        properties = "tierdeck.database.embedded.database=teams_journey")
class TeamsJourneyTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

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
    void adminWidensATeamsPatternsAndTheAccessViewShowsIt() throws IOException {
        signIn("admin");

        browser.findElement(By.linkText("Teams")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/teams"));
        assertThat(texts(By.cssSelector("#team-catalog td:nth-child(4) a"))).containsExactly("catalog");

        browser.findElement(By.linkText("catalog")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/teams/catalog/edit"));
        WebElement patterns = browser.findElement(By.id("team-patterns"));
        patterns.clear();
        patterns.sendKeys("catalog\npay*");
        // htmx asks for the preview as the admin types
        waitUntil(() -> texts(By.cssSelector("#team-preview li code")).equals(List.of("catalog", "payments")));
        browser.findElement(By.id("team-comment")).sendKeys("catalog also runs the payment namespaces");
        screenshot("team-edit-preview.png");

        browser.findElement(By.cssSelector("#team-form button.primary")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/teams")
                && !browser.findElements(By.cssSelector(".flash-success")).isEmpty());
        assertThat(texts(By.cssSelector(".flash-success"))).containsExactly("Team catalog saved.");
        assertThat(texts(By.cssSelector("#team-catalog td:nth-child(4) a"))).containsExactly("catalog", "payments");

        browser.findElement(By.id("access-namespace")).sendKeys("payments");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        waitUntil(() -> browser.getCurrentUrl().contains("/admin/teams/access?namespace=payments"));
        assertThat(texts(By.cssSelector("#access-result h2"))).containsExactly("Namespace payments");
        assertThat(texts(By.cssSelector("#access-result dd:nth-of-type(1) li a")))
                .containsExactly("catalog", "payments");
        assertThat(texts(By.cssSelector("#access-result dd:nth-of-type(2) code")))
                .containsExactly("team-catalog", "team-payments");
        assertThat(texts(By.cssSelector("#access-result dd:nth-of-type(3) code")))
                .containsExactly("tierdeck-security-admins");
        screenshot("team-access.png");

        // with htmx the access form swaps the result in place
        WebElement namespace = browser.findElement(By.id("access-namespace"));
        namespace.clear();
        namespace.sendKeys("checkout");
        browser.findElement(By.cssSelector("form[role=search] button")).click();
        waitUntil(() -> texts(By.cssSelector("#access-result h2")).equals(List.of("Namespace checkout")));
        assertThat(texts(By.cssSelector("#access-result dd:nth-of-type(1) li a")))
                .containsExactly("payments");

        browser.findElement(By.linkText("Policy stack")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/admin/stack"));
        List<String> tiers = texts(By.cssSelector("#stack section > h2 > span:first-child"));
        assertThat(tiers).isNotEmpty().allMatch(title -> title.matches("\\d+\\. [a-z0-9-]+"));
        assertThat(tiers).anyMatch(title -> title.endsWith(". default"));
        screenshot("policy-stack.png");

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
