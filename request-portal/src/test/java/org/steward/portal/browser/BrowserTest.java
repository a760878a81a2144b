package org.steward.portal.browser;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.steward.portal.IntegrationTest;

/**
 * A person's journey in real headless Chromium against the whole application. Every step can be saved as a
 * screenshot under target/screenshots, and a failing test saves the page it failed on.
 */
@ExtendWith(ScreenshotOnFailure.class)
public abstract class BrowserTest extends IntegrationTest {

    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("STEWARD_CHROMIUM", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getenv().getOrDefault("STEWARD_CHROMEDRIVER",
            "/usr/bin/chromedriver");

    protected WebDriver browser;
    protected WebDriverWait wait;
    private String testName;
    private int shot;

    @BeforeEach
    void openBrowser(TestInfo info) throws IOException {
        if (!Files.isExecutable(Path.of(CHROMIUM)) || !Files.isExecutable(Path.of(CHROMEDRIVER))) {
            throw new IllegalStateException("Browser tests need Chromium and ChromeDriver at " + CHROMIUM + " and "
                    + CHROMEDRIVER + ". On Debian: apt-get install chromium chromium-driver (see the README).");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + Files.createTempDirectory("steward-chromium"));
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile())
                .build(), options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        testName = info.getTestClass().map(Class::getSimpleName).orElse("test") + "."
                + info.getTestMethod().map(m -> m.getName()).orElse("step");
        ScreenshotOnFailure.watch(this);
    }

    @AfterEach
    void closeBrowser() {
        ScreenshotOnFailure.forget(this);
        if (browser != null) {
            browser.quit();
        }
    }

    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    protected void open(String path) {
        browser.get(url(path));
    }

    /** Logs in through the login form, as a person would. */
    protected void logIn(String user) {
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys("demo");
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));
    }

    protected void logOut() {
        browser.findElement(By.cssSelector(".site-header__user button")).click();
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    protected WebElement waitFor(By locator) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(locator));
    }

    /**
     * Waits until the element found by the locator shows the text. While a form's answer replaces the page, Chromium
     * can answer "Node with given id does not belong to the document" for the old page's element; that is read as
     * "not yet", and the element is looked up again on the next try.
     */
    protected void waitForText(By locator, String text) {
        wait.until(new ExpectedCondition<Boolean>() {
            @Override
            public Boolean apply(WebDriver driver) {
                try {
                    return driver.findElement(locator).getText().contains(text);
                } catch (WebDriverException e) {
                    return false;
                }
            }

            @Override
            public String toString() {
                return "text '" + text + "' in the element found by " + locator;
            }
        });
    }

    /** Saves what the browser shows now as target/screenshots/Class.method-NN-name.png. */
    protected Path screenshot(String name) {
        return save(String.format("%s-%02d-%s", testName, ++shot, name));
    }

    Path save(String fileName) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(fileName + ".png");
            Files.write(file, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Saves the page beyond what the window shows, as target/screenshots/{fileName}.png: its top 4,000 pixels and
     * the window's width. The shared database makes some lists hundreds of rows long, and encoding a screenshot of
     * 30,000 pixels took longer than the rest of a page's check.
     */
    @SuppressWarnings("unchecked")
    protected Path savePage(String fileName) {
        Map<String, Object> size = (Map<String, Object>) ((JavascriptExecutor) browser).executeScript(
                "var d = document.documentElement;"
                        + "return {width: d.scrollWidth, height: Math.max(d.scrollHeight, document.body.scrollHeight)};");
        Map<String, Object> clip = Map.of("x", 0, "y", 0,
                "width", Math.min(((Number) size.get("width")).intValue(), 1280),
                "height", Math.min(((Number) size.get("height")).intValue(), 4000), "scale", 1);
        String png = (String) ((ChromiumDriver) browser).executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true, "clip", clip)).get("data");
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(fileName + ".png");
            Files.write(file, Base64.getDecoder().decode(png));
            return file;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    String testName() {
        return testName;
    }

    /**
     * Runs axe-core (from the npm registry, copied into the test classpath by the build) on the page and answers
     * its serious and critical violations, each as "rule: help (targets)".
     */
    @SuppressWarnings("unchecked")
    protected List<String> seriousAccessibilityProblems() {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        js.executeScript(axeSource());
        Object result = js.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); })"
                + ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });");
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> violation : (List<Map<String, Object>>) result) {
            Object impact = violation.get("impact");
            if ("serious".equals(impact) || "critical".equals(impact)) {
                List<String> targets = new ArrayList<>();
                for (Map<String, Object> node : (List<Map<String, Object>>) violation.get("nodes")) {
                    targets.add(String.valueOf(node.get("target")));
                }
                problems.add(violation.get("id") + ": " + violation.get("help") + " " + targets);
            }
        }
        return problems;
    }

    private static String axeSource() {
        try (InputStream in = BrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe.min.js is missing from the test classpath: run the Maven build.");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
