package org.steward.portal.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.EmailOutbox;
import org.steward.notifications.outbox.OutboxEmail;
import org.steward.notifications.preference.EmailPreferences;
import org.steward.notifications.preference.StatusTopic;
import org.steward.portal.TestMailServer;
import org.steward.portal.mail.Mails;
import org.steward.workflow.people.PeopleService;

/**
 * Email in a real browser: sam opens the Approve link of the email the mail server received, confirms with a comment
 * and, opening the link again later, sees where the request went; the admin reads that email in the in-app mailbox
 * for support, its buttons replaced by notes; sam reads it there too, and its buttons open the portal; alex turns off
 * an email in his settings; the admin sends an email that failed while the mail server was down again from the
 * outbox page.
 */
class EmailBrowserTest extends PortalBrowserTest {

    @Autowired
    private EmailPreferences preferences;

    @Autowired
    private PeopleService people;

    @Autowired
    private EmailOutbox outbox;

    @Test
    void samApprovesFromTheEmailTheMailServerReceived_andTheAdminReadsItInTheMailboxWithoutItsButtons() {
        String reference = submit("Work orders for the pothole study", "PW-WORK-ORDERS");
        Mails.Mail mail = Mails.awaitOne("sam@example.org", reference);
        String approve = mail.actions().get("Approve");
        assertThat(approve).startsWith(url("/act/"));

        // sam, not logged in, opens the link from his mail program.
        browser.get(approve);
        waitForText(By.tagName("h1"), "Confirm your decision");
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Sam Sorensen")
                .contains("Approve as data steward").contains(reference).contains("Street maintenance work orders");
        fillIn(By.id("comment"), "Fine for the pothole study, from my phone.");
        screenshot("confirm-from-the-email");
        assertAccessible("confirm page of an email link");
        browser.findElement(By.id("confirm")).click();
        waitForText(By.tagName("h1"), "Done");
        assertThat(browser.findElement(By.id("outcome")).getText()).contains("Sam Sorensen").contains("Approve")
                .contains("Approve as data steward").contains(reference).contains("as sent from your email");
        screenshot("done");
        assertThat(timeline(reference)).contains("sam:approveAsSteward:approve:email");

        // Later he opens the link again: it is used, and the page says where the request is now.
        runJobs();
        browser.get(approve);
        waitForText(By.tagName("h1"), "This link cannot be used");
        assertThat(browser.findElement(By.id("why")).getText()).contains("already used");
        assertThat(browser.findElement(By.id("next-status")).getText())
                .isEqualTo("The request is now: Waiting for signatures.");
        screenshot("link-again-next-step");

        // The admin reads the same email in the in-app mailbox, for support: sam's buttons are notes there.
        logIn("admin");
        browser.findElement(By.linkText("Mailbox")).click();
        waitForText(By.tagName("h1"), "Mailbox");
        String subject = "Waiting for you: Approve as data steward on " + reference;
        waitFor(By.linkText(subject));
        screenshot("admin-mailbox");
        assertAccessible("mailbox");
        browser.findElement(By.linkText(subject)).click();
        waitForText(By.tagName("h1"), subject);
        assertThat(browser.findElement(By.id("envelope")).getText()).contains("Sam Sorensen <sam@example.org>");
        assertThat(browser.findElement(By.id("links-removed")).getText()).contains("sent to Sam Sorensen, not to you");
        assertThat(textContent(By.id("email-text"))).doesNotContain(approve).contains(
                "Approve: [Action link removed: only Sam Sorensen can use it from their own mailbox]");
        browser.switchTo().frame(browser.findElement(By.id("email-html")));
        waitFor(By.linkText("Read the whole request"));
        assertThat(browser.findElements(By.linkText("Approve"))).isEmpty();
        assertThat(browser.findElement(By.tagName("body")).getText())
                .contains("[Approve] Action link removed: only Sam Sorensen can use it from their own mailbox.");
        browser.switchTo().defaultContent();
        screenshot("admin-mailbox-email");
        assertAccessible("an email in the mailbox");

        // sam reads it in his own mailbox: its button opens the portal in the whole window, as from a mail program;
        // the link is used by now.
        handOverTo("sam");
        browser.findElement(By.linkText("Mailbox")).click();
        waitForText(By.tagName("h1"), "Mailbox");
        browser.findElement(By.linkText(subject)).click();
        waitForText(By.tagName("h1"), subject);
        assertThat(textContent(By.id("email-text"))).contains("Approve: " + approve);
        browser.switchTo().frame(browser.findElement(By.id("email-html")));
        WebElement button = waitFor(By.linkText("Approve"));
        assertThat(button.getAttribute("href")).isEqualTo(approve);
        button.click();
        browser.switchTo().defaultContent();
        wait.until(ExpectedConditions.urlToBe(approve));
        waitForText(By.tagName("h1"), "This link cannot be used");
        assertThat(browser.findElement(By.id("next-status")).getText()).contains("Waiting for signatures");
        screenshot("mailbox-button-opens-the-link");
    }

