package org.steward.portal.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.steward.portal.IntegrationTest;
import org.steward.portal.PublishedEvents;
import org.steward.workflow.access.AccessPolicy;
import org.steward.workflow.audit.AuditEvent;
import org.steward.workflow.audit.AuditTrail;
import org.steward.workflow.people.Person;
import org.steward.workflow.process.WorkingDays;
import org.steward.workflow.request.RequestService;
import org.steward.workflow.task.ReminderDue;

/**
 * Time passing, through the model's real timers and building blocks: a task that waits is reminded after 2 working
 * days and escalated after 5; an agreement in force is reminded of 30 days before it ends, then expires, and the
 * custodians confirm that access was removed. The engine's clock is moved by hand (the portal's clock follows it)
 * and only the moved request's due jobs are run, so other tests' requests are left as they are.
 */
class RemindersAndExpiryTest extends IntegrationTest {

    @Autowired
    private ManagementService management;

    @Autowired
    private AuditTrail audit;

    @Autowired
    private Clock clock;

    @Autowired
    private WorkingDays workingDays;

    @Autowired
    private RequestService requests;

    @Autowired
    private AccessPolicy access;

    @Autowired
    private PublishedEvents events;

    @AfterEach
    void resetTheClock() {
        ClockUtil.reset();
    }

