package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;

/**
 * The requester hears of every change of their request by email, each with its own words, what happens next, the
 * reason when there is one (as it was typed), and a link to the request's page; nobody else gets these emails.
 */
class StatusEmailsTest extends MailTest {

    @Test
    void submittedChangesRequestedSentRoundAgainAndWithdrawn_eachReachTheRequesterWithTheReason() {
        String title = "Work orders for the sidewalk plan";
        String reference = submit(title, "PW-WORK-ORDERS");
        Mails.Mail submitted = statusEmail(reference, title, "Your request was submitted");
        assertThat(submitted.text()).contains("What happens next: The data stewards of the departments that own the "
                + "data review it now.", "is now: Waiting for the data stewards.").doesNotContain("The reason given");

        String asked = "Name the work types you need, and drop the crew names.";
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", asked).status()).isEqualTo(204);
        runJobs();
        Mails.Mail changes = statusEmail(reference, title, "Changes were asked for on your request");
        assertThat(changes.text()).contains("The reason given: Sam Sorensen (Approve as data steward): " + asked,
                "What happens next: Open the request, change what was asked for and send it round again, or withdraw it.");
        assertThat(changes.htmlText()).contains("The reason given: Sam Sorensen (Approve as data steward): " + asked);

        assertThat(decide("alex", taskAssignedTo(reference, "alex"), "resubmit", null).status()).isEqualTo(204);
        runJobs();
        statusEmail(reference, title, "Your request was sent round again");

        String why = "The housing plan was postponed to next year.";
        assertThat(post("alex", "/api/requests/" + reference + "/withdraw", Map.of("reason", why)).status())
                .isEqualTo(200);
        runJobs();
        Mails.Mail withdrawn = statusEmail(reference, title, "Your request was withdrawn");
        assertThat(withdrawn.text()).contains("What happens next: Nothing more happens to this request.",
                "is now: Withdrawn by the requester.", why);

        onlyTheRequesterHeardOfTheStatus(reference, "Your request was submitted",
                "Changes were asked for on your request", "Your request was sent round again",
                "Your request was withdrawn");
    }

