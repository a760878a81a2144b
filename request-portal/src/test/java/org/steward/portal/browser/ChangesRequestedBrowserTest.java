package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * A changes-requested round trip in a real browser: sam asks for changes with a comment, alex reads it, revises the
 * purpose on the revise page and sends the request round again, and sam approves the new version in a new task.
 */
class ChangesRequestedBrowserTest extends PortalBrowserTest {

    private static final String ASKED = "Please say which neighbourhoods the study covers and why it needs costs.";
    private static final String REVISED_PURPOSE = "Estimate street repair needs in the six neighbourhoods of the "
            + "2027 housing plan; costs show which repairs come first.";

    @Test
    void samAsksForChangesAlexRevisesThePurposeAndSamApprovesTheNewVersion() {
        logIn("alex");
        String reference = submitThroughTheForm(workOrders("Work orders for the housing plan's streets"), null);
        assertThat(status()).isEqualTo("Waiting for the data stewards");

        // sam, Public Works' steward, asks for changes and says why.
        handOverTo("sam");
        openTaskFromInbox(reference, "Approve as data steward");
        String firstTask = path();
        fillIn(By.id("field-comment"), ASKED);
        screenshot("sam-asks-for-changes");
        decide(reference, "Ask for changes");
        runJobs();

        // alex sees that changes are asked for, and sam's comment.
        handOverTo("alex");
        open("/requests/" + reference);
        assertThat(status()).isEqualTo("Changes requested: waiting for the requester");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Sam Sorensen (sam)")
                .contains("Asked for changes").contains(ASKED);
        screenshot("alex-sees-changes-requested");

        // alex revises the purpose on the revise page and sends it round again.
        browser.findElement(By.linkText("Revise this request")).click();
        waitForText(By.tagName("h1"), "Revise request " + reference);
        assertThat(browser.findElement(By.id("reviewers-heading")).findElement(By.xpath("..")).getText())
                .contains("Sam Sorensen").contains("Asked for changes").contains(ASKED);
        assertThat(browser.findElement(By.id("purpose")).getAttribute("value")).isEqualTo(PURPOSE);
        screenshot("alex-revise-page");
        assertAccessible("revise page");
        fillIn(By.id("purpose"), REVISED_PURPOSE);
        browser.findElement(By.xpath("//main//button[normalize-space()='Save and send it round again']")).click();
        wait.until(d -> path().equals("/requests/" + reference));
        waitForText(By.cssSelector("main .alert--success"), "sent round again");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("Waiting for the data stewards");
        assertThat(browser.findElement(By.cssSelector(".page-lead")).getText()).contains("revision 2");
        assertThat(browser.findElement(By.id("asked")).getText()).contains(REVISED_PURPOSE);
        screenshot("alex-request-sent-round-again");

        // sam finds a new task with the new purpose, and approves.
        handOverTo("sam");
        openTaskFromInbox(reference, "Approve as data steward");
        assertThat(path()).as("a new task for the new round").isNotEqualTo(firstTask);
        assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=request-heading]")).getText())
                .contains(REVISED_PURPOSE).contains("revision 2");
        screenshot("sam-new-task");
        decide(reference, "Approve");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("Waiting for signatures");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Approved");
        screenshot("sam-request-approved");
    }
}
