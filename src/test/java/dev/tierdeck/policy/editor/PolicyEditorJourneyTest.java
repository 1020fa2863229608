package dev.tierdeck.policy.editor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import dev.tierdeck.browser.BrowserSession;
import dev.tierdeck.browser.HeadlessChromium;
import dev.tierdeck.engine.model.CalicoPolicy;
import dev.tierdeck.engine.model.PolicyType;
import dev.tierdeck.policy.PolicyDrafts;
import dev.tierdeck.policy.PolicyRef;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
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
        browser = HeadlessChromium.startWithoutJavaScript(1400, 1100);
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

    private void signIn(String username) {
        new BrowserSession(browser, port).signIn(username);
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
        BrowserSession.waitUntil(browser, condition);
    }

    private void screenshot(String name) {
        BrowserSession.screenshot(browser, name);
    }
}
