package org.steward.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.steward.portal.browser.BrowserTest;

/**
 * Steward's main pages in real Chromium under the Content-Security-Policy: nothing on them is refused (no inline
 * script or style, no htmx style of its own), the diagram draws, the mailbox's frame shows its email. The top of
 * every page is saved as target/screenshots/ContentSecurityPolicyBrowserTest-*.png, to see that it still looks as it
 * did.
 */
class ContentSecurityPolicyBrowserTest extends BrowserTest {

    /** Collects the page's policy violations from before its first script runs, in every document it opens. */
    private static final String LISTENER = """
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.__violations.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at '
                + (e.sourceFile || document.location.pathname) + ':' + e.lineNumber + ' ' + (e.sample || ''));
            }, true);
            """;

    private final List<String> violations = new ArrayList<>();
    private int shots;

    @BeforeEach
    void listenForViolations() {
        ((ChromiumDriver) browser).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
                Map.of("source", LISTENER));
    }

    @Test
    void theMainPagesRunUnderThePolicyWithNothingRefused() throws Exception {
        String signing = submit("CSP: work orders with an agreement", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(signing, "stewards-pw"), "approve", "Fine for the paving plan").status())
                .isEqualTo(204);
        runJobs();
        String number = agreement("alex", signing).get("number").asText();
        String waiting = submit("CSP: utility accounts waiting for Finance", "FIN-UTILITY-ACCOUNTS");
        String stewardTask = taskFor(waiting, "stewards-fin");

        open("/login");
        check("login");

        logIn("alex");
        check("home");
        open("/requests/new");
        browser.findElement(By.id("dataset-filter")).sendKeys("work");
        check("new-request-form");
        open("/requests");
        check("requests");
        open("/requests/" + signing);
        waitFor(By.cssSelector("#process-diagram svg"));
        waitFor(By.cssSelector("#diagram .diagram-controls"));
        assertThat(browser.findElements(By.cssSelector("#process-diagram .highlight-current"))).isNotEmpty();
        check("request-with-diagram");
        // The status block refreshes itself through htmx, which runs under the policy with no eval and no style.
        String watched = submit("CSP: centerlines to watch", "PW-STREET-CENTERLINES");
        open("/requests/" + watched);
        By statusLine = By.cssSelector("#request-status .status-line");
        String before = waitFor(statusLine).getText();
        assertThat(decide("sam", taskFor(watched, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        // htmx swaps the block while it is read: a line that went stale is looked up again.
        new WebDriverWait(browser, Duration.ofSeconds(40)).ignoring(StaleElementReferenceException.class)
                .until(driver -> !driver.findElement(statusLine).getText().equals(before));
        check("request-refreshed");
        open("/agreements");
        check("agreements");
        open("/agreements/" + number);
        check("agreement");
        open("/settings/email");
        check("email-settings");
        logOut();

        logIn("fiona");
        open("/tasks");
        check("inbox");
        open("/tasks/" + stewardTask);
        check("task");
        logOut();

        logIn("wes");
        open("/tasks/" + taskAssignedTo(signing, "wes"));
        check("signing-task");
        logOut();

        logIn("audrey");
        open("/reports");
        check("reports");
        logOut();

        logIn("admin");
        for (String page : List.of("/admin", "/admin/people", "/admin/people/alex", "/admin/departments",
                "/admin/datasets", "/admin/processes", "/admin/processes/deploy", "/admin/emails",
                "/admin/agreement-template")) {
            open(page);
            check("admin" + page.substring("/admin".length()).replace('/', '-'));
        }
        open("/admin/processes");
        browser.findElement(By.cssSelector("main table a[href^='/admin/processes/']")).click();
        waitFor(By.cssSelector("#process-diagram svg"));
        check("admin-process-with-diagram");

        open("/dev/mailbox");
        check("mailbox");
        browser.findElement(By.cssSelector("main table a[href^='/dev/mailbox/']")).click();
        waitFor(By.id("email-html"));
        browser.switchTo().frame("email-html");
        wait.until(driver -> !driver.findElement(By.tagName("body")).getText().isBlank());
        browser.switchTo().defaultContent();
        check("mailbox-email");

        assertThat(violations).as("Content-Security-Policy violations on Steward's pages").isEmpty();
        assertThat(consoleProblems()).as("policy errors in Chromium's console").isEmpty();
    }

    /** Swagger UI, for a person logged in, draws the API's operations under the same policy, with nothing refused. */
    @Test
    @SuppressWarnings("unchecked")
    void swaggerUiRunsUnderThePolicyWithNothingRefused() throws Exception {
        logIn("alex");
        open("/swagger-ui.html");
        waitFor(By.cssSelector(".opblock-summary"));
        browser.findElement(By.cssSelector(".opblock-summary")).click();
        waitFor(By.cssSelector(".opblock-body"));
        List<String> found = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return window.__violations || [];");
        save("swagger-ui");
        assertThat(found).as("Content-Security-Policy violations in Swagger UI").isEmpty();
        assertThat(consoleProblems()).as("policy errors in Chromium's console").isEmpty();
        assertThat(browser.findElements(By.cssSelector(".errors-wrapper"))).as("errors Swagger UI found in the "
                + "document").isEmpty();
        open("/");
        logOut();
    }

    /**
     * The page on the screen: its policy violations so far are noted, htmx added no style of its own, and its top is
     * saved.
     */
    @SuppressWarnings("unchecked")
    private void check(String name) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        String path = (String) js.executeScript("return location.pathname;");
        assertThat(browser.findElements(By.cssSelector("head style, body style"))).as("a <style> element on %s", path)
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("main"))).as("the page %s", path).isNotEmpty();
        List<String> found = (List<String>) js.executeScript("return window.__violations || [];");
        found.forEach(violation -> violations.add(path + ": " + violation));
        save(name);
    }

    /** Chromium's console errors about the policy, where the driver hands them over. */
    private List<String> consoleProblems() {
        try {
            return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.WARNING.intValue())
                    .map(LogEntry::getMessage)
                    .filter(message -> message.contains("Content Security Policy")
                            || message.contains("Content-Security-Policy") || message.contains("Permissions-Policy"))
                    .toList();
        } catch (RuntimeException notAvailable) {
            return List.of();
        }
    }

    private void save(String name) {
        savePage(String.format("ContentSecurityPolicyBrowserTest-%02d-%s", ++shots, name));
    }
}
