package org.steward.portal.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.steward.notifications.outbox.EmailKind;
import org.steward.notifications.outbox.OutboxEmail;

/**
 * The model's timers write to people: after 2 working days the stewards the step waits for are reminded, after 5 the
 * department's director is told it is overdue. The engine's clock is moved and only this request's jobs are run.
 */
class ReminderEmailsTest extends MailTest {

    @Test
    void aWaitingStewardIsRemindedByEmail_thenTheDirectorIsToldItIsOverdue() {
        // Public data: no agreement, so the director of Public Works is on the request only once it is escalated.
        String title = "Street centerlines for the snow routes";
        String reference = submit(title, "PW-STREET-CENTERLINES");
        JsonNode submitted = request("alex", reference);
        Instant created = Instant.parse(submitted.get("createdAt").asText());
        String taskId = taskFor(reference, "stewards-pw");
        Instant due = Instant.parse(submitted.get("currentTasks").get(0).get("due").asText());
        awaitEmail(reference, "sam", "Waiting for you");

        moveClockTo(workingDaysAfter(created, 2).plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        Mails.Mail reminder = awaitEmail(reference, "sam", "Reminder:");
        assertThat(reminder.subject()).isEqualTo("Reminder: Approve as data steward on " + reference + " is waiting");
        assertThat(reminder.text()).contains("Hello Sam Sorensen",
                "the step \"Approve as data steward\" of request " + reference + ", \"" + title + "\", has waited since "
                        + day(created) + " for the department PW.",
                "It is due by " + day(due) + ".", "What is asked: take the decision on the task page.",
                "Open the task: " + portal("/tasks/" + taskId),
                "Read the whole request: " + portal("/requests/" + reference));
        assertThat(reminder.htmlText()).contains("Reminder: Approve as data steward is waiting", reference, title,
                "It is due by " + day(due), "What is asked: take the decision on the task page.");
        assertThat(reminder.htmlLinks()).containsEntry("Open the task", portal("/tasks/" + taskId))
                .containsEntry("Read the whole request", portal("/requests/" + reference));
        assertThat(outbox.about(reference)).filteredOn(r -> r.getKind() == EmailKind.REMINDER)
                .extracting(OutboxEmail::getRecipient).containsExactly("sam");
        assertThat(outbox.about(reference)).noneMatch(r -> r.getKind() == EmailKind.ESCALATION);

        moveClockTo(workingDaysAfter(created, 5).plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        Mails.Mail escalation = awaitEmail(reference, "wes", "Overdue:");
        assertThat(escalation.subject()).isEqualTo("Overdue: Approve as data steward on " + reference + " is waiting");
        assertThat(escalation.text()).contains("Hello Wes Weller",
                "the step \"Approve as data steward\" of request " + reference + ", \"" + title + "\", has waited since "
                        + day(created) + " for the department PW and was due by " + day(due) + ".",
                "What is asked: make sure someone decides, or decide yourself on the task page.",
                "Open the task: " + portal("/tasks/" + taskId));
        assertThat(escalation.htmlText()).contains("Overdue: Approve as data steward", reference, title,
                "it was due by " + day(due));
        assertThat(escalation.htmlLinks()).containsEntry("Open the task", portal("/tasks/" + taskId))
                .containsEntry("Read the whole request", portal("/requests/" + reference));
        List<OutboxEmail> rows = outbox.about(reference);
        assertThat(rows).filteredOn(r -> r.getKind() == EmailKind.ESCALATION).extracting(OutboxEmail::getRecipient)
                .containsExactly("wes");
        assertThat(rows).filteredOn(r -> r.getKind() == EmailKind.REMINDER).as("reminded once only").hasSize(1);
        assertThat(settled(reference)).filteredOn(m -> m.subject().startsWith("Reminder:")
                || m.subject().startsWith("Overdue:")).extracting(m -> m.to().get(0))
                .containsExactlyInAnyOrder("sam@example.org", "wes@example.org");
    }
}
