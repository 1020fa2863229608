package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.browser.HeadlessChromium;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A developer builds a default-deny policy that lets the ingress controller in, with the form, and saves it: once with
 * htmx doing the work in place, once with JavaScript switched off in the browser.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "tierdeck.database.embedded.database=editor_journey_test")
class PolicyEditorJourneyTest {

    @LocalServerPort
    int port;

    @Autowired
    PolicyDrafts drafts;

    @Autowired
    JdbcClient jdbc;

    private ChromeDriver browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        jdbc.sql("delete from policy_draft where name like 'lockdown-%'").update();
    }

    @Test
    void aDeveloperBuildsDefaultDenyWithTheIngressControllerAllowedUsingHtmx() throws IOException {
        browser = HeadlessChromium.start(1400, 1100);
        signIn("alice");
        browser.get(portal("/namespaces/payments/policies/new"));
        browser.findElement(By.linkText("Default deny")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("?template=default-deny"));

        replace(By.id("policy-name"), "lockdown-js");
        click("add-ingress");
        // htmx swapped the rules in place: the page did not reload
        waitUntil(() -> !browser.findElements(By.name("ingress[0].peer.kind")).isEmpty());
        new Select(browser.findElement(By.name("ingress[0].peer.kind"))).selectByValue("namespaces");
        browser.findElement(By.id("ingress-0-ns-names")).sendKeys("ingress-nginx");
        // the YAML beside the form follows, and the selector preview counts the namespace's pods
        waitUntil(() -> yaml().contains("projectcalico.org/name == \"ingress-nginx\""));
        assertThat(yaml()).contains("types:", "- Ingress", "- Egress", "action: Allow");
        assertThat(HeadlessChromium.texts(browser, By.id("selector-matches")).getFirst())
                .startsWith("Matches ");
        screenshot("policy-editor-htmx.png");

        click("save");
        waitUntil(() -> browser.getCurrentUrl().endsWith("/namespaces/payments/policies/lockdown-js"));
        assertSaved("lockdown-js");
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();
    }

    @Test
    void aDeveloperBuildsTheSamePolicyWithJavaScriptOff() throws IOException {
        browser = withoutJavaScript();
        signIn("alice");
        browser.get(portal("/namespaces/payments/policies/new?template=default-deny"));

        replace(By.id("policy-name"), "lockdown-plain");
        click("add-ingress");
        // a plain post re-rendered the page, keeping the name typed before
        waitUntil(() -> !browser.findElements(By.name("ingress[0].peer.kind")).isEmpty());
        assertThat(browser.findElement(By.id("policy-name")).getDomProperty("value"))
                .isEqualTo("lockdown-plain");
        new Select(browser.findElement(By.name("ingress[0].peer.kind"))).selectByValue("namespaces");
        // the stylesheet alone shows the namespace fields for the chosen peer
        WebElement names = browser.findElement(By.id("ingress-0-ns-names"));
        assertThat(names.isDisplayed()).isTrue();
        names.sendKeys("ingress-nginx");
        click("validate");
        waitUntil(() -> yaml().contains("projectcalico.org/name == \"ingress-nginx\""));
        screenshot("policy-editor-no-javascript.png");

        click("save");
        waitUntil(() -> browser.getCurrentUrl().endsWith("/namespaces/payments/policies/lockdown-plain"));
        assertSaved("lockdown-plain");
    }

    @Test
    void anAdminWritesAGlobalPolicyInYamlOnlyMode() throws IOException {
        browser = HeadlessChromium.start(1400, 1100);
        signIn("admin");
        browser.findElement(By.linkText("New global policy")).click();
        waitUntil(() -> browser.getCurrentUrl().endsWith("/global-policies/new"));
        replace(By.id("policy-name"), "lockdown-global");
        click("mode-yaml");
        waitUntil(() -> browser.findElements(By.id("form-fields")).isEmpty());

        WebElement yaml = browser.findElement(By.id("policy-yaml"));
        yaml.clear();
        yaml.sendKeys(
                "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: lockdown-global\n"
                        + "spec:\n  tier: nowhere\n  selector: has(app)\n");
        // checked as it is typed, with the line and field of each problem
        waitUntil(() -> HeadlessChromium.texts(browser, By.cssSelector("#msg-yaml p"))
                .contains("Line 6: spec.tier: The tier nowhere does not exist in the cluster."));
        screenshot("policy-editor-yaml-only.png");

        yaml = browser.findElement(By.id("policy-yaml"));
        yaml.clear();
        yaml.sendKeys(
                "apiVersion: projectcalico.org/v3\nkind: GlobalNetworkPolicy\nmetadata:\n  name: lockdown-global\n"
                        + "spec:\n  tier: default\n  order: 5\n  selector: has(app)\n  types: [Egress]\n");
        click("save");
        waitUntil(() -> browser.getCurrentUrl().endsWith("/global-policies/lockdown-global"));
        assertThat(drafts.find(PolicyRef.global("lockdown-global"))
                        .orElseThrow()
                        .policy()
                        .order())
                .isEqualTo(5.0);
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();
    }

    private void assertSaved(String name) {
        CalicoPolicy saved = drafts.find(PolicyRef.namespaced("payments", name))
                .orElseThrow()
                .policy();
        assertThat(saved.types()).containsExactly(PolicyType.Ingress, PolicyType.Egress);
        assertThat(saved.egress()).isEmpty();
        assertThat(saved.ingress()).singleElement().satisfies(rule -> {
            assertThat(rule.action().name()).isEqualTo("Allow");
            assertThat(rule.source().namespaceSelector()).isEqualTo("projectcalico.org/name == \"ingress-nginx\"");
            assertThat(rule.source().selector()).isNull();
        });
    }

    private static ChromeDriver withoutJavaScript() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1400,1100",
                "--user-data-dir=" + Files.createTempDirectory("tierdeck-chromium-"));
        options.setExperimentalOption("prefs", Map.of("profile.managed_default_content_settings.javascript", 2));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .build();
        return new ChromeDriver(service, options);
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

    private void click(String action) {
        List<WebElement> buttons =
                browser.findElements(By.cssSelector("button[name='_action'][value='" + action + "']"));
        buttons.stream()
                .filter(WebElement::isDisplayed)
                .findFirst()
                .orElseThrow()
                .click();
    }

    private void replace(By by, String text) {
        WebElement field = browser.findElement(by);
        field.clear();
        field.sendKeys(text);
    }

    private String yaml() {
        return browser.findElement(By.id("policy-yaml")).getDomProperty("value");
    }

    private String portal(String path) {
        return "http://localhost:" + port + path;
    }

    private void waitUntil(java.util.function.BooleanSupplier condition) {
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30), Duration.ofMillis(250))
                    .ignoring(StaleElementReferenceException.class)
                    .until(driver -> condition.getAsBoolean());
        } catch (org.openqa.selenium.TimeoutException e) {
            // what the page showed and what the browser logged explain a journey that got stuck
            throw new AssertionError(
                    "timed out on " + browser.getCurrentUrl() + "; problems: "
                            + HeadlessChromium.texts(browser, By.id("problems")) + "; console: "
                            + browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                                    .map(l -> l.getMessage()
                                            .substring(
                                                    0,
                                                    Math.min(300, l.getMessage().length())))
                                    .toList(),
                    e);
        }
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(HeadlessChromium.SCREENSHOTS);
        File file = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), HeadlessChromium.SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
}