    @Test
    void aStewardTaskThatWaitsIsRemindedAfterTwoWorkingDaysAndEscalatedToTheDirectorAfterFive() {
        // Public data, so no agreement and no signatory puts wes on the request before the escalation does.
        String reference = submit("Street centerlines, waiting on the steward", "PW-STREET-CENTERLINES");
        JsonNode submitted = request("alex", reference);
        Instant created = Instant.parse(submitted.get("createdAt").asText());
        String stewardTask = taskFor(reference, "stewards-pw");
        Instant due = Instant.parse(submitted.get("currentTasks").get(0).get("due").asText());
        assertThat(due).as("the task is due in 5 working days")
                .isBetween(workingDaysAfter(created, 5).minusSeconds(5), workingDaysAfter(created, 5).plusSeconds(5));
        Person wesAsHimself = new Person("wes", "Wes Weller", null, Set.of());
        assertThat(access.canSee(wesAsHimself, requests.byReference(reference).orElseThrow()))
                .as("wes is on the request only as a custodian, not yet as the director").isFalse();

        moveClockTo(workingDaysAfter(created, 2).minus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);
        assertThat(auditTypes(reference)).doesNotContain("REMINDER", "ESCALATION");

        moveClockTo(workingDaysAfter(created, 2).plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        assertThat(auditTypes(reference)).contains("REMINDER").doesNotContain("ESCALATION");
        assertThat(auditOf(reference, "REMINDER").getDetail()).contains("approveAsSteward").contains("stewards-pw");
        assertThat(events.remindersOf(reference)).singleElement().satisfies(reminder -> {
            assertThat(reminder.kind()).isEqualTo(ReminderDue.Kind.REMINDER);
            assertThat(reminder.step()).isEqualTo("approveAsSteward");
            assertThat(reminder.department()).isEqualTo("PW");
            assertThat(reminder.groups()).containsExactly("stewards-pw");
        });
        JsonNode reminded = request("alex", reference);
        assertThat(reminded.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(reminded.get("currentTasks").findValuesAsText("id")).containsExactly(stewardTask);
        assertThat(tasksListedFor("sam", reference)).containsExactly("approveAsSteward");

        moveClockTo(workingDaysAfter(created, 5).plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        assertThat(auditTypes(reference)).containsOnlyOnce("REMINDER", "ESCALATION");
        assertThat(auditOf(reference, "ESCALATION").getDetail()).contains("approveAsSteward").contains("wes");
        assertThat(events.remindersOf(reference)).filteredOn(r -> r.kind() == ReminderDue.Kind.ESCALATION)
                .singleElement().satisfies(escalation -> {
                    assertThat(escalation.people()).containsExactly("wes");
                    assertThat(escalation.department()).isEqualTo("PW");
                });
        assertThat(access.canSee(wesAsHimself, requests.byReference(reference).orElseThrow()))
                .as("the escalation put the director on the request").isTrue();
        assertThat(get("wes", "/api/requests/" + reference).status()).isEqualTo(200);
        assertThat(get("wes", "/api/requests").body().findValuesAsText("reference")).contains(reference);
        JsonNode escalated = request("alex", reference);
        assertThat(escalated.get("status").asText()).isEqualTo("STEWARD_REVIEW");
        assertThat(escalated.get("currentTasks").findValuesAsText("id")).containsExactly(stewardTask);

        // The steward still decides, late, and the request moves on.
        assertThat(decide("sam", stewardTask, "approve", "Sorry for the wait").status()).isEqualTo(204);
        runDueJobsOf(reference);
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("DELIVERY");
    }

    @Test
    void aPrivacyReviewThatWaitsIsEscalatedToTheAdmins() {
        String reference = submit("Utility accounts, waiting on the privacy office", "FIN-UTILITY-ACCOUNTS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("PRIVACY_REVIEW");
        // Due in 5 working days from when it was created: reminded after 2 and escalated after 5 by then.
        Instant due = Instant.parse(currentTasks(reference).get(0).get("due").asText());

        moveClockTo(due.plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        assertThat(events.remindersOf(reference)).extracting(r -> r.kind() + " " + r.step() + " " + r.groups())
                .containsExactlyInAnyOrder("REMINDER privacyReview [privacy-office]",
                        "ESCALATION privacyReview [admins]");
        assertThat(waitingOn(reference)).containsExactly("privacyReview -> privacy-office");
    }

    @Test
    void anAgreementInForceIsRemindedOfItsEndThenExpiresAndEachCustodianConfirmsAccessRemoved() {
        String reference = submit("Accounts and work orders, until the agreement ends", "FIN-UTILITY-ACCOUNTS",
                "PW-WORK-ORDERS");
        assertThat(decide("fiona", taskFor(reference, "stewards-fin"), "approve", null).status()).isEqualTo(204);
        assertThat(decide("sam", taskFor(reference, "stewards-pw"), "approve", null).status()).isEqualTo(204);
        runJobs();
        assertThat(complete("pat", taskFor(reference, "privacy-office"), "approve", privacyAnswers()).status())
                .isEqualTo(204);
        runJobs();
        assertThat(waitingOn(reference)).containsExactly("signAgreement -> dana", "signAgreement -> frank",
                "signAgreement -> wes");
        assertThat(sign("frank", taskAssignedTo(reference, "frank"), "Frank Franklin", reference).status())
                .isEqualTo(204);
        assertThat(sign("wes", taskAssignedTo(reference, "wes"), "Wes Weller", reference).status()).isEqualTo(204);
        assertThat(sign("dana", taskAssignedTo(reference, "dana"), "Dana Dalton", reference).status())
                .isEqualTo(204);
        runJobs();
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "delivered", null).status()).isEqualTo(204);
        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "delivered", null).status()).isEqualTo(204);
        runJobs();
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        JsonNode inForce = agreement("alex", reference);
        assertThat(inForce.get("status").asText()).isEqualTo("IN_FORCE");
        LocalDate endDate = LocalDate.parse(request("alex", reference).get("request").get("endDate").asText());
        assertThat(inForce.get("expiryDate").asText()).isEqualTo(endDate.toString());
        // The agreement ends when the end date is over: at the start of the next day, in the city's time zone.
        Instant ends = endDate.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
        Instant reminderDue = ends.minus(Duration.ofDays(30));

        moveClockTo(reminderDue.minus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);
        assertThat(auditTypes(reference)).doesNotContain("EXPIRY_REMINDER");

        moveClockTo(reminderDue.plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        assertThat(auditOf(reference, "EXPIRY_REMINDER").getDetail()).contains(inForce.get("number").asText())
                .contains(endDate.toString());
        assertThat(events.expiringAgreementsOf(reference)).singleElement().satisfies(expiring -> {
            assertThat(expiring.agreementNumber()).isEqualTo(inForce.get("number").asText());
            assertThat(expiring.expiryDate()).isEqualTo(endDate);
        });
        assertThat(request("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("IN_FORCE");
        assertThat(currentTasks(reference)).isEmpty();

        moveClockTo(ends.plus(Duration.ofMinutes(1)));
        runDueJobsOf(reference);

        assertThat(request("alex", reference).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(agreement("alex", reference).get("status").asText()).isEqualTo("EXPIRED");
        assertThat(agreement("audrey", reference).get("signatures")).hasSize(3);
        assertThat(waitingOn(reference)).containsExactly("confirmAccessRemoved -> custodians-fin",
                "confirmAccessRemoved -> custodians-pw");
        assertThat(tasksListedFor("frank", reference)).containsExactly("confirmAccessRemoved");
        assertThat(tasksListedFor("wes", reference)).containsExactly("confirmAccessRemoved");
        assertThat(events.expiringAgreementsOf(reference)).as("reminded once only").hasSize(1);

        assertThat(decide("wes", taskFor(reference, "custodians-pw"), "removed", "Share revoked").status())
                .isEqualTo(204);
        runDueJobsOf(reference);
        assertThat(waitingOn(reference)).containsExactly("confirmAccessRemoved -> custodians-fin");
        assertThat(decide("frank", taskFor(reference, "custodians-fin"), "removed", null).status()).isEqualTo(204);
        runDueJobsOf(reference);

        JsonNode closed = request("alex", reference);
        assertThat(closed.get("status").asText()).isEqualTo("EXPIRED");
        assertThat(closed.get("currentTasks")).isEmpty();
        assertThat(tasksListedFor("frank", reference)).isEmpty();
        assertThat(tasksListedFor("wes", reference)).isEmpty();
        assertThat(timeline(reference)).endsWith("wes:confirmAccessRemoved:removed:api",
                "frank:confirmAccessRemoved:removed:api");
        assertThat(management.createJobQuery().processInstanceId(processInstanceOf(reference)).count())
                .as("nothing left to run").isZero();
    }

    /** The engine's clock (and so the portal's) at a whole second, as MySQL without fractions stores it. */
    private static void moveClockTo(Instant moment) {
        ClockUtil.setCurrentTime(Date.from(moment.truncatedTo(ChronoUnit.SECONDS)));
    }

    /** Runs the request's due jobs (timers and continuations) one at a time, as the job executor would. */
    private void runDueJobsOf(String reference) {
        String processInstance = processInstanceOf(reference);
        for (int ran = 0; ran < 50; ran++) {
            List<Job> due = management.createJobQuery().processInstanceId(processInstance).executable()
                    .listPage(0, 1);
            if (due.isEmpty()) {
                return;
            }
            management.executeJob(due.get(0).getId());
        }
        throw new AssertionError("Jobs of " + reference + " keep coming after 50 runs");
    }

    private String processInstanceOf(String reference) {
        return requests.byReference(reference).orElseThrow().getProcessInstanceId();
    }

    /** The same time of day the given number of working days later, in the city's time zone. */
    private Instant workingDaysAfter(Instant start, int days) {
        ZonedDateTime moment = start.atZone(clock.getZone());
        int counted = 0;
        while (counted < days) {
            moment = moment.plusDays(1);
            if (workingDays.isWorkingDay(moment.toLocalDate())) {
                counted++;
            }
        }
        return moment.toInstant();
    }

    private List<String> auditTypes(String reference) {
        return audit.of(reference).stream().map(AuditEvent::getType).toList();
    }

    private AuditEvent auditOf(String reference, String type) {
        return audit.of(reference).stream().filter(e -> e.getType().equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("No " + type + " in the audit trail of " + reference));
    }
}
