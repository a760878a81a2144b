package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The steps people take in the portal, done on its pages as they would do them: fill in the new-request form, find a
 * task in the inbox, press a decision button. Only {@link #runJobs()} stands in for the engine's job executor, which
 * is off in tests.
 */
abstract class PortalBrowserTest extends BrowserTest {

    static final String PURPOSE = "Estimate rental occupancy by neighbourhood for the 2027 housing plan.";

    /** What a requester types into the new-request form. */
    record NewRequest(String title, String dataset, List<String> elements, String recipientDepartment) {
    }

    /** The demo request of PRODUCT.md: utility accounts for Community Development's housing study. */
    static NewRequest utilityAccounts() {
        return new NewRequest("Utility accounts for the housing needs study", "FIN-UTILITY-ACCOUNTS",
                List.of("service_address", "account_type"), "Community Development");
    }

    /** A request for Public Works' work orders (internal, no personal information), all their elements. */
    static NewRequest workOrders(String title) {
        return new NewRequest(title, "PW-WORK-ORDERS", List.of(), "Community Development");
    }

    private int shots;

    /**
     * Saves the page beyond what the window shows (see {@link #savePage}) as
     * target/screenshots/Class.method-NN-name.png, so that a person can read every page of a journey from the top.
     */
    @Override
    protected Path screenshot(String name) {
        return savePage(String.format("%s-%02d-%s", testName(), ++shots, name));
    }

    /** Logs the person on the page out, and the next one in. */
    protected void handOverTo(String user) {
        logOut();
        logIn(user);
    }

    /**
     * From the home page, follows "New request" (unless the form is on the screen already), fills in every question
     * as a clerk would and submits; answers the reference of the request page the portal lands on.
     */
    protected String submitThroughTheForm(NewRequest request, String screenshotName) {
        if (!path().equals("/requests/new")) {
            open("/");
            browser.findElement(By.linkText("New request")).click();
            waitForText(By.tagName("h1"), "New request");
        }
        fillIn(By.id("title"), request.title());
        fillIn(By.id("purpose"), PURPOSE);
        fillIn(By.id("legalBasis"), "City charter, planning authority");
        browser.findElement(By.id("dataset-" + request.dataset())).click();
        for (String element : request.elements()) {
            browser.findElement(By.id("element-" + request.dataset() + "-" + element)).click();
        }
        browser.findElement(By.id("recipientType-INTERNAL")).click();
        new Select(waitFor(By.id("recipientDepartment"))).selectByVisibleText(request.recipientDepartment());
        browser.findElement(By.id("frequency-ONE_TIME")).click();
        fillIn(By.id("deliveryMethod"), "Encrypted file transfer");
        fillIn(By.id("retention"), "Deleted 12 months after delivery");
        fillIn(By.id("securityControls"), "Stored on the planning file share, access limited to two analysts");
        typeDate(By.id("startDate"), LocalDate.now().plusDays(30));
        typeDate(By.id("endDate"), LocalDate.now().plusDays(395));
        if (screenshotName != null) {
            screenshot(screenshotName);
        }
        browser.findElement(By.xpath("//main//button[normalize-space()='Submit request']")).click();
        wait.until(ExpectedConditions.urlMatches("/requests/DR-\\d{4}-\\d+$"));
        String reference = path().substring("/requests/".length());
        waitForText(By.cssSelector("main .alert--success"), reference);
        return reference;
    }

    /** Types into a text field or area, as a person would, after clearing what the page put there. */
    protected void fillIn(By field, String text) {
        WebElement element = waitFor(field);
        element.clear();
        element.sendKeys(text);
    }

    /**
     * Types a date into a date field in the order the browser's own locale shows it (month first in the United
     * States, day first elsewhere), as a person types it: digits only, the field moves on by itself.
     */
    @SuppressWarnings("unchecked")
    protected void typeDate(By field, LocalDate date) {
        List<String> order = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return new Intl.DateTimeFormat(navigator.language,"
                        + " {year: 'numeric', month: '2-digit', day: '2-digit'})"
                        + ".formatToParts(new Date(2027, 0, 4)).map(function (p) { return p.type; })"
                        + ".filter(function (t) { return t !== 'literal'; });");
        Map<String, String> parts = Map.of("year", String.valueOf(date.getYear()),
                "month", String.format("%02d", date.getMonthValue()),
                "day", String.format("%02d", date.getDayOfMonth()));
        WebElement input = browser.findElement(field);
        for (String part : order) {
            input.sendKeys(parts.get(part));
        }
        assertThat(input.getAttribute("value")).as("the date typed into #%s", input.getAttribute("id"))
                .isEqualTo(date.toString());
    }

    /** From the menu's "Tasks", opens the person's task of the request at the step named. */
    protected void openTaskFromInbox(String reference, String step) {
        openTaskFromInbox(reference, step, null);
    }

    /** As above, with a screenshot of the inbox on the way if a name is given. */
    protected void openTaskFromInbox(String reference, String step, String inboxScreenshot) {
        browser.findElement(By.linkText("Tasks")).click();
        waitForText(By.tagName("h1"), "Your tasks");
        WebElement row = inboxRow(reference, step);
        if (inboxScreenshot != null) {
            screenshot(inboxScreenshot);
        }
        row.findElement(By.cssSelector("td[data-label=Request] a")).click();
        waitForText(By.tagName("h1"), step);
        assertThat(browser.findElement(By.cssSelector("main")).getText()).contains("Request " + reference);
    }

    /**
     * The inbox row of the request at the step named (the inbox must be on the screen). The inbox lists the oldest
     * first, 50 a page, so the row may be on a later page: this pages on, as a person would.
     */
    protected WebElement inboxRow(String reference, String step) {
        while (inboxRowsOf(reference).isEmpty() && !browser.findElements(By.linkText("Next page")).isEmpty()) {
            browser.findElement(By.linkText("Next page")).click();
        }
        return waitFor(By.xpath("//main//table//tr[td[@data-label='Request']//a[starts-with(normalize-space(.), '"
                + reference + ":')] and td[@data-label='Step'][normalize-space()='" + step + "']]"));
    }

    /** The inbox rows of a request, whatever their step (the inbox must be on the screen). */
    protected List<WebElement> inboxRowsOf(String reference) {
        return browser.findElements(By.xpath("//main//table//tr[td[@data-label='Request']//a[starts-with("
                + "normalize-space(.), '" + reference + ":')]]"));
    }

    /** Presses a decision button of the task page and waits for the request page that says it is recorded. */
    protected void decide(String reference, String button) {
        browser.findElement(By.xpath("//div[@id='decisions']//button[normalize-space()='" + button + "']")).click();
        wait.until(ExpectedConditions.urlMatches("/requests/" + reference + "$"));
        waitFor(By.cssSelector("main .alert--success"));
    }

    /** The request's status as its page says it. */
    protected String status() {
        return waitFor(By.cssSelector("#request-status .status-line .badge")).getText();
    }

    /** Waits until the request page's process diagram is drawn, so a screenshot and a scan see the whole page. */
    protected void waitForTheDiagram() {
        waitFor(By.cssSelector("#diagram .diagram-controls"));
        waitFor(By.cssSelector("#process-diagram svg"));
    }

    /** The axe-core scan of the page on the screen finds no serious or critical violation (listed if it does). */
    protected void assertAccessible(String page) {
        assertThat(seriousAccessibilityProblems()).as("serious or critical accessibility problems of the %s (%s)",
                page, path()).isEmpty();
    }

    /**
     * How far the page runs off the side of the window, in CSS pixels (0 or less: it does not, so nobody has to
     * scroll sideways).
     */
    protected long horizontalOverflow() {
        return ((Number) ((JavascriptExecutor) browser).executeScript(
                "var d = document.documentElement; return d.scrollWidth - Math.min(window.innerWidth, d.clientWidth);"))
                .longValue();
    }

    /** The width of the window's viewport, in CSS pixels. */
    protected long viewportWidth() {
        return ((Number) ((JavascriptExecutor) browser).executeScript("return window.innerWidth;")).longValue();
    }

    /** The path of the page on the screen. */
    protected String path() {
        return URI.create(browser.getCurrentUrl()).getPath();
    }

    /** The text of an element exactly as the page holds it, line breaks included. */
    protected String textContent(By locator) {
        return waitFor(locator).getAttribute("textContent");
    }
}
