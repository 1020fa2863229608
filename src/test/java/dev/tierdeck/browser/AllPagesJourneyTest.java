package dev.tierdeck.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tierdeck.Tierdeck;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Every page a developer, an admin and a viewer can open, at a desktop width (1440 px) and a phone width (390 px):
 * no console error, no Content-Security-Policy violation, no sideways scrolling of the page on the phone, and no
 * serious or critical finding of axe-core. The editor's buttons keep the keyboard focus where the work continues, and
 * unsaved changes come back after leaving the editor.
 */
@Tag("browser")
@SpringBootTest(
        classes = Tierdeck.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tierdeck.database.embedded.database=all_pages_journey",
            "tierdeck.flow.demo-feed.enabled=true",
            "tierdeck.flow.demo-feed.backfill=1h"
        })
class AllPagesJourneyTest {

    private static final int DESKTOP = 1440;
    private static final int PHONE = 390;

    /** Pages beyond the navigation's links, per user: the detail pages a journey reaches by following links. */
    private static final Map<String, List<String>> DETAIL_PAGES = Map.of(
            "alice",
            List.of(
                    "/namespaces/checkout",
                    "/namespaces/checkout/policies/new",
                    "/namespaces/checkout/policies/new?template=allow-dns",
                    "/namespaces/checkout/policies/checkout-frontend/edit",
                    "/namespaces/checkout/recommendation",
                    "/explain"),
            "admin",
            List.of("/namespaces/payments", "/global-policies/new", "/admin/flow-source"),
            "viewer",
            List.of("/namespaces/payments"));

    /** Pages whose screenshots are kept, desktop and phone. */
    private static final Set<String> SHOWN = Set.of(
            "/",
            "/namespaces/checkout",
            "/namespaces/checkout/policies/new",
            "/admin/tiers",
            "/admin/stack",
            "/admin/guardrails",
            "/admin/teams",
            "/admin/approvals",
            "/admin/audit",
            "/explain",
            "/flows");

    @LocalServerPort
    int port;

    private ChromeDriver browser;
    private BrowserSession session;
    private final List<String> findings = new ArrayList<>();

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void everyPageWorksOnADesktopAndAPhone() throws IOException {
        browser = HeadlessChromium.start(DESKTOP, 1000);
        // axe-core reads every element of a page: on a busy machine a long page takes a while
        browser.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
        session = new BrowserSession(browser, port);
        String axe = axeSource();
        int pages = 0;
        for (String user : List.of("alice", "admin", "viewer")) {
            browser.manage().window().setSize(new Dimension(DESKTOP, 1000));
            session.signIn(user);
            Set<String> paths = new LinkedHashSet<>();
            paths.add("/");
            browser.findElements(By.cssSelector("nav.sidebar a")).forEach(a -> paths.add(path(a)));
            paths.addAll(DETAIL_PAGES.getOrDefault(user, List.of()));
            for (int width : new int[] {DESKTOP, PHONE}) {
                browser.manage().window().setSize(new Dimension(width, width == PHONE ? 844 : 1000));
                for (String path : paths) {
                    visit(user, width, path, axe);
                    pages++;
                }
            }
        }
        assertThat(pages).isGreaterThan(30);
        assertThat(findings).as("problems found on the pages").isEmpty();
    }

    @Test
    void theEditorKeepsFocusAndUnsavedChanges() {
        browser = HeadlessChromium.start(DESKTOP, 1000);
        session = new BrowserSession(browser, port);
        session.signIn("alice");
        session.open("/namespaces/checkout/policies/new?template=default-deny");
        session.waitUntil(() -> !browser.findElements(By.id("policy-name")).isEmpty());

        pressWithKeyboard("add-ingress");
        assertFocus("ingress[0].action", null);
        pressWithKeyboard("add-ingress");
        assertFocus("ingress[1].action", null);
        pressWithKeyboard("up:ingress:1");
        // the moved rule is now first: its Up is disabled, so focus is on its Down
        assertFocus(null, "down:ingress:0");
        pressWithKeyboard("down:ingress:0");
        assertFocus(null, "up:ingress:1");
        pressWithKeyboard("add-row:ingress:0:pods");
        assertFocus("ingress[0].peer.pods.rows[0].key", null);
        pressWithKeyboard("remove-row:ingress:0:pods:0");
        assertFocus(null, "add-row:ingress:0:pods");
        pressWithKeyboard("remove:ingress:0");
        assertFocus(null, "remove:ingress:0");
        pressWithKeyboard("remove:ingress:0");
        assertFocus(null, "add-ingress");
        assertThat(HeadlessChromium.contentSecurityPolicyViolations(browser)).isEmpty();

        // a selector typo is noted at the selector while typing, and nothing blocks
        pressWithKeyboard("add-row:selector");
        assertFocus("selector.rows[0].key", null);
        browser.findElement(By.name("selector.rows[0].key")).sendKeys("app");
        browser.findElement(By.name("selector.rows[0].values")).sendKeys("crat");
        session.waitUntil(() -> String.join(" ", session.texts(By.id("msg-selector")))
                .contains("The policy selects no pod in checkout now"));
        assertThat(String.join(" ", session.texts(By.id("msg-selector"))))
                .startsWith("Note:")
                .contains("Values of 'app' there: cart, checkout-frontend, checkout-worker.");
        browser.executeScript("document.getElementById('msg-selector').scrollIntoView({block: 'center'})");
        session.screenshot("editor-advisory.png");

        WebElement name = browser.findElement(By.id("policy-name"));
        name.clear();
        name.sendKeys("kept-while-away");
        session.waitUntil(() -> String.valueOf(browser.executeScript("return JSON.stringify(localStorage)"))
                .contains("kept-while-away"));
        session.open("/namespaces/checkout");
        acceptLeavePrompt();
        session.waitUntil(() -> session.at("/namespaces/checkout"));
        session.open("/namespaces/checkout/policies/new");
        session.waitUntil(
                () -> !browser.findElements(By.cssSelector(".unsaved-notice")).isEmpty());
        assertThat(session.texts(By.cssSelector(".unsaved-notice p")).getFirst())
                .startsWith("You have unsaved changes to this policy");
        session.screenshot("editor-unsaved-notice.png");
        session.press("Restore them");
        acceptLeavePrompt();
        session.waitUntil(() -> "kept-while-away"
                .equals(browser.findElement(By.id("policy-name")).getDomProperty("value")));
        assertThat(browser.findElements(By.name("types"))).isNotEmpty();
        session.press("Save draft");
        session.waitUntil(() -> session.at("/namespaces/checkout/policies/kept-while-away"));
        // saved: the kept copy is gone, and the editor opens without the notice
        session.open("/namespaces/checkout/policies/new");
        session.waitUntil(() -> !browser.findElements(By.id("policy-name")).isEmpty());
        assertThat(browser.findElements(By.cssSelector(".unsaved-notice"))).isEmpty();
        assertThat(String.valueOf(browser.executeScript("return JSON.stringify(localStorage)")))
                .doesNotContain("kept-while-away");
    }