    @Test
    void aRejectionTellsTheRequesterTheReasonWordForWord() {
        String title = "Work orders with crew phone numbers";
        String reference = submit(title, "PW-WORK-ORDERS");
        statusEmail(reference, title, "Your request was submitted");
        // Quotes, an ampersand and angle brackets: the plain text keeps them, the HTML shows them (escaped).
        String reason = "Work orders hold \"private addresses\" & crew phone numbers <see column 7>; ask for the "
                + "summary table instead.";

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "reject", reason).status()).isEqualTo(204);
        runJobs();

        Mails.Mail rejected = statusEmail(reference, title, "Your request was rejected");
        assertThat(rejected.text()).contains("The reason given: Sam Sorensen (Approve as data steward): " + reason,
                "What happens next: Nothing more happens to this request.", "is now: Rejected.");
        assertThat(rejected.htmlText()).contains("The reason given: Sam Sorensen (Approve as data steward): " + reason);
        assertThat(rejected.html()).contains("&lt;see column 7&gt;").doesNotContain("<see column 7>");
        onlyTheRequesterHeardOfTheStatus(reference, "Your request was submitted", "Your request was rejected");
    }

    @Test
    void publicDataApprovedThenDelivered_eachReachTheRequester() {
        String title = "Street centerlines for the bike map";
        String reference = submit(title, "PW-STREET-CENTERLINES");
        statusEmail(reference, title, "Your request was submitted");

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        Mails.Mail approved = statusEmail(reference, title, "Your request was approved; the data is being delivered");
        assertThat(approved.text()).contains("What happens next: Nothing to do for now");

        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        Mails.Mail delivered = statusEmail(reference, title, "The data was delivered");
        assertThat(delivered.text()).contains("What happens next: Use the data as the request and its agreement say.",
                "is now: Delivered.");
        onlyTheRequesterHeardOfTheStatus(reference, "Your request was submitted",
                "Your request was approved; the data is being delivered", "The data was delivered");
    }

    @Test
    void anAgreementReadyToSignInForceExpiringAndExpired_eachReachTheRequester() {
        String title = "Work orders until the agreement ends";
        String reference = submit(title, "PW-WORK-ORDERS");
        statusEmail(reference, title, "Your request was submitted");

        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        Mails.Mail ready = statusEmail(reference, title,
                "The data-sharing agreement for your request is ready to sign");
        assertThat(ready.text()).contains("What happens next: Each party's signatory reads and signs the agreement "
                + "in the portal.", "is now: Waiting for signatures.");

        for (JsonNode task : currentTasks(reference)) {
            String signatory = task.get("assignee").asText();
            assertThat(sign(signatory, task.get("id").asText(), people.displayName(signatory), reference).status())
                    .isEqualTo(204);
        }
        runJobs();
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(status(reference)).isEqualTo("IN_FORCE");
        Mails.Mail inForce = statusEmail(reference, title, "The agreement is in force and the data was delivered");
        assertThat(inForce.text()).contains("is now: Delivered under an agreement in force.");

        JsonNode agreement = agreement("alex", reference);
        LocalDate endDate = LocalDate.parse(agreement.get("expiryDate").asText());
        Instant ends = endDate.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        moveClockTo(ends.minus(Duration.ofDays(30)).plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);
        String endDay = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.US).format(endDate);
        Mails.Mail expiring = statusEmail(reference, title,
                "The agreement " + agreement.get("number").asText() + " expires on " + endDay);
        assertThat(expiring.text()).contains("What happens next: If the data is still needed, the requester renews "
                + "it from the request's page");
        // Public Works provides the data: its data steward is told as well.
        Mails.Mail toTheSteward = awaitEmail(reference, "sam", "The agreement " + agreement.get("number").asText()
                + " expires on " + endDay);
        assertThat(toTheSteward.to()).containsExactly("sam@example.org");

        moveClockTo(ends.plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);
        Mails.Mail expired = statusEmail(reference, title, "The agreement for your request has expired");
        assertThat(expired.text()).contains("What happens next: Access to the data is being removed.",
                "is now: The agreement has expired.");
        onlyTheRequesterHeardOfTheStatus(reference, "Your request was submitted",
                "The data-sharing agreement for your request is ready to sign",
                "Your request was approved; the data is being delivered",
                "The agreement is in force and the data was delivered",
                "The agreement " + agreement.get("number").asText() + " expires on " + endDay,
                "The agreement for your request has expired");

        // The custodian closes the request while the clock is still in the future, so its emails go out too.
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "removed", null).status()).isEqualTo(204);
        runDueJobsOf(reference);
        settled(reference);
    }

    /**
     * The one status email to alex whose subject is the headline and the reference, with the request named, its
     * title, and a link to its page in both parts.
     */
    private Mails.Mail statusEmail(String reference, String title, String headline) {
        Mails.Mail mail = awaitEmail(reference, "alex", headline);
        assertThat(mail.subject()).isEqualTo(headline + " (" + reference + ")");
        assertThat(mail.to()).containsExactly("alex@example.org");
        String page = portal("/requests/" + reference);
        assertThat(mail.text()).contains("Hello Alex Anders", headline, "Request " + reference + ", \"" + title + "\".",
                "Open the request: " + page, "Choose which emails you get: " + portal("/settings/email"));
        assertThat(mail.htmlText()).contains("Hello Alex Anders", headline, "Request " + reference + ", " + title + ".");
        assertThat(mail.htmlLinks()).containsEntry("Open the request", page).containsEntry(reference, page);
        return mail;
    }

    /**
     * Status emails go to the requester only (an expiry notice to the providing departments' stewards too), one for
     * each change, in the order of the changes.
     */
    private void onlyTheRequesterHeardOfTheStatus(String reference, String... headlines) {
        assertThat(outbox.about(reference)).filteredOn(r -> r.getKind() == EmailKind.STATUS_CHANGED)
                .filteredOn(r -> !"sam".equals(r.getRecipient()) || !r.getSubject().contains(" expires on "))
                .extracting(OutboxEmail::getRecipient).hasSize(headlines.length).containsOnly("alex");
        assertThat(outbox.about(reference)).filteredOn(r -> r.getKind() == EmailKind.STATUS_CHANGED)
                .filteredOn(r -> "alex".equals(r.getRecipient()))
                .extracting(OutboxEmail::getSubject).containsExactly(java.util.Arrays.stream(headlines)
                        .map(h -> h + " (" + reference + ")").toArray(String[]::new));
    }
}
