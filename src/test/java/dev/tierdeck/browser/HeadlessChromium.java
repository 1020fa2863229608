package dev.tierdeck.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's Chromium and ChromeDriver, headless, with a fresh profile and nothing downloaded: the flags keep it
 * off the network (no background services, no component updates) so it only talks to the portal under test.
 */
public final class HeadlessChromium {

    /** Where journeys leave their screenshots. */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private HeadlessChromium() {}

    /** Starts a browser with a window of the given size and the browser console log captured. */
    public static ChromeDriver start(int width, int height) {
        return start(width, height, true);
    }

    /** The same browser with JavaScript switched off, for the pages' plain-HTML fallbacks. */
    public static ChromeDriver startWithoutJavaScript(int width, int height) {
        return start(width, height, false);
    }

    private static ChromeDriver start(int width, int height, boolean javaScript) {
        try {
            Path profile = Files.createTempDirectory("tierdeck-chromium-");
            Files.createDirectories(SCREENSHOTS);
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
                    "--window-size=" + width + "," + height,
                    "--user-data-dir=" + profile);
            if (!javaScript) {
                options.setExperimentalOption(
                        "prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
            }
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .build();
            return new ChromeDriver(service, options);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a browser profile", e);
        }
    }

    /** Texts of the matching elements, read again when htmx swapped them out in the middle of reading. */
    public static java.util.List<String> texts(org.openqa.selenium.WebDriver browser, org.openqa.selenium.By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                return browser.findElements(by).stream()
                        .map(org.openqa.selenium.WebElement::getText)
                        .map(String::strip)
                        .toList();
            } catch (org.openqa.selenium.StaleElementReferenceException swappedByHtmx) {
                if (attempt == 5) {
                    throw swappedByHtmx;
                }
            }
        }
    }

    /** What the browser console reported as blocked by the Content-Security-Policy. */
    public static java.util.List<String> contentSecurityPolicyViolations(org.openqa.selenium.WebDriver browser) {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(org.openqa.selenium.logging.LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }
}
