package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;

/**
 * A step that waits on people reaches them by email, and only them: the members of the step's group with one link per
 * decision, the privacy office with a link to the task page (its questions are not answered from an email), the
 * requester by name for a revision.
 */
class TaskEmailsTest extends MailTest {

    @Test
    void aStewardReviewReachesEveryStewardOfTheGroup_withOneLinkPerDecision_andNobodyElse() {
        String title = "Work orders for the curb ramp audit";
        String reference = submit(title, "PW-WORK-ORDERS");
        JsonNode task = currentTasks(reference).get(0);
        String taskId = task.get("id").asText();

        Mails.Mail mail = awaitEmail(reference, "sam", "Waiting for you");

        assertThat(mail.subject()).isEqualTo("Waiting for you: Approve as data steward on " + reference);
        assertThat(mail.to()).containsExactly("sam@example.org");
        String due = day(Instant.parse(task.get("due").asText()));
        for (String body : List.of(mail.text(), mail.htmlText())) {
            assertThat(body).contains("Hello Sam Sorensen", reference, title, "Approve as data steward",
                    "Please decide by " + due, "What is asked: choose Approve, Reject or Ask for changes.");
        }
        assertThat(mail.text()).contains("waits for your decision on the step \"Approve as data steward\"");
        assertThat(mail.htmlText()).contains("Approve as data steward: waiting for you");
        Map<String, String> actions = mail.actions();
        assertThat(actions).containsOnlyKeys("Approve", "Reject", "Ask for changes");
        assertThat(actions.values()).allMatch(url -> url.startsWith(portal("/act/")))
                .extracting(url -> url.substring(url.lastIndexOf('/') + 1)).doesNotHaveDuplicates()
                .allMatch(token -> token.length() >= 43, "256 bits in URL-safe Base64");
        assertThat(mail.htmlLinks()).containsEntry("Approve", actions.get("Approve"))
                .containsEntry("Reject", actions.get("Reject"))
                .containsEntry("Ask for changes", actions.get("Ask for changes"))
                .containsEntry("Read the whole request", portal("/requests/" + reference))
                .containsEntry("Open the task in the portal", portal("/tasks/" + taskId));
        assertThat(mail.text()).contains("Read the whole request: " + portal("/requests/" + reference));

        // Nobody outside the group was written to about the step; the requester only heard of the submission.
        List<OutboxEmail> rows = outbox.about(reference);
        assertThat(rows).filteredOn(r -> r.getKind() == EmailKind.TASK_WAITING)
                .extracting(OutboxEmail::getRecipient).containsExactly("sam");
        assertThat(settled(reference)).extracting(m -> m.to().get(0) + " " + m.subject()).containsExactlyInAnyOrder(
                "sam@example.org Waiting for you: Approve as data steward on " + reference,
                "alex@example.org Your request was submitted (" + reference + ")");
    }

    @Test
    void aPrivacyReviewHasQuestionsToAnswer_soItsEmailLinksToTheTaskPageInsteadOfDecidingFromTheEmail() {
        String title = "Utility accounts for the arrears study";
        String reference = submit(title, "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        String privacyTask = taskFor(reference, "privacy-office");
        JsonNode task = currentTasks(reference).get(0);

        Mails.Mail mail = awaitEmail(reference, "pat", "Waiting for you");
        assertThat(awaitEmail(reference, "alex", "The data stewards approved").subject()).isEqualTo(
                "The data stewards approved your request; it is now with the privacy office (" + reference + ")");

        assertThat(mail.subject()).isEqualTo("Waiting for you: Review privacy on " + reference);
        assertThat(mail.to()).containsExactly("pat@example.org");
        assertThat(mail.actions()).isEmpty();
        assertThat(mail.text()).doesNotContain("/act/").contains(
                "This step has questions to answer, so it is done on its page (you will be asked to log in):\n"
                        + portal("/tasks/" + privacyTask),
                "Please decide by " + day(Instant.parse(task.get("due").asText())), reference, title,
                "What is asked: choose Approve, Approve with conditions, Reject or Ask for changes.");
        assertThat(mail.htmlHrefs()).noneMatch(href -> href.contains("/act/"))
                .contains(portal("/tasks/" + privacyTask), portal("/requests/" + reference));
        assertThat(mail.htmlLinks()).containsEntry("open the task", portal("/tasks/" + privacyTask));
        assertThat(mail.htmlText()).contains("Review privacy", reference, title);
        assertThat(outbox.about(reference)).filteredOn(r -> r.getKind() == EmailKind.TASK_WAITING)
                .filteredOn(r -> privacyTask.equals(r.getTaskId())).extracting(OutboxEmail::getRecipient)
                .containsExactly("pat");
    }

    @Test
    void aRevisionIsAssignedToTheRequesterByName_soOnlyTheyAreWrittenTo_withResubmitAndWithdrawLinks() {
        String title = "Work orders, to be revised";
        String reference = submit(title, "PW-WORK-ORDERS");
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "changes", "Name the work types you need.")
                .status()).isEqualTo(204);
        runJobs();
        String revise = taskAssignedTo(reference, "alex");

        Mails.Mail mail = awaitEmail(reference, "alex", "Waiting for you");

        assertThat(mail.subject()).isEqualTo("Waiting for you: Revise the request on " + reference);
        assertThat(mail.actions()).containsOnlyKeys("Send it round again", "Withdraw the request");
        assertThat(mail.htmlLinks()).containsEntry("Send it round again", mail.actions().get("Send it round again"))
                .containsEntry("Withdraw the request", mail.actions().get("Withdraw the request"))
                .containsEntry("Open the task in the portal", portal("/tasks/" + revise));
        assertThat(mail.text()).contains(reference, title, "on the step \"Revise the request\"",
                "What is asked: choose Send it round again or Withdraw the request.", "Please decide by ");
        assertThat(outbox.about(reference)).filteredOn(r -> revise.equals(r.getTaskId()))
                .extracting(OutboxEmail::getRecipient).containsExactly("alex");
        assertThat(settled(reference)).filteredOn(m -> m.subject().contains("Revise the request"))
                .extracting(m -> m.to().get(0)).containsExactly("alex@example.org");
    }
}
