package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * Withdrawing in a real browser: the requester confirms with a tick on the request page, the page says the request
 * is withdrawn, and the steward's inbox no longer lists its task.
 */
class WithdrawalBrowserTest extends PortalBrowserTest {

    @Test
    void alexWithdrawsFromTheRequestPageAndTheTaskLeavesSamsInbox() {
        logIn("alex");
        String reference = submitThroughTheForm(workOrders("Work orders, asked for by mistake"), null);

        handOverTo("sam");
        browser.findElement(By.linkText("Tasks")).click();
        inboxRow(reference, "Approve as data steward");
        screenshot("sam-inbox-before");

        handOverTo("alex");
        waitForText(By.tagName("h1"), "Hello, Alex Anders");
        browser.findElement(By.xpath("//section[@aria-labelledby='requests-heading']//a[.='" + reference + "']"))
                .click();
        waitForText(By.id("withdraw-heading"), "Withdraw this request");
        fillIn(By.id("withdraw-reason"), "Asked for the wrong dataset.");

        // Without the tick, nothing happens but a message beside the box.
        browser.findElement(By.xpath("//section[@id='withdraw']//button[normalize-space()='Withdraw the request']"))
                .click();
        waitForText(By.id("withdraw-error"), "Tick the box to confirm that you want to withdraw this request.");
        assertThat(status()).isEqualTo("Waiting for the data stewards");
        assertThat(browser.findElement(By.id("withdraw-reason")).getAttribute("value"))
                .isEqualTo("Asked for the wrong dataset.");
        screenshot("alex-withdraw-unconfirmed");
        assertAccessible("request page with the withdrawal refused");

        browser.findElement(By.id("withdraw-confirm")).click();
        screenshot("alex-withdraw-confirmed");
        browser.findElement(By.xpath("//section[@id='withdraw']//button[normalize-space()='Withdraw the request']"))
                .click();
        waitForText(By.cssSelector("main .alert--success"), "You withdrew this request.");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("Withdrawn by the requester");
        assertThat(browser.findElement(By.cssSelector("#request-status")).getText())
                .contains("Nobody: no step is open.");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Withdrawn")
                .contains("Asked for the wrong dataset.");
        assertThat(browser.findElements(By.id("withdraw"))).as("no withdraw form once withdrawn").isEmpty();
        screenshot("alex-request-withdrawn");

        handOverTo("sam");
        browser.findElement(By.linkText("Tasks")).click();
        waitForText(By.tagName("h1"), "Your tasks");
        assertThat(inboxRowsOf(reference)).as("sam's inbox rows of " + reference).isEmpty();
        while (!browser.findElements(By.linkText("Next page")).isEmpty()) {
            browser.findElement(By.linkText("Next page")).click();
            waitForText(By.tagName("h1"), "Your tasks");
            assertThat(inboxRowsOf(reference)).as("sam's inbox rows of " + reference + ", later page").isEmpty();
        }
        screenshot("sam-inbox-after");
    }
}
