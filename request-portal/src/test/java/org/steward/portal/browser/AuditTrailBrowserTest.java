package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The audit trail as the auditor reads it in a real browser: found from the menu, narrowed to one request, read on a
 * phone; each view checked for accessibility.
 */
class AuditTrailBrowserTest extends BrowserTest {

    @Test
    void audreyFindsTheAuditTrailAndReadsOneRequestsEvents() {
        String reference = submit("Audit trail in a browser: work orders for the bridge survey", "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", "Fine by Public Works").status())
                .isEqualTo(204);

        logIn("audrey");
        browser.findElement(By.linkText("Audit trail")).click();
        waitForText(By.tagName("h1"), "Audit trail");
        screenshot("audit-trail");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        browser.findElement(By.id("reference")).sendKeys(reference);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        wait.until(ExpectedConditions.urlContains("reference=" + reference));
        assertThat(waitFor(By.id("events")).getText()).contains("Sam Sorensen", "Approve as data steward");
        assertThat(browser.findElements(By.cssSelector("#events tbody tr")))
                .allSatisfy(row -> assertThat(row.getText()).contains(reference)).hasSizeGreaterThan(2);
        assertThat(browser.findElement(By.id("csv-link")).getAttribute("href")).contains("reference=" + reference);
        screenshot("one-request");
        assertThat(seriousAccessibilityProblems()).isEmpty();

        browser.manage().window().setSize(new Dimension(390, 900));
        screenshot("one-request-on-a-phone");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        logOut();
    }
}
