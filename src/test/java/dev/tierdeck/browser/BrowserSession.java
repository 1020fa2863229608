package dev.tierdeck.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One browser against one running portal, with the steps every journey repeats: signing in through the demo
 * identity provider, opening pages, waiting for htmx to settle, reading flash messages and taking screenshots.
 */
public final class BrowserSession implements AutoCloseable {

    private final ChromeDriver browser;
    private final int port;

    public BrowserSession(ChromeDriver browser, int port) {
        this.browser = browser;
        this.port = port;
    }

    public ChromeDriver driver() {
        return browser;
    }

    /** Signs out of everything (both cookies jars are the browser's) and signs in as {@code username}. */
    public void signIn(String username) {
        browser.manage().deleteAllCookies();
        open("/");
        waitUntil(() -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitUntil(() -> browser.getCurrentUrl().startsWith(url("/"))
                && !browser.findElements(By.cssSelector("main h1")).isEmpty());
    }

    public void open(String path) {
        browser.get(url(path));
    }

    public String url(String path) {
        return "http://localhost:" + port + path;
    }

    public boolean at(String path) {
        return browser.getCurrentUrl().equals(url(path));
    }

    public WebElement find(By by) {
        return browser.findElement(by);
    }

    /** Clicks the button with this visible text. */
    public void press(String buttonText) {
        browser.findElement(By.xpath("//button[normalize-space()='" + buttonText + "']"))
                .click();
    }

    public void type(By field, String text) {
        WebElement element = browser.findElement(field);
        element.clear();
        element.sendKeys(text);
    }

    public List<String> texts(By by) {
        return HeadlessChromium.texts(browser, by);
    }

    /** Every flash message on the page, as one line. */
    public String flash() {
        return String.join(" ", texts(By.cssSelector(".flash")));
    }

    public String pageText() {
        return String.join(" ", texts(By.cssSelector("main")));
    }

    public void waitUntil(BooleanSupplier condition) {
        waitUntil(browser, condition);
    }

    /** Waits up to a minute, reading again when htmx swapped an element out in the middle. */
    public static void waitUntil(WebDriver browser, BooleanSupplier condition) {
        new WebDriverWait(browser, Duration.ofSeconds(60), Duration.ofMillis(250))
                .ignoring(StaleElementReferenceException.class)
                .until(driver -> condition.getAsBoolean());
    }

    public void screenshot(String name) {
        screenshot(browser, name);
    }

    /** Saves what the browser shows under {@code target/screenshots/name}. */
    public static void screenshot(TakesScreenshot browser, String name) {
        File file = browser.getScreenshotAs(OutputType.FILE);
        try {
            Files.createDirectories(HeadlessChromium.SCREENSHOTS);
            Files.copy(file.toPath(), HeadlessChromium.SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<String> contentSecurityPolicyViolations() {
        return HeadlessChromium.contentSecurityPolicyViolations(browser);
    }

    @Override
    public void close() {
        browser.quit();
    }
}
