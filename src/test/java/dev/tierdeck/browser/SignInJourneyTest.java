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

/**
 * The whole portal in headless Chromium: sign in through the demo identity provider's real authorization-code
 * flow, see the role's home page, sign out (which ends the provider's session too).
 */
@Tag("browser")
@SpringBootTest(classes = Tierdeck.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SignInJourneyTest {

    private static final Path SCREENSHOTS = HeadlessChromium.SCREENSHOTS;

    private static ChromeDriver browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.start(1280, 900);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void developerSignsInSeesTheirNamespacesAndSignsOut() throws IOException {
        signIn("alice");

        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Welcome, Alice Developer");
        assertThat(texts(By.cssSelector(".namespaces code"))).containsExactly("checkout", "payments");
        assertThat(texts(By.cssSelector(".topbar .badge"))).containsExactly("developer");
        assertThat(browser.findElements(By.id("areas-title"))).isEmpty();
        screenshot("home-developer.png");

        // htmx (loaded under the strict CSP) replaces the content in place
        browser.findElement(By.linkText("Refresh")).click();
        waitUntil(() -> texts(By.cssSelector(".namespaces code")).size() == 2);

        browser.manage().window().setSize(new Dimension(420, 900));
        screenshot("home-developer-narrow.png");
        browser.manage().window().setSize(new Dimension(1280, 900));

        assertThat(contentSecurityPolicyViolations()).isEmpty();
        signOutAndCheckTheProviderForgotUs();
    }

    @Test
    void adminSignsInSeesTheAdminHomeAndSignsOut() throws IOException {
        signIn("admin");

        assertThat(text(By.cssSelector("main h1"))).isEqualTo("Welcome, Ada Admin");
        assertThat(text(By.id("cluster-title"))).isEqualTo("Cluster connection");
        assertThat(text(By.id("areas-title"))).isEqualTo("Your areas");
        assertThat(browser.findElements(By.cssSelector(".namespaces"))).isEmpty();
        assertThat(texts(By.cssSelector(".topbar .badge"))).containsExactly("platform-admin");
        screenshot("home-admin.png");

        assertThat(contentSecurityPolicyViolations()).isEmpty();
        signOutAndCheckTheProviderForgotUs();
    }

    private void signIn(String username) throws IOException {
        browser.get(portal("/"));
        waitUntil(() -> browser.getCurrentUrl().contains("/login")
                && !browser.findElements(By.id("username")).isEmpty());
        assertThat(browser.getCurrentUrl()).doesNotStartWith(portal("/"));
        assertThat(browser.getPageSource()).contains("Tierdeck demo identity provider");
        screenshot("demo-idp-login.png");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(portal("/"))
                && !browser.findElements(By.cssSelector("main h1")).isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(portal("/"));
    }

    private void signOutAndCheckTheProviderForgotUs() throws IOException {
        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(portal("/login?logout")));
        assertThat(text(By.cssSelector(".sign-in [role=status]"))).isEqualTo("You are signed out.");
        screenshot("signed-out.png");

        // the identity provider's session ended as well: signing in again asks for the password
        browser.findElement(By.linkText("Sign in")).click();
        waitUntil(() -> !browser.findElements(By.id("password")).isEmpty());
        assertThat(browser.getCurrentUrl()).doesNotStartWith(portal("/"));
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
