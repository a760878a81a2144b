package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;

/**
 * The demo journey of PRODUCT.md in a real browser, through the pages only: alex asks for Finance's utility
 * accounts for Community Development; fiona approves as Finance's steward; pat approves with a condition after
 * answering the privacy threshold questions; frank and dana sign the agreement; frank, Finance's custodian,
 * delivers; alex finds the request delivered under an agreement in force that carries pat's condition word for word.
 * Every page is photographed and every kind of page scanned by axe-core.
 */
class DemoJourneyBrowserTest extends PortalBrowserTest {

    private static final String CONDITION = "Only figures aggregated to at least ten households per neighbourhood "
            + "may be published; no single household may be identifiable.";

    @Test
    void alexAsksFionaApprovesPatAddsAConditionTheDirectorsSignFrankDeliversAndAlexSeesItInForce() {
        // alex logs in and finds the form from the home page.
        open("/login");
        waitFor(By.id("username"));
        screenshot("login");
        assertAccessible("login page");
        logIn("alex");
        waitForText(By.tagName("h1"), "Hello, Alex Anders");
        screenshot("alex-home");
        assertAccessible("home page");

        browser.findElement(By.linkText("Start a new request for data")).click();
        waitForText(By.tagName("h1"), "New request");
        screenshot("new-request-form");
        assertAccessible("new request form");
        String reference = submitThroughTheForm(utilityAccounts(), "new-request-form-filled-in");

        // The request page: waiting for Finance's stewards, with what was asked.
        assertThat(status()).isEqualTo("Waiting for the data stewards");
        assertThat(browser.findElement(By.cssSelector("#request-status table")).getText()).contains("stewards-fin");
        assertThat(browser.findElement(By.id("asked")).getText()).contains("Utility billing accounts")
                .contains("Elements: service_address, account_type")
                .contains("A city department: Community Development");
        waitForTheDiagram();
        screenshot("alex-request-submitted");
        assertAccessible("request page");

        // fiona, Finance's data steward, approves from her inbox.
        handOverTo("fiona");
        browser.findElement(By.linkText("Tasks")).click();
        inboxRow(reference, "Approve as data steward");
        screenshot("fiona-inbox");
        assertAccessible("task inbox");
        openTaskFromInbox(reference, "Approve as data steward");
        assertThat(browser.findElement(By.cssSelector("section[aria-labelledby=request-heading]")).getText())
                .contains("Utility accounts for the housing needs study").contains("Alex Anders (alex)")
                .contains("service_address, account_type");
        fillIn(By.id("field-comment"), "Fine by Finance: no owner names asked for.");
        screenshot("fiona-task");
        assertAccessible("task page");
        decide(reference, "Approve");
        assertThat(browser.findElement(By.cssSelector("main .alert--success")).getText())
                .isEqualTo("Your decision \u201cApprove\u201d on \u201cApprove as data steward\u201d is recorded.");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("With the privacy office");
        screenshot("fiona-request-after-approval");

        // pat, the privacy office, answers the threshold questions and approves with a condition.
        handOverTo("pat");
        openTaskFromInbox(reference, "Review privacy", "pat-inbox");
        fillIn(By.id("field-personalData"), "Service addresses and account types of households; no owner names.");
        browser.findElement(By.id("field-leavesCity-no")).click();
        browser.findElement(By.id("field-identifiersRemovable-yes")).click();
        fillIn(By.id("field-legalAuthority"), "City charter, planning authority");
        browser.findElement(By.id("field-retentionAcceptable-yes")).click();
        browser.findElement(By.id("field-fullAssessmentNeeded-no")).click();
        fillIn(By.id("field-conditions"), CONDITION);
        fillIn(By.id("field-comment"), "Acceptable with aggregation.");
        screenshot("pat-privacy-task");
        assertAccessible("privacy review task page");
        decide(reference, "Approve with conditions");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("Waiting for signatures");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Approved with conditions");
        screenshot("pat-request-after-approval");

        // frank signs for Finance on his task page, the agreement's text in front of him.
        handOverTo("frank");
        openTaskFromInbox(reference, "Sign the data-sharing agreement", "frank-inbox");
        assertThat(browser.findElement(By.id("decide-heading")).getText()).isEqualTo("Sign the agreement");
        assertThat(textContent(By.cssSelector("main .agreement-text"))).contains(CONDITION);
        String number = browser.findElement(By.xpath("//section[@aria-labelledby='decide-heading']//dt[.='Agreement']"
                + "/following-sibling::dd[1]")).getText();
        assertThat(number).matches("DSA-\\d{4}-\\d+");
        fillIn(By.id("field-typedName"), "Frank Franklin");
        browser.findElement(By.id("field-consent")).click();
        screenshot("frank-signing-page");
        assertAccessible("signing page");
        decide(reference, "Sign");
        assertThat(browser.findElement(By.cssSelector("main .alert--success")).getText())
                .isEqualTo("You signed agreement " + number + " version 1. Thank you.");
        runJobs();

        // dana signs for Community Development: from her home page to the request, then "Open this task".
        handOverTo("dana");
        waitForText(By.tagName("h1"), "Hello, Dana Dalton");
        screenshot("dana-home");
        browser.findElement(By.xpath("//section[@aria-labelledby='tasks-heading']//a[.='" + reference + "']")).click();
        wait.until(d -> path().equals("/requests/" + reference));
        waitForTheDiagram();
        screenshot("dana-request-page");
        browser.findElement(By.partialLinkText("Open this task")).click();
        waitForText(By.tagName("h1"), "Sign the data-sharing agreement");
        fillIn(By.id("field-typedName"), "Dana Dalton");
        browser.findElement(By.id("field-consent")).click();
        screenshot("dana-signing-page");
        decide(reference, "Sign");
        runJobs();
        browser.navigate().refresh();
        assertThat(status()).isEqualTo("Being delivered");
        screenshot("dana-request-signed");

        // frank, Finance's custodian, delivers.
        handOverTo("frank");
        openTaskFromInbox(reference, "Deliver the data", "frank-inbox-delivery");
        fillIn(By.id("field-comment"), "Sent by encrypted file transfer to the planning file share.");
        screenshot("frank-delivery-task");
        decide(reference, "Data delivered");
        runJobs();

        // alex finds it delivered under an agreement in force, with pat's condition in its text.
        handOverTo("alex");
        browser.findElement(By.linkText("Requests")).click();
        waitForText(By.tagName("h1"), "Requests");
        fillIn(By.id("q"), reference);
        browser.findElement(By.xpath("//main//button[normalize-space()='Show requests']")).click();
        waitFor(By.linkText(reference));
        screenshot("alex-requests");
        assertAccessible("request list");
        browser.findElement(By.linkText(reference)).click();
        assertThat(status()).isEqualTo("Delivered under an agreement in force");
        assertThat(browser.findElement(By.cssSelector("#request-status")).getText())
                .contains("Nobody: no step is open.");
        assertThat(browser.findElement(By.xpath("//section[@id='agreement']//dt[.='Status']/following-sibling::dd[1]"))
                .getText()).isEqualTo("In force");
        assertThat(textContent(By.cssSelector("#agreement .agreement-text"))).contains(CONDITION);
        assertThat(browser.findElement(By.id("agreement")).getText()).contains(number).contains("Frank Franklin")
                .contains("Dana Dalton");
        assertThat(browser.findElement(By.id("timeline")).getText()).contains("Fiona Fischer (fiona)")
                .contains("Pat Patel (pat)").contains("Frank Franklin (frank)").contains("Dana Dalton (dana)")
                .contains("Approved with conditions").contains("Signed").contains("Delivered");
        waitForTheDiagram();
        screenshot("alex-request-in-force");

        browser.findElement(By.linkText("Agreements")).click();
        waitFor(By.linkText(number));
        screenshot("alex-agreements");
        assertAccessible("register of agreements");
        browser.findElement(By.linkText(number)).click();
        waitForText(By.tagName("h1"), "Agreement " + number);
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("In force");
        assertThat(browser.findElement(By.xpath("//dt[.='Conditions set by reviewers']/following-sibling::dd[1]"))
                .getText()).isEqualTo(CONDITION);
        assertThat(textContent(By.cssSelector("main .agreement-text"))).contains(CONDITION);
        screenshot("alex-agreement");
        assertAccessible("agreement page");

        // On a phone, the request page with its agreement fits the screen's width.
        browser.manage().window().setSize(new Dimension(390, 844));
        open("/requests/" + reference);
        waitForTheDiagram();
        assertThat(viewportWidth()).as("the width the page is laid out in").isEqualTo(390);
        screenshot("alex-request-on-a-phone");
        assertThat(horizontalOverflow()).as("how far the request page runs off a phone's screen, in CSS pixels")
                .isLessThanOrEqualTo(0L);
    }
}