    @Test
    void alexReadsOnlyHisMailAndTurnsOffAnEmail_andTheAdminSendsAFailedEmailAgainFromTheOutbox() {
        String reference = submit("Work orders for the settings page", "PW-WORK-ORDERS");
        awaitEvery(reference, OutboxEmail.Status.SENT);
        // The mail server is down while another request is submitted: its emails fail every try (about 6 s).
        String unlucky;
        TestMailServer.stop();
        try {
            unlucky = submit("Work orders while the mail server is down", "PW-WORK-ORDERS");
            awaitEvery(unlucky, OutboxEmail.Status.FAILED);
        } finally {
            TestMailServer.start();
        }
        long failedTask = outbox.about(unlucky).stream().filter(e -> e.getKind() == EmailKind.TASK_WAITING)
                .findFirst().orElseThrow().getId();
        try {
            logIn("alex");
            browser.findElement(By.linkText("Mailbox")).click();
            waitForText(By.tagName("h1"), "Mailbox");
            waitFor(By.partialLinkText("(" + reference + ")"));
            assertThat(browser.findElement(By.id("emails")).getText()).doesNotContain("sam@example.org");
            screenshot("alex-mailbox");

            browser.findElement(By.linkText("Email settings")).click();
            waitForText(By.tagName("h1"), "Email settings");
            assertThat(browser.findElement(By.id("always")).getText()).contains("always go out");
            screenshot("alex-email-settings");
            assertAccessible("email settings");
            browser.findElement(By.id("topic-SUBMITTED")).click();
            browser.findElement(By.xpath("//main//button[normalize-space()='Save email settings']")).click();
            waitForText(By.id("saved"), "Saved. You will get emails about: ");
            assertThat(browser.findElement(By.id("saved")).getText())
                    .doesNotContain("your request was submitted").contains("your request was approved");
            assertThat(browser.findElement(By.id("topic-SUBMITTED")).isSelected()).isFalse();
            screenshot("alex-email-settings-saved");

            // The admin finds the failed emails in the outbox and sends sam's task email again.
            handOverTo("admin");
            open("/admin");
            waitForText(By.id("failed-emails"), "failed after every try");
            browser.findElement(By.linkText("Emails")).click();
            waitForText(By.tagName("h1"), "Emails");
            assertThat(browser.findElement(By.id("emails")).getText()).contains(reference)
                    .contains("Alex Anders <alex@example.org>").contains("Sam Sorensen <sam@example.org>");
            screenshot("admin-outbox");
            assertAccessible("outbox page");
            browser.findElement(By.id("trouble")).click();
            browser.findElement(By.xpath("//form[@id='filter']//button[normalize-space()='Show']")).click();
            waitForText(By.id("emails-heading"), "The newest failed and waiting emails");
            WebElement row = browser.findElement(By.id("email-" + failedTask));
            assertThat(row.getText()).contains(unlucky).contains("Failed").contains("No more tries");
            assertThat(browser.findElement(By.id("email-" + failedTask + "-error")).getText())
                    .startsWith("Last error: ").contains("MailConnectException");
            assertThat(browser.findElements(By.xpath("//table[@id='emails']//span[contains(@class, 'badge')]")))
                    .extracting(WebElement::getText).isNotEmpty().doesNotContain("Sent");
            screenshot("admin-outbox-failed-emails");
            assertAccessible("outbox page with failed emails");
            row.findElement(By.xpath(".//button[starts-with(normalize-space(), 'Send again')]")).click();
            waitForText(By.cssSelector("main .alert--success"), "Email " + failedTask
                    + " will be sent again within a few seconds.");
            screenshot("admin-outbox-sent-again");
            Mails.Mail arrived = Mails.await(1, m -> String.valueOf(failedTask).equals(m.headers()
                    .get("X-Steward-Email"))).get(0);
            assertThat(arrived.subject()).isEqualTo("Waiting for you: Approve as data steward on " + unlucky);
        } finally {
            preferences.choose(people.find("alex").orElseThrow(), EnumSet.allOf(StatusTopic.class));
        }
    }

    /** Waits until every email about the request has the status given; fails after 40 seconds. */
    private void awaitEvery(String reference, OutboxEmail.Status status) {
        Instant until = Instant.now().plus(Duration.ofSeconds(40));
        while (outbox.about(reference).isEmpty() || !outbox.about(reference).stream()
                .allMatch(e -> e.getStatus() == status)) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("The emails about " + reference + " are not all " + status + " after 40 s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