    private void visit(String user, int width, String path, String axe) {
        session.open(path);
        acceptLeavePrompt();
        session.waitUntil(() -> "complete".equals(browser.executeScript("return document.readyState"))
                && !browser.findElements(By.cssSelector("main h1")).isEmpty());
        // let htmx finish the requests the page starts by itself (load triggers)
        session.waitUntil(() ->
                Boolean.TRUE.equals(browser.executeScript("return document.querySelector('.htmx-request') === null")));
        String where = user + " " + width + "px " + path + ": ";
        for (LogEntry entry : browser.manage().logs().get(LogType.BROWSER).getAll()) {
            if (entry.getLevel().intValue() >= Level.SEVERE.intValue()
                    || entry.getMessage().contains("Content Security Policy")) {
                findings.add(where + "console: " + entry.getMessage());
            }
        }
        if (width == PHONE) {
            Object wide = browser.executeScript("return document.documentElement.scrollWidth > window.innerWidth"
                    + " ? document.documentElement.scrollWidth : 0");
            if (!Long.valueOf(0).equals(wide)) {
                findings.add(where + "the page is " + wide + " px wide at " + PHONE + " px: " + widest());
            }
        }
        browser.executeScript(axe);
        Object result = browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                        + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join('; '))));
                """);
        if (result instanceof List<?> violations) {
            violations.forEach(v -> findings.add(where + "axe: " + v));
        }
        if (SHOWN.contains(path)) {
            String slug = path.equals("/") ? "home" : path.substring(1).replaceAll("[^a-z0-9]+", "-");
            session.screenshot("all-" + user + "-" + slug + "-" + (width == PHONE ? "phone" : "desktop") + ".png");
        }
    }

    /** The elements wider than the window at the phone width, to name in a finding. */
    private String widest() {
        return String.valueOf(browser.executeScript("""
                const out = [];
                for (const el of document.querySelectorAll('main *')) {
                  const r = el.getBoundingClientRect();
                  if (r.right > window.innerWidth + 1 && getComputedStyle(el).position !== 'absolute') {
                    let p = el.parentElement, clipped = false;
                    while (p) {
                      const o = getComputedStyle(p).overflowX;
                      if (o === 'auto' || o === 'scroll' || o === 'hidden') { clipped = true; break; }
                      p = p.parentElement;
                    }
                    if (!clipped) out.push(el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                        + (el.className && typeof el.className === 'string' ? '.' + el.className.split(' ')[0] : '')
                        + ' ' + Math.round(r.right) + 'px');
                  }
                  if (out.length > 5) break;
                }
                return out.join(', ');
                """));
    }

    /**
     * Focuses the button and presses Enter on whatever has the focus, as a keyboard user does. The button is found by
     * the page itself each time, since htmx may have just replaced it.
     */
    private void pressWithKeyboard(String action) {
        String css = "button[name='_action'][value='" + action + "']";
        session.waitUntil(() -> Boolean.TRUE.equals(browser.executeScript(
                "const b = document.querySelector(arguments[0]);"
                        + " if (!b || b.disabled) { return false; }"
                        + " b.scrollIntoView({block: 'center'}); b.focus(); return document.activeElement === b;",
                css)));
        new Actions(browser).sendKeys(Keys.ENTER).perform();
    }

    private void assertFocus(String name, String buttonValue) {
        String expected = name != null ? name + "|" : "_action|" + buttonValue;
        try {
            session.waitUntil(() -> {
                String text = focused();
                return name != null ? text.startsWith(expected) : text.equals(expected);
            });
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError("focus should be on " + expected + " but is on '" + focused() + "'", e);
        }
        // the next key press goes to a page htmx is done with
        session.waitUntil(() -> Boolean.TRUE.equals(
                browser.executeScript("return document.querySelector('.htmx-request, .htmx-settling') === null")));
    }

    private String focused() {
        return String.valueOf(browser.executeScript(
                "const e = document.activeElement; return e ? (e.name || e.tagName) + '|' + (e.value || '') : ''"));
    }

    private void acceptLeavePrompt() {
        try {
            browser.switchTo().alert().accept();
        } catch (NoAlertPresentException e) {
            // nothing was unsaved
        }
    }

    private static String path(WebElement link) {
        String href = link.getDomAttribute("href");
        return href == null ? "/" : href;
    }

    private static String axeSource() throws IOException {
        try (InputStream in = AllPagesJourneyTest.class.getResourceAsStream("/axe/axe.min.js")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
